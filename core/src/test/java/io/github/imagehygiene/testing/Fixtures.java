package io.github.imagehygiene.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * Test inputs: the shared fixtures made by other tools (../shared/fixtures, overridable with
 * -DimageHygiene.fixtures) and this project's own images made by src/test/fixtures/build-fixtures.sh.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** A path under the shared fixtures; the test is skipped, with a message saying so, when they are absent. */
    public static Path shared(String relative) {
        Path root = Path.of(System.getProperty("imageHygiene.fixtures", "../../shared/fixtures"));
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            String message = "SKIPPED: shared fixture " + p.toAbsolutePath() + " is absent"
                    + " (set -DimageHygiene.fixtures=DIR to the shared/fixtures folder)";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return p;
    }

    /** One of this project's own images in src/test/resources/images. */
    public static Path image(String name) {
        Path p = Path.of("src/test/resources/images").resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run bash src/test/fixtures/build-fixtures.sh");
        }
        return p;
    }

    /** What the tools (docker, skopeo, tar) reported about our own images, written by build-fixtures.sh. */
    public static Properties expected() {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(image("expected.properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    public static String expected(String key) {
        String v = expected().getProperty(key);
        if (v == null) {
            throw new IllegalStateException("expected.properties has no " + key);
        }
        return v;
    }

    public static List<String> expectedList(String key, String separator) {
        String v = expected(key);
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(java.util.regex.Pattern.quote(separator), -1));
    }

    public static List<Long> expectedLongs(String key) {
        return expectedList(key, ",").stream().map(s -> Long.parseLong(s.trim())).toList();
    }

    /** Reads and measures an image with default settings. */
    public static ImageAnalysis analyse(String image) {
        return analyse(CheckSettings.builder().image(image).build());
    }

    public static ImageAnalysis analyse(CheckSettings config) {
        return new ImageCheck(config, LogSink.NONE).analyse();
    }

    public static ImageAnalysis analyse(Path image) {
        return analyse(image.toString());
    }

    /** Reads an image with these base-image settings and collectors, without the gzip estimate. */
    public static ImageAnalysis analyse(Path image, BaseImageSettings base, List<ContentCollector<?>> collectors) {
        CheckSettings d = CheckSettings.builder().image(image.toString()).estimateCompressedSize(false).build();
        return new ImageCheck(new CheckSettings(d.input(), base, d.rules(), d.gate(), d.output()), LogSink.NONE)
                .analyse(collectors);
    }

    /**
     * Base settings that know the image's lowest {@code layers} layers as the base {@code name}, as a user's
     * {@code <baseImages>} fingerprint entry would ({@code name=sha256:…,sha256:…}, the image's own diff_ids).
     */
    public static BaseImageSettings baseOf(Path image, String name, int layers, boolean countBaseLayers) {
        List<String> diffIds = analyse(image, BaseImageSettings.NONE, List.of()).image().layers().stream()
                .limit(layers).map(l -> l.diffId()).toList();
        return new BaseImageSettings(List.of(name + "=" + String.join(",", diffIds)), null, null, null,
                countBaseLayers);
    }
}
