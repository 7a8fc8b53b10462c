package io.github.imagehygiene.base;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseFiles;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.gate.RuleEngine;
import io.github.imagehygiene.gate.RuleVerdict;

/** Inputs of the base-image tests: the small committed fixtures, the large ones built at test time, shared ones. */
public final class BaseFixtures {
    static final Path SMALL = Path.of("src/test/resources/images/base");
    static final Path IMAGES = Path.of("src/test/resources/images");

    private BaseFixtures() {
    }

    /** One of the committed fixtures of src/test/resources/images/base. */
    static Path small(String name) {
        Path p = SMALL.resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run bash src/test/resources/images/base/make-fixtures.sh");
        }
        return p;
    }

    /** src/test/resources/images/base/expected.properties, written by make-fixtures.sh from docker. */
    static String expected(String key) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(small("expected.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("base/expected.properties has no " + key);
        }
        return v;
    }

    static List<String> expectedList(String key) {
        return List.of(expected(key).split(","));
    }

    /**
     * A large fixture in target/large-fixtures (-DimageHygiene.largeFixtures=DIR overrides). Absent, the test is
     * skipped with a visible message, or fails when -DimageHygiene.it.docker=required (as .ci/run sets).
     */
    public static Path large(String name) {
        Path root = Path.of(System.getProperty("imageHygiene.largeFixtures", "target/large-fixtures"));
        Path p = root.resolve(name);
        if (!Files.exists(p)) {
            String message = "SKIPPED: large fixture " + p.toAbsolutePath() + " is absent; run bash"
                    + " core/src/test/fixtures/large/build-base-fixtures.sh";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return p;
    }

    /** A text file of target/large-fixtures/base-facts, written by build-base-fixtures.sh with docker run. */
    static String fact(String image, String file) {
        try {
            return Files.readString(large("base-facts/" + image + "/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an image with the base-files collector, without the gzip estimate, the analysis built with settings. */
    static ImageAnalysis analyse(Path image, BaseImageSettings settings) {
        CheckSettings d = CheckSettings.builder().image(image.toString()).estimateCompressedSize(false).build();
        CheckSettings with = new CheckSettings(d.input(), settings, d.rules(), d.gate(), d.output());
        return new ImageCheck(with, LogSink.NONE).analyse(List.of(BaseFiles.COLLECTOR));
    }

    static RuleVerdict verdict(Rule rule, ImageAnalysis analysis) {
        return RuleEngine.evaluate(List.of(rule), Map.of(), analysis).get(0);
    }

    static RuleVerdict verdict(Rule rule, Level level, ImageAnalysis analysis) {
        return RuleEngine.evaluate(List.of(rule), Map.of(rule.id(), level), analysis).get(0);
    }
}
