package io.github.imagehygiene.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real OSV records of src/test/fixtures/osv, and osv.dev's export layout made from them: one
 * {@code <Ecosystem>/all.zip} per ecosystem (the ecosystem cut at its first ':'), flat {@code <ID>.json} entries with
 * the records' bytes unchanged, a record in every zip of an ecosystem it names.
 */
public final class OsvFixtures {
    public static final Path RECORDS = Path.of("src/test/fixtures/osv");

    private OsvFixtures() {
    }

    /** Every record file, by path. */
    public static List<Path> records() {
        try (Stream<Path> walk = Files.walk(RECORDS)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records parsed by the project's reader, of the files below {@code RECORDS} that {@code wanted} accepts (a
     * folder, a file name), by path.
     */
    public static List<io.github.imagehygiene.analysis.vulnerability.osv.OsvRecord> parsed(
            java.util.function.Predicate<Path> wanted) {
        List<io.github.imagehygiene.analysis.vulnerability.osv.OsvRecord> out = new java.util.ArrayList<>();
        for (Path f : records()) {
            if (wanted.test(f)) {
                try (java.io.InputStream in = Files.newInputStream(f)) {
                    out.add(new io.github.imagehygiene.analysis.vulnerability.osv.OsvJson().record(in));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (Exception malformed) {
                    throw new IllegalStateException(f + ": " + malformed.getMessage(), malformed);
                }
            }
        }
        return out;
    }

    /** The records of the given folders of {@code RECORDS} ("almalinux", "ubuntu"). */
    public static List<io.github.imagehygiene.analysis.vulnerability.osv.OsvRecord> parsed(String... folders) {
        return parsed(f -> java.util.Arrays.stream(folders).anyMatch(d -> f.startsWith(RECORDS.resolve(d))));
    }

    /** Writes {@code <Ecosystem>/all.zip} files into {@code dir}; returns dir. */
    public static Path exportLayout(Path dir) {
        ObjectMapper json = new ObjectMapper();
        Map<String, TreeMap<String, byte[]>> byFamily = new TreeMap<>();
        try {
            for (Path p : records()) {
                byte[] bytes = Files.readAllBytes(p);
                JsonNode r = json.readTree(bytes);
                TreeSet<String> families = new TreeSet<>();
                for (JsonNode a : r.path("affected")) {
                    String e = a.path("package").path("ecosystem").asText();
                    if (!e.isEmpty()) {
                        families.add(e.contains(":") ? e.substring(0, e.indexOf(':')) : e);
                    }
                }
                for (String f : families) {
                    byFamily.computeIfAbsent(f, k -> new TreeMap<>()).put(r.path("id").asText() + ".json", bytes);
                }
            }
            for (Map.Entry<String, TreeMap<String, byte[]>> e : byFamily.entrySet()) {
                Path zip = dir.resolve(e.getKey()).resolve("all.zip");
                Files.createDirectories(zip.getParent());
                try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                    for (Map.Entry<String, byte[]> entry : e.getValue().entrySet()) {
                        z.putNextEntry(new ZipEntry(entry.getKey()));
                        z.write(entry.getValue());
                        z.closeEntry();
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
