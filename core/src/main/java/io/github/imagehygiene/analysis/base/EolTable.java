package io.github.imagehygiene.analysis.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * A dated table of operating-system end-of-life dates. The bundled one is
 * {@code io/github/imagehygiene/eol/os-eol.csv}; {@code eolData} may name a newer file of the same format:
 *
 * <pre>
 * # comment lines and blank lines are ignored
 * date,2026-02-12                      the day the table was last checked (required, first data line)
 * id,cycle,eol,name                    a row per release cycle:
 * debian,12,2028-06-30,Debian 12 (bookworm)
 * </pre>
 *
 * {@code id} is the os-release ID ({@code debian}, {@code ubuntu}, {@code alpine}, {@code amzn}, {@code rhel},
 * {@code rocky}, {@code almalinux}); {@code cycle} matches a VERSION_ID equal to it or continuing it after a dot
 * ({@code 3.20} matches {@code 3.20.3}), the longest cycle winning; {@code eol} is the last day with free security
 * updates; {@code name} is free text (commas allowed).
 */
public final class EolTable {
    public static final String BUNDLED = "io/github/imagehygiene/eol/os-eol.csv";

    private final String source;
    private final LocalDate date;
    private final List<Row> rows;

    /**
     * One release cycle.
     *
     * @param id    os-release ID
     * @param cycle the release cycle, e.g. {@code 12}, {@code 3.20}, {@code 22.04}, {@code 2023}
     * @param eol   the end of life
     * @param name  e.g. "Debian 12 (bookworm)"
     */
    public record Row(String id, String cycle, LocalDate eol, String name) {
    }

    private EolTable(String source, LocalDate date, List<Row> rows) {
        this.source = source;
        this.date = date;
        this.rows = List.copyOf(rows);
    }

    /** The table shipped in the plugin. */
    public static EolTable bundled() {
        try (InputStream in = EolTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("The bundled EOL table " + BUNDLED + " is missing from the plugin");
            }
            return parse("bundled EOL table", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the bundled EOL table " + BUNDLED, e);
        }
    }

    /** Reads an {@code eolData} file; a missing or malformed one fails naming the file and line. */
    public static EolTable load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read eolData " + file + ": "
                    + io.github.imagehygiene.common.FileProblem.of(e, file));
        }
    }

    static EolTable parse(String source, String text) {
        LocalDate date = null;
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 4);
            String where = "eolData " + source + " line " + (n + 1) + ": ";
            if (date == null) {
                if (f.length != 2 || !f[0].strip().equals("date")) {
                    throw new ConfigurationException(where + "expected the table's date first, e.g. date,2026-02-12");
                }
                date = date(where, f[1]);
                continue;
            }
            if (f.length < 3) {
                throw new ConfigurationException(where + "expected id,cycle,eol[,name], found '" + line + "'");
            }
            String id = f[0].strip().toLowerCase(Locale.ROOT);
            String cycle = f[1].strip();
            if (id.isEmpty() || cycle.isEmpty()) {
                throw new ConfigurationException(where + "id and cycle must not be empty");
            }
            rows.add(new Row(id, cycle, date(where, f[2]), f.length > 3 ? f[3].strip() : id + " " + cycle));
        }
        if (date == null) {
            throw new ConfigurationException("eolData " + source + " has no date line (date,YYYY-MM-DD)");
        }
        return new EolTable(source, date, rows);
    }

    private static LocalDate date(String where, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(where + "'" + text.strip() + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** Where the table came from: "bundled EOL table" or the file. */
    public String source() {
        return source;
    }

    /** The day the table was last checked. */
    public LocalDate date() {
        return date;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row of an operating system: same id, the longest cycle that VERSION_ID equals or continues. */
    public Optional<Row> lookup(String id, String versionId) {
        if (id == null || versionId == null) {
            return Optional.empty();
        }
        Row best = null;
        for (Row r : rows) {
            if (r.id().equals(id) && OperatingSystem.startsWithVersion(versionId, r.cycle())
                    && (best == null || r.cycle().length() > best.cycle().length())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }
}
