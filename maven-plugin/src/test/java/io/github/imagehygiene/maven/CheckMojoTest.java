package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

import io.github.imagehygiene.common.ImageReadException;
import io.github.imagehygiene.common.ConfigurationException;

/** The goal as Maven wires it: parameters in, Mojo exceptions out, one place for each mapping. */
@MojoTest
class CheckMojoTest {
    private static final String POM = "src/test/resources/unit/check/pom.xml";
    private static final String BUSYBOX = "../core/src/test/resources/images/busybox-app.docker.tar";
    /** As the goal shows a relative image: the project folder's, normalised. */
    private static final String BUSYBOX_RESOLVED = Path.of(BUSYBOX).toAbsolutePath().normalize().toString();
    /** A damaged image the core reads up to a layer that is no tar (core/src/test/fixtures/hostile/make-hostile.py). */
    private static final String NOT_A_TAR = "../core/src/test/resources/images/hostile/not-a-tar.oci.tar";

    /** Captures what the mojo logs. */
    static final class Captured extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(CharSequence content) {
            lines.add("[INFO] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("[WARNING] " + content);
        }

        @Override
        public void error(CharSequence content) {
            lines.add("[ERROR] " + content);
        }
    }

    private static Captured capture(CheckMojo mojo) {
        Captured log = new Captured();
        mojo.setLog(log);
        return log;
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX)
    @MojoParameter(name = "reportDirectory", value = "target/unit/breach")
    void breachFailsTheBuildWithTheNumberedList(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Image " + BUSYBOX_RESOLVED + " has 1 breach:" + System.lineSeparator()
                        + "  1. [maxSize] image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest layers: #1 2.0 MB"
                        + " (COPY file:73e2b2d48642 in /bin/busybox)");
        assertThat(Path.of("target/unit/breach/report.json")).exists();
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX)
    @MojoParameter(name = "failOnError", value = "false")
    @MojoParameter(name = "reportDirectory", value = "target/unit/nofail")
    void failOnErrorFalseLogsTheBreachesAndGoesOn(CheckMojo mojo) throws Exception {
        Captured log = capture(mojo);
        mojo.execute();
        assertThat(log.lines).contains("[INFO]   Verdict: FAIL");
        assertThat(log.lines.get(log.lines.size() - 1)).startsWith("[ERROR] Image " + BUSYBOX_RESOLVED + " has 1 breach:")
                .endsWith(" (failOnError is false: the build goes on)");
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX)
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "reportDirectory", value = "target/unit/skip")
    void skipSaysWhy(CheckMojo mojo) throws Exception {
        Captured log = capture(mojo);
        mojo.execute();
        assertThat(log.lines).containsExactly("[INFO] Skipping image hygiene check: skip is true (imageHygiene.skip)");
        assertThat(Path.of("target/unit/skip")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX)
    @MojoParameter(name = "maxSize", value = "lots")
    void badSettingIsAnExecutionErrorNamingIt(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid value for maxSize: 'lots' is not a size; use bytes or a unit (B, KB, MB, GB, KiB,"
                        + " MiB, GiB), e.g. 300MB or 1.5GiB")
                .satisfies(e -> assertThat(causeOf(e)).startsWith(ConfigurationException.class.getName() + ": "));
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = "src/test/resources/images/no-such.tar")
    void unreadableImageIsAnExecutionError(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                // a relative image is the project's (as Maven resolves File parameters), shown resolved
                .hasMessage(new File("src/test/resources/images/no-such.tar").getAbsolutePath()
                        + ": no such file or folder")
                .satisfies(e -> assertThat(causeOf(e)).startsWith(ImageReadException.class.getName() + ": "));
    }

    /**
     * The one mapping place: a damaged image ends the build with a MojoExecutionException whose message is the core's
     * one line (Maven prints it without a stack trace unless -e/-X, which show the cause).
     */
    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = NOT_A_TAR)
    @MojoParameter(name = "reportDirectory", value = "target/unit/damaged")
    void damagedImageIsOneLine(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .satisfies(e -> assertThat(causeOf(e)).isEqualTo(ImageReadException.class.getName() + ": "
                        + e.getMessage()))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith(Path.of(NOT_A_TAR).toAbsolutePath().normalize() + ": layer blobs/sha256/")
                        .doesNotContain("\n"))
                // Maven's error line appends each cause's message the line lacks (DefaultExceptionHandler): none
                .satisfies(e -> {
                    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                        assertThat(e.getMessage()).contains(t.getMessage());
                    }
                });
        assertThat(Path.of("target/unit/damaged")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit/empty-build")
    void withoutImageLooksForJibsTar(CheckMojo mojo) throws Exception {
        capture(mojo);
        Files.createDirectories(Path.of("target/unit/empty-build"));
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("No image to check: " + new File("target/unit/empty-build", "jib-image.tar").getAbsoluteFile()
                        + " (Jib's buildTar output) does not exist; run jib:buildTar first, or set <image> /"
                        + " -DimageHygiene.image to an archive, an OCI layout folder or docker://NAME:TAG");
    }

    /**
     * What the goal handed Maven as the cause: a masked copy of the core's exception, named by its class in the copy
     * that {@code -e} prints (the cause's own message is the goal's line, which Maven then does not repeat).
     */
    private static String causeOf(Throwable e) {
        return e.getCause().getSuppressed()[0].getMessage();
    }

    /** Maven reads a boolean parameter as Boolean.valueOf, which took a typo for false and so turned the gate off. */
    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX)
    @MojoParameter(name = "failOnError", value = "flase")
    @MojoParameter(name = "reportDirectory", value = "target/unit/flase")
    void aMistypedBooleanIsAConfigurationError(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid value for failOnError: 'flase' is neither true nor false");
        assertThat(Path.of("target/unit/flase")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX)
    @MojoParameter(name = "skip", value = "yes")
    void aMistypedSkipIsAConfigurationError(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("Invalid value for skip: 'yes' is neither true nor false");
    }

    /** An image tag that looks like a token: masked in the line, and in every copy -e would print. */
    @Test
    @InjectMojo(goal = "check", pom = POM)
    @MojoParameter(name = "image", value = BUSYBOX + ":ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")
    void anErrorQuotingATokenIsMaskedWithItsCauses(CheckMojo mojo) {
        capture(mojo);
        assertThatThrownBy(mojo::execute)
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("no image tagged 'ghp_****'")
                .satisfies(e -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(trace));
                    for (Throwable s : e.getCause().getSuppressed()) {
                        trace.append(s.getMessage());
                    }
                    assertThat(trace.toString()).contains("ghp_****").doesNotContain("a1B2c3D4");
                });
    }
}
