package io.github.imagehygiene.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.findings.Masking;

/**
 * The one way out of the check: every console line and every file goes through here, and so through the image's
 * {@link Masking}. A report format is a class that renders the result and hands its text or JSON tree to this
 * writer; it cannot forget to mask.
 */
public final class Output implements LogSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Masking masking;
    private final LogSink log;
    private final Path directory;

    private Output(Masking masking, LogSink log, Path directory) {
        this.masking = masking;
        this.log = log;
        this.directory = directory;
    }

    /**
     * @param directory where files go (created on the first write); null: files are not written
     */
    public static Output to(LogSink log, Path directory, Masking masking) {
        return new Output(masking, log, directory);
    }

    /** The same console and folder, masking what this image holds besides the patterns. */
    public Output masking(Masking imageMasking) {
        return new Output(imageMasking, log, directory);
    }

    public Masking masking() {
        return masking;
    }

    /** Whether files are written at all. */
    public boolean writesFiles() {
        return directory != null;
    }

    @Override
    public void info(String line) {
        log.info(masking.apply(line));
    }

    @Override
    public void warn(String line) {
        log.warn(masking.apply(line));
    }

    @Override
    public void debug(String line) {
        log.debug(masking.apply(line));
    }

    /** Masks a text that leaves the check by another way (the build failure's message). */
    public String masked(String text) {
        return masking.apply(text);
    }

    /** Writes a JSON tree, every text value masked, indented with two spaces, LF line ends and a final LF. */
    public Path writeJson(String fileName, JsonNode tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return write(fileName, JSON.writer(printer).writeValueAsString(masking.applyTo(tree.deepCopy())) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** Writes a JSON document given as text (another library's output): parsed, then as {@link #writeJson}. */
    public Path writeJsonText(String fileName, String json) {
        try {
            return writeJson(fileName, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** Writes a text, masked line by line. */
    public Path writeText(String fileName, String text) {
        return write(fileName, masking.apply(text));
    }

    private Path write(String fileName, String text) {
        if (directory == null) {
            throw new IllegalStateException("no report directory to write " + fileName + " to");
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(fileName);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new ImageHygieneException("Cannot write the report to " + directory + ": "
                    + io.github.imagehygiene.common.FileProblem.of(e, directory), e);
        }
    }
}
