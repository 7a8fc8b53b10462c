package io.github.imagehygiene.hygiene;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.JavaArchivesCollector;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The layer-hygiene fixtures: small committed images (src/test/resources/images/hygiene, made by
 * {@code build-hygiene-fixtures.sh --committed}) and large ones built at test time into target/large-fixtures by
 * {@code build-hygiene-fixtures.sh}. Each set has an expected.properties of facts the tools reported.
 */
final class HygieneFixtures {
    static final String BUILD = "bash core/src/test/fixtures/large/build-hygiene-fixtures.sh";

    private HygieneFixtures() {
    }

    static Path committed(String name) {
        Path p = Path.of("src/test/resources/images/hygiene").resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run " + BUILD + " --committed");
        }
        return p;
    }

    static Facts committedFacts() {
        return new Facts(load(committed("expected.properties")));
    }

    static Path largeDir() {
        String dir = System.getProperty("imageHygiene.largeFixtures", System.getenv("IMAGE_HYGIENE_LARGE_FIXTURES"));
        return Path.of(dir != null && !dir.isBlank() ? dir : "target/large-fixtures");
    }

    /**
     * A large fixture; skipped with a visible message when absent, failed instead under
     * -DimageHygiene.it.docker=required (CI builds them first).
     */
    static Path large(String name) {
        Path p = largeDir().resolve(name);
        if (!Files.exists(p)) {
            String message = "large fixture " + p.toAbsolutePath() + " is absent; run " + BUILD;
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message);
            }
            System.err.println("SKIPPED: " + message);
            assumeTrue(false, "SKIPPED: " + message);
        }
        return p;
    }

    static Facts largeFacts() {
        return new Facts(load(large("hygiene-expected.properties")));
    }

    private static final Map<Path, ImageAnalysis> ANALYSES = new ConcurrentHashMap<>();

    /**
     * Reads an image as the check does, with the Java archives collector running in the layer pass; once per test run
     * (the large images are read by several test classes). No gzip estimate: no hygiene analysis needs it.
     */
    static ImageAnalysis analyse(Path image) {
        return ANALYSES.computeIfAbsent(image.toAbsolutePath().normalize(), p -> new ImageCheck(
                CheckSettings.builder().image(p.toString()).estimateCompressedSize(false).build(), LogSink.NONE)
                .analyse(List.of(JavaArchivesCollector.INSTANCE)));
    }

    /** The same, the lowest {@code baseLayers} layers known as the base (not cached). */
    static ImageAnalysis analyse(Path image, int baseLayers, boolean countBaseLayers) {
        return io.github.imagehygiene.testing.Fixtures.analyse(image, io.github.imagehygiene.testing.Fixtures.baseOf(
                image, "base", baseLayers, countBaseLayers), List.of(JavaArchivesCollector.INSTANCE));
    }

    private static Properties load(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    /** Typed access to a facts file. */
    record Facts(Properties props) {
        String get(String key) {
            String v = props.getProperty(key);
            if (v == null) {
                throw new IllegalStateException("no fact " + key);
            }
            return v;
        }

        long number(String key) {
            return Long.parseLong(get(key));
        }

        List<String> list(String key, String separator) {
            String v = get(key);
            return v.isEmpty() ? List.of() : Arrays.asList(v.split(java.util.regex.Pattern.quote(separator), -1));
        }

        List<Long> longs(String key) {
            return list(key, ",").stream().map(Long::parseLong).toList();
        }

        /** "bytes:files[:layers]" facts, as numbers: [bytes, files]. */
        long[] bytesAndFiles(String key) {
            String[] parts = get(key).split(":");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }

        /** The layers part of a final.PREFIX fact ("2+3"), as a list; empty for "-". */
        List<Integer> layers(String key) {
            String[] parts = get(key).split(":");
            return parts[2].equals("-") ? List.of()
                    : Arrays.stream(parts[2].split("\\+")).map(Integer::parseInt).toList();
        }
    }
}
