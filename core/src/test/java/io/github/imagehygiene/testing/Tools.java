package io.github.imagehygiene.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real tools tests compare with (dpkg-query, dpkg, apk): a missing one skips the test with a visible message, or
 * fails it under {@code -DimageHygiene.it.docker=required}, as .ci/run sets.
 */
public final class Tools {
    private Tools() {
    }

    /** The executable at {@code path}, else skipped (or failed when required). */
    public static Path require(String path, String what) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p)) {
            String message = "SKIPPED: " + what + " (" + path + ") is absent";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return p;
    }

    /** Runs a command; its standard output as lines, or an error with its standard error when it fails. */
    public static List<String> run(List<String> command) {
        try {
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                if (rc != 0) {
                    throw new IllegalStateException(command + " exited " + rc + ": " + Files.readString(err));
                }
                return out.lines().toList();
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
