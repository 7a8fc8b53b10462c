package io.github.imagehygiene.base;

import static io.github.imagehygiene.base.BaseFixtures.analyse;
import static io.github.imagehygiene.base.BaseFixtures.fact;
import static io.github.imagehygiene.base.BaseFixtures.large;
import static io.github.imagehygiene.base.BaseFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.analysis.base.Evidence;
import io.github.imagehygiene.analysis.base.OperatingSystem;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.rules.base.OsEndOfLifeRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeSoonRule;

/**
 * The large images of build-base-fixtures.sh: a Debian 12 rootfs from debootstrap imported into dockerd, and the
 * multi-stage, ARG-parameterised Java build on it (a JDK stage, a runtime image). Expected values come from
 * base-facts/, what docker run and docker inspect say about the same images.
 */
class LargeImagesTest {
    private static final Path BASEDIR = Path.of("").toAbsolutePath();
    private static final String DOCKERFILE = "src/test/fixtures/large/base/java-app/Dockerfile";

    private static List<String> diffIds(ImageAnalysis a) {
        return a.layers().stream().map(LayerSummary::diffId).toList();
    }

    private static String release(String image, String key) {
        return OperatingSystem.keyValues(fact(image, "java-release")).get(key);
    }

    @Test
    void theJavaAppByItsDockerfileAndHistory() {
        ImageAnalysis a = analyse(large("base-java-app.docker.tar"), new BaseImageSettings(List.of(),
                new BuildHints(null, null, null, Path.of(DOCKERFILE), BASEDIR), null, null));
        assertThat(diffIds(a)).isEqualTo(fact("base-java-app", "diff_ids").lines().toList());
        BaseImage base = BaseImage.of(a);
        assertThat(base.name()).isEqualTo("docker.io/image-hygiene/debian:12");
        assertThat(base.nameSource()).isEqualTo(new Evidence("Dockerfile " + DOCKERFILE + ":16 (stage app <- jre)",
                "image-hygiene/debian:12"));
        // RUN (apt-get openjdk-17-jre-headless), WORKDIR (a layer with the legacy builder), COPY: three own layers
        assertThat(base.layers().method()).isEqualTo(BaseLayers.Method.HISTORY);
        assertThat(base.layers().baseCount()).isEqualTo(1);
        assertThat(List.of(1, 2, 3, 4).stream().map(base.layers()::column).toList())
                .containsExactly("base", "own", "own", "own");
        Map<String, String> osRelease = OperatingSystem.keyValues(fact("base-java-app", "os-release"));
        assertThat(base.os().id()).isEqualTo(osRelease.get("ID"));
        assertThat(base.os().versionId()).isEqualTo(osRelease.get("VERSION_ID"));
        assertThat(base.os().prettyName()).isEqualTo(osRelease.get("PRETTY_NAME"));
        assertThat(base.os().evidence()).contains(new Evidence("/etc/debian_version",
                fact("base-java-app", "debian_version").strip()));
        assertThat(base.where(base.os().layer())).isEqualTo("in the base image");
        assertThat(base.java().vendor()).isEqualTo(release("base-java-app", "IMPLEMENTOR"));
        assertThat(base.java().version()).isEqualTo(release("base-java-app", "JAVA_VERSION"));
        assertThat(base.java().jdk()).isEqualTo(fact("base-java-app", "javac").strip().equals("present")).isFalse();
        assertThat(base.java().home()).isEqualTo("/usr/lib/jvm/java-17-openjdk-amd64");
        assertThat(base.java().evidence().get(0).value()).endsWith("(found by JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64)");
        assertThat(base.where(base.java().layer())).isEqualTo("in your layers");
    }

    @Test
    void theJdkStageByFingerprintOfTheDebianBase() {
        ImageAnalysis a = analyse(large("base-java-build.docker.tar"), new BaseImageSettings(
                List.of("debian:12=" + large("debian-12.docker.tar")), BuildHints.NONE, null, null));
        BaseImage base = BaseImage.of(a);
        assertThat(fact("debian-12", "diff_ids").lines().toList()).containsExactly(diffIds(a).get(0));
        assertThat(base.name()).isEqualTo("docker.io/library/debian:12");
        assertThat(base.layers().method()).isEqualTo(BaseLayers.Method.FINGERPRINT);
        assertThat(base.layers().baseCount()).isEqualTo(1);
        assertThat(base.java().jdk()).isEqualTo(fact("base-java-build", "javac").strip().equals("present")).isTrue();
        assertThat(base.java().version()).isEqualTo(release("base-java-build", "JAVA_VERSION"));
        assertThat(base.java().evidence().get(0).value()).endsWith("(found by java on PATH: /usr/bin/java ->"
                + " /usr/lib/jvm/java-17-openjdk-amd64/bin/java)");
    }

    @Test
    void theDebianBaseItselfAndItsEndOfLifeWithAFixedClock() {
        ImageAnalysis a = analyse(large("debian-12.docker.tar"), BaseImageSettings.NONE);
        BaseImage base = BaseImage.of(a);
        assertThat(base.known()).isFalse();
        assertThat(base.layers().known()).isFalse(); // docker import: no history to tell
        assertThat(base.java()).isNull();
        assertThat(base.os().versionId()).isEqualTo("12");
        Clock lastDay = Clock.fixed(Instant.parse("2028-06-30T23:00:00Z"), ZoneOffset.UTC);
        Clock dayAfter = Clock.fixed(Instant.parse("2028-07-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(verdict(BaseRules.osEndOfLife(lastDay), a).findings()).isEmpty();
        assertThat(verdict(BaseRules.osEndOfLifeSoon(90, lastDay), a).findings()).extracting(Finding::message)
                .containsExactly("operating system Debian GNU/Linux 12 (bookworm) (debian 12, from /etc/os-release ->"
                        + " /usr/lib/os-release, in layer #1) reaches its end of life on 2028-06-30, in 0 days"
                        + " (eolWarningDays 90, EOL table of 2026-02-12); plan the move to a supported release");
        assertThat(verdict(BaseRules.osEndOfLife(dayAfter), a).findings()).extracting(Finding::message)
                .containsExactly("operating system Debian GNU/Linux 12 (bookworm) (debian 12, from /etc/os-release ->"
                        + " /usr/lib/os-release, in layer #1) reached its end of life on 2028-06-30, 1 day before this"
                        + " build (2028-07-01), by the EOL table of 2026-02-12; move to a supported release");
    }
}
