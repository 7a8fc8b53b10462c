package io.github.imagehygiene.base;

import static io.github.imagehygiene.base.BaseFixtures.analyse;
import static io.github.imagehygiene.base.BaseFixtures.expected;
import static io.github.imagehygiene.base.BaseFixtures.expectedList;
import static io.github.imagehygiene.base.BaseFixtures.small;
import static io.github.imagehygiene.base.BaseFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.rules.hygiene.MaxWastedPercentRule;
import io.github.imagehygiene.rules.hygiene.MinEfficiencyRule;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.analysis.base.Evidence;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.rules.base.AllowedBaseImagesRule;
import io.github.imagehygiene.rules.base.AllowedJavaVendorsRule;
import io.github.imagehygiene.rules.base.AllowedOperatingSystemsRule;
import io.github.imagehygiene.rules.base.DeniedBaseImagesRule;
import io.github.imagehygiene.rules.base.MinJavaVersionRule;
import io.github.imagehygiene.rules.base.RequirePinnedBaseRule;
import io.github.imagehygiene.rules.base.UnknownBaseRule;
import io.github.imagehygiene.testing.Fixtures;

/**
 * The base of the committed fixtures: the Jib image on tar://tiny.docker.tar, the busybox image on scratch, and the
 * docker-built images on openjdk:17 (a local stand-in with real Debian and OpenJDK files) and amazoncorretto.
 */
class BaseImageTest {
    private static final Path BASEDIR = Path.of("").toAbsolutePath();
    private static final Path TINY = Fixtures.image("tiny.docker.tar").toAbsolutePath();
    private static final String OPENJDK_DOCKERFILE = "src/test/resources/images/base/src/openjdk-app/Dockerfile";

    private static BaseImageSettings dockerfile(String path) {
        return new BaseImageSettings(List.of(), new BuildHints(null, null, null, Path.of(path), BASEDIR), null, null);
    }

    @Test
    void jibOnATarBaseIsFingerprintedAndItsLayersAreTheBases() {
        ImageAnalysis a = analyse(Fixtures.image("jib-on-tiny.tar"), new BaseImageSettings(List.of(),
                new BuildHints("tar://" + TINY, BuildHints.JIB_PLUGIN, null, null, BASEDIR), null, null));
        BaseImage base = BaseImage.of(a);
        assertThat(base.name()).isEqualTo("docker.io/image-hygiene/tiny:1.0");
        assertThat(base.digest()).isEqualTo(Fixtures.expected("tiny.docker.configDigest"));
        assertThat(base.evidence()).containsExactly(
                new Evidence("jib-maven-plugin <from><image>", "tar://" + TINY),
                new Evidence("fingerprint (layers 1-3 = the diff_ids of " + TINY + ")", "image-hygiene/tiny:1.0"));
        assertThat(base.conflicts()).isEmpty();
        assertThat(base.fingerprint().diffIds()).isEqualTo(Fixtures.expectedList("tiny.docker.diffIds", ","));
        BaseLayers layers = BaseLayers.of(a);
        assertThat(layers.method()).isEqualTo(BaseLayers.Method.FINGERPRINT);
        assertThat(layers.baseCount()).isEqualTo(3);
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(layers::isBase).toList())
                .containsExactly(true, true, true, false, false, false);
        assertThat(List.of(1, 4).stream().map(layers::column).toList()).containsExactly("base", "own");
        assertThat(layers.where(2)).isEqualTo("in the base image");
        assertThat(layers.where(5)).isEqualTo("in your layers");
        assertThat(base.os()).isNull();
        assertThat(base.java()).isNull();
        assertThat(base.consoleLines()).containsExactly(
                "  Base image: docker.io/image-hygiene/tiny:1.0 " + base.digest() + "; layers 1-3 of 6 (fingerprint)",
                "    jib-maven-plugin <from><image>: tar://" + TINY,
                "    fingerprint (layers 1-3 = the diff_ids of " + TINY + "): image-hygiene/tiny:1.0",
                "  OS: none found",
                "  Java: none found");
        Map<String, Object> report = base.reportBaseImage();
        assertThat(report.get("name")).isEqualTo("docker.io/image-hygiene/tiny:1.0");
        assertThat(report.get("layers")).isEqualTo(3);
        assertThat(report.get("layersBy")).isEqualTo("fingerprint");
        assertThat(verdict(BaseRules.allowedBaseImages(List.of("image-hygiene/tiny:1.*")), a).status())
                .isEqualTo(RuleVerdict.Status.PASS);
        assertThat(verdict(BaseRules.requirePinnedBase("TAG"), a).summary())
                .isEqualTo("only the fingerprint names docker.io/image-hygiene/tiny:1.0; how the build pins it is unknown");
    }

    /**
     * busybox-app stores /app/data/blob.bin (102400 B) in layer 3 and deletes it in layer 4 (expected.properties:
     * whiteouts). Fingerprinted by its own archive, all four layers are the base's: by default the waste is not this
     * build's and passes, the summary saying how much the base holds (issue 11: base-only waste failed the build at
     * the default level, a listed defect); with countBaseLayers dive's rules count it, and say that this build cannot
     * remove it and what can.
     */
    @Test
    void diveRulesSayWhenTheWasteIsTheBaseImages() {
        Path busyboxApp = Fixtures.image("busybox-app.docker.tar");
        assertThat(Fixtures.expected("busybox-app.docker.whiteouts")).isEqualTo("3:app/data/.wh.blob.bin");
        HygieneSettings dive = HygieneSettings.DEFAULTS;
        ImageAnalysis a = analyse(busyboxApp, new BaseImageSettings(List.of(busyboxApp.toString()), BuildHints.NONE,
                null, null));
        assertThat(BaseLayers.of(a).describe()).isEqualTo("layers 1-4 of 4 (fingerprint)");
        RuleVerdict own = verdict(new MaxWastedPercentRule(dive), a);
        assertThat(own.status()).isEqualTo(RuleVerdict.Status.PASS);
        assertThat(own.summary()).isEqualTo("0.00 % wasted in your layers (maximum 10 %); 102.4 KB more wasted in the"
                + " base image's layers (#1-#4), not counted: choose a leaner base");
        assertThat(verdict(new MinEfficiencyRule(dive), a).status()).isEqualTo(RuleVerdict.Status.PASS);

        ImageAnalysis counted = analyse(busyboxApp, new BaseImageSettings(List.of(busyboxApp.toString()),
                BuildHints.NONE, null, null, true));
        RuleVerdict v = verdict(new MaxWastedPercentRule(dive), counted);
        // the user layers (dive: all but the first) hold hello.txt (6 B) and blob.bin: 102400 / 102406
        assertThat(v.findings()).extracting(Finding::message).containsExactly("wasted bytes are 99.99 % of the user"
                + " layers (102.4 KB of 102.4 KB in the layers above the first, dive's measure), above the maximum of"
                + " 10 %; largest: /app/data/blob.bin 102.4 KB in 2 copies (#3 (RUN mkdir -p /app/data && echo hello >..."
                + "), #4 (RUN rm /app/data/blob.bin)); all of it is in paths only the base image's layers"
                + " (#1-#4) store, which this build cannot remove: choose a leaner base image, or set maxWastedPercent"
                + " to WARN in <levels>");
        // the same image with nothing naming its base: dive's fix, as before
        RuleVerdict unknown = verdict(new MaxWastedPercentRule(dive), analyse(busyboxApp, BaseImageSettings.NONE));
        assertThat(unknown.findings()).singleElement().extracting(Finding::message).asString()
                .endsWith("#4 (RUN rm /app/data/blob.bin)); delete or change files in the same RUN that creates them (a"
                        + " later layer only adds a copy), set mode and owner when copying (COPY --chmod/--chown), and"
                        + " copy only what the image needs (multi-stage build)");
    }

    @Test
    void jibLayersAreTheImagesOwnByHistoryWhenNothingNamesTheBase() {
        ImageAnalysis a = analyse(Fixtures.image("jib-on-tiny.tar"), BaseImageSettings.NONE);
        BaseImage base = BaseImage.of(a);
        assertThat(base.known()).isFalse();
        assertThat(base.evidence()).isEmpty();
        assertThat(base.layers().method()).isEqualTo(BaseLayers.Method.HISTORY);
        assertThat(base.layers().baseCount()).isEqualTo(3);
        assertThat(base.layers().detail()).isEqualTo("history: layers 4-6 are Jib's, the ones below its base's");
        // jib-app on scratch: all three layers are Jib's own
        assertThat(BaseLayers.of(analyse(Fixtures.image("jib-app.tar"), BaseImageSettings.NONE)).baseCount()).isZero();
    }

    @Test
    void openjdkAppByLabelAndDockerfileWithOsAndJdk() {
        ImageAnalysis a = analyse(small("openjdk-app.docker.tar.gz"), dockerfile(OPENJDK_DOCKERFILE));
        BaseImage base = BaseImage.of(a);
        String dockerfileSource = "Dockerfile " + OPENJDK_DOCKERFILE + ":6 (stage app <- runtime)";
        assertThat(base.name()).isEqualTo("docker.io/library/openjdk:17");
        assertThat(base.nameEvidenceSummary()).isEqualTo("label org.opencontainers.image.base.name, " + dockerfileSource);
        assertThat(base.digest()).isNull();
        String jdk = expected("openjdk-17.java.JAVA_VERSION");
        assertThat(base.evidence()).containsExactly(
                new Evidence("label org.opencontainers.image.base.name", "docker.io/library/openjdk:17"),
                new Evidence(dockerfileSource, "openjdk:17"),
                new Evidence("/etc/os-release -> /usr/lib/os-release", "ID=debian, VERSION_ID=12, PRETTY_NAME="
                        + expected("openjdk-17.os.PRETTY_NAME")),
                new Evidence("/etc/debian_version", expected("openjdk-17.os.debian_version")),
                new Evidence("/usr/local/openjdk-17/release", "IMPLEMENTOR=" + expected("openjdk-17.java.IMPLEMENTOR")
                        + ", JAVA_VERSION=" + jdk + " (found by JAVA_HOME=/usr/local/openjdk-17)"),
                new Evidence("/usr/local/openjdk-17/bin/javac", "present: a JDK"));
        assertThat(base.conflicts()).isEmpty();
        // the diff_ids docker reports: the stand-in's 4, then the COPY
        assertThat(a.layers().stream().map(l -> l.diffId()).toList()).isEqualTo(expectedList("openjdk-app.diffIds"));
        assertThat(base.layers().method()).isEqualTo(BaseLayers.Method.HISTORY);
        assertThat(base.layers().baseCount()).isEqualTo(4);
        assertThat(base.layers().detail()).isEqualTo("history: the top 1 layers match the Dockerfile's 1 RUN/COPY/ADD"
                + " instructions");
        assertThat(base.os().id()).isEqualTo("debian");
        assertThat(base.os().versionId()).isEqualTo("12");
        assertThat(base.os().layer()).isEqualTo(4);
        assertThat(base.where(base.os().layer())).isEqualTo("in the base image");
        assertThat(base.reportOs()).containsExactly(Map.entry("id", "debian"), Map.entry("versionId", "12"),
                Map.entry("prettyName", expected("openjdk-17.os.PRETTY_NAME")), Map.entry("eol", "2028-06-30"),
                Map.entry("distroless", false), Map.entry("eolTableDate", "2026-02-12"));
        assertThat(base.reportJava()).containsExactly(Map.entry("vendor", "Debian"), Map.entry("version", jdk),
                Map.entry("jdk", true), Map.entry("home", "/usr/local/openjdk-17"));

        Map<String, String> denied = new LinkedHashMap<>();
        denied.put("openjdk:*", "deprecated upstream, no security updates");
        RuleVerdict v = verdict(BaseRules.deniedBaseImages(denied), a);
        assertThat(v.status()).isEqualTo(RuleVerdict.Status.FAIL);
        assertThat(v.summary()).isEqualTo("docker.io/library/openjdk:17 is denied by openjdk:*");
        assertThat(v.findings()).extracting(Finding::toString).containsExactly("[deniedBaseImages] base image"
                + " docker.io/library/openjdk:17 (from label org.opencontainers.image.base.name, " + dockerfileSource
                + ") is denied by openjdk:*: deprecated upstream, no security updates");
        RuleVerdict allowed = verdict(BaseRules.allowedBaseImages(List.of("amazoncorretto:17.*-al2023",
                "gcr.io/distroless/java17-debian12*")), a);
        assertThat(allowed.findings()).extracting(Finding::message).containsExactly("base image"
                + " docker.io/library/openjdk:17 (from label org.opencontainers.image.base.name, " + dockerfileSource
                + ") matches none of the allowed base images: amazoncorretto:17.*-al2023,"
                + " gcr.io/distroless/java17-debian12*");
        assertThat(verdict(BaseRules.requirePinnedBase("TAG"), a).summary())
                .isEqualTo("docker.io/library/openjdk:17 pinned by tag");
        assertThat(verdict(BaseRules.requirePinnedBase("digest"), a).findings()).extracting(Finding::message)
                .containsExactly("base image docker.io/library/openjdk:17 (from label"
                        + " org.opencontainers.image.base.name) is pinned by tag only; a tag can be moved to another"
                        + " image (requirePinnedBase DIGEST); add the digest: openjdk:17@sha256:…");
        assertThat(verdict(BaseRules.allowedOperatingSystems(List.of("amzn=2023", "debian>=12")), a).summary())
                .isEqualTo(expected("openjdk-17.os.PRETTY_NAME") + " matches debian>=12");
        assertThat(verdict(BaseRules.allowedOperatingSystems(List.of("amzn=2023", "alpine>=3.20", "distroless")), a)
                .findings()).extracting(Finding::message).containsExactly("operating system "
                        + expected("openjdk-17.os.PRETTY_NAME") + " (debian 12, from /etc/os-release ->"
                        + " /usr/lib/os-release, in the base image) matches none of the allowed operating systems:"
                        + " amzn=2023, alpine>=3.20, distroless");
        assertThat(verdict(BaseRules.minJavaVersion("17.0.10"), a).status()).isEqualTo(RuleVerdict.Status.PASS);
        assertThat(verdict(BaseRules.minJavaVersion("21"), a).findings()).extracting(Finding::message)
                .containsExactly("Java runtime Debian " + jdk + " (JDK) (from /usr/local/openjdk-17/release, in the"
                        + " base image) is older than the minimum 21");
        assertThat(verdict(BaseRules.allowedJavaVendors(List.of("Amazon.com Inc.", "eclipse *")), a).findings())
                .extracting(Finding::message).containsExactly("Java runtime Debian " + jdk + " (JDK) (from"
                        + " /usr/local/openjdk-17/release, in the base image) is by Debian, none of the allowed"
                        + " vendors: Amazon.com Inc., eclipse *");
        assertThat(verdict(BaseRules.allowedJavaVendors(List.of("debian")), a).summary()).isEqualTo("Debian matches debian");
    }

    @Test
    void fingerprintOfTheOpenjdkStandInMarksItsFourLayers() {
        ImageAnalysis a = analyse(small("openjdk-app.docker.tar.gz"),
                new BaseImageSettings(List.of(small("openjdk-17.docker.tar.gz").toString()), BuildHints.NONE, null,
                        null));
        BaseImage base = BaseImage.of(a);
        assertThat(base.name()).isEqualTo("docker.io/library/openjdk:17");
        assertThat(base.digest()).isEqualTo(expected("openjdk-17.id"));
        assertThat(base.layers().method()).isEqualTo(BaseLayers.Method.FINGERPRINT);
        assertThat(base.layers().baseCount()).isEqualTo(4);
        assertThat(base.nameEvidenceSummary()).isEqualTo("label org.opencontainers.image.base.name, fingerprint (layers"
                + " 1-4 = the diff_ids of src/test/resources/images/base/openjdk-17.docker.tar.gz)");
        // the same base given as its diff_ids, named
        ImageAnalysis b = analyse(small("openjdk-app.docker.tar.gz"), new BaseImageSettings(
                List.of("openjdk:17=" + String.join(",", expectedList("openjdk-17.diffIds"))), BuildHints.NONE, null,
                null));
        assertThat(BaseImage.of(b).evidence().get(1)).isEqualTo(new Evidence(
                "fingerprint (layers 1-4 = the diff_ids of diff_ids)", "openjdk:17"));
        assertThat(BaseImage.of(b).layers().baseCount()).isEqualTo(4);
    }

    @Test
    void conflictingEvidenceIsReported() {
        ImageAnalysis a = analyse(small("openjdk-app.docker.tar.gz"),
                dockerfile("src/test/resources/images/base/src/corretto-app/Dockerfile"));
        BaseImage base = BaseImage.of(a);
        assertThat(base.name()).isEqualTo("docker.io/library/openjdk:17");
        assertThat(base.conflicts()).containsExactly("Dockerfile src/test/resources/images/base/src/corretto-app/"
                + "Dockerfile:3 says docker.io/library/amazoncorretto:latest, label org.opencontainers.image.base.name"
                + " says docker.io/library/openjdk:17");
        assertThat(base.layers().known()).isFalse(); // the Dockerfile is not this image's
        assertThat(verdict(BaseRules.allowedBaseImages(List.of("amazoncorretto:*")), a).findings())
                .extracting(Finding::message).containsExactly("base image docker.io/library/openjdk:17 (from label"
                        + " org.opencontainers.image.base.name) matches none of the allowed base images:"
                        + " amazoncorretto:*; conflicting evidence: Dockerfile src/test/resources/images/base/src/"
                        + "corretto-app/Dockerfile:3 says docker.io/library/amazoncorretto:latest, label"
                        + " org.opencontainers.image.base.name says docker.io/library/openjdk:17");
    }

    @Test
    void anUntaggedBaseIsNotPinned() {
        ImageAnalysis a = analyse(small("corretto-app.docker.tar.gz"),
                dockerfile("src/test/resources/images/base/src/corretto-app/Dockerfile"));
        BaseImage base = BaseImage.of(a);
        assertThat(base.name()).isEqualTo("docker.io/library/amazoncorretto:latest");
        assertThat(base.layers().baseCount()).isEqualTo(3);
        RuleVerdict v = verdict(BaseRules.requirePinnedBase("TAG"), a);
        assertThat(v.summary()).isEqualTo("docker.io/library/amazoncorretto:latest not pinned by tag");
        assertThat(v.findings()).extracting(Finding::message).containsExactly("base image"
                + " docker.io/library/amazoncorretto:latest (from Dockerfile src/test/resources/images/base/src/"
                + "corretto-app/Dockerfile:3) has no tag, so it is whatever latest is when the image is built"
                + " (requirePinnedBase TAG); name a version tag, e.g. amazoncorretto:<version>");
        assertThat(verdict(BaseRules.allowedBaseImages(List.of("amazoncorretto:17.*-al2023")), a).status())
                .isEqualTo(RuleVerdict.Status.FAIL);
    }

    @Test
    void busyboxOnScratchHasNoBaseLayersAndWithoutEvidenceItsBaseIsUnknown() {
        ImageAnalysis scratch = analyse(Fixtures.image("busybox-app.docker.tar"),
                dockerfile("src/test/fixtures/busybox-app/Dockerfile"));
        BaseImage base = BaseImage.of(scratch);
        assertThat(base.name()).isEqualTo("scratch");
        assertThat(base.layers().method()).isEqualTo(BaseLayers.Method.SCRATCH);
        assertThat(List.of(1, 2, 3, 4).stream().map(base.layers()::isBase).toList())
                .containsExactly(false, false, false, false);
        assertThat(verdict(BaseRules.allowedBaseImages(List.of("scratch")), scratch).status())
                .isEqualTo(RuleVerdict.Status.PASS);
        assertThat(verdict(BaseRules.requirePinnedBase("DIGEST"), scratch).summary()).isEqualTo("scratch needs no pin");
        assertThat(verdict(BaseRules.allowedOperatingSystems(List.of("none")), scratch).status())
                .isEqualTo(RuleVerdict.Status.PASS);

        ImageAnalysis unknown = analyse(Fixtures.image("busybox-app.docker.tar"), BaseImageSettings.NONE);
        assertThat(BaseImage.of(unknown).known()).isFalse();
        assertThat(BaseImage.of(unknown).layers().known()).isFalse();
        assertThat(List.of(1, 4).stream().map(BaseImage.of(unknown).layers()::isBase).toList())
                .containsExactly(null, null);
        assertThat(BaseImage.of(unknown).consoleLines().get(0)).isEqualTo("  Base image: unknown; base layers unknown");
        RuleVerdict warn = verdict(BaseRules.unknownBase(true), unknown);
        assertThat(warn.level()).isEqualTo(Level.WARN);
        assertThat(warn.status()).isEqualTo(RuleVerdict.Status.WARN);
        assertThat(warn.findings()).extracting(Finding::toString).containsExactly("[unknownBase] no evidence names the"
                + " base image: no org.opencontainers.image.base.name annotation or label, no base in the Jib,"
                + " docker-maven-plugin or Dockerfile configuration, no baseImages fingerprint matches the image's"
                + " layers; the base image policy cannot be checked (name the base in the build, or list it in"
                + " baseImages)");
        assertThat(verdict(BaseRules.unknownBase(false), unknown).status()).isEqualTo(RuleVerdict.Status.NOT_SET);
        assertThat(verdict(BaseRules.unknownBase(true), Level.ERROR, unknown).status())
                .isEqualTo(RuleVerdict.Status.FAIL);
        assertThat(verdict(BaseRules.allowedBaseImages(List.of("debian:*")), unknown).summary())
                .isEqualTo("base unknown (see unknownBase)");
        assertThat(verdict(BaseRules.allowedOperatingSystems(List.of("debian")), unknown).findings())
                .extracting(Finding::message).containsExactly("no operating system found (no /etc/os-release,"
                        + " /usr/lib/os-release, /etc/alpine-release, /etc/system-release or /etc/debian_version) and"
                        + " none is not among the allowed operating systems: debian");
    }

    @Test
    void badSettingsNameTheParameter() {
        assertThatThrownBy(() -> BaseRules.requirePinnedBase("SEMVER")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for requirePinnedBase: 'SEMVER'; use TAG or DIGEST");
        assertThatThrownBy(() -> BaseRules.allowedOperatingSystems(List.of("debian~12")))
                .isInstanceOf(ConfigurationException.class).hasMessage("Invalid value for allowedOperatingSystems:"
                        + " 'debian~12'; use ID, ID=VERSION, ID>=VERSION (also >, <, <=), distroless or none, e.g."
                        + " debian>=12");
        assertThatThrownBy(() -> BaseRules.minJavaVersion("seventeen")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for minJavaVersion: 'seventeen'; use a version such as 17 or 17.0.10");
        // up front: the settings fail, before any image is read
        assertThatThrownBy(() -> new BaseImageSettings(List.of("src/test/resources/images/no-such.tar"),
                BuildHints.NONE, null, null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Cannot read the baseImages entry 'src/test/resources/images/no-such.tar':"
                        + " src/test/resources/images/no-such.tar: no such file or folder");
        assertThatThrownBy(() -> new BaseImageSettings(List.of("sha256:" + "ab".repeat(32)), BuildHints.NONE, null,
                null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid baseImages entry 'sha256:" + "ab".repeat(32) + "': name a diff_id list, e.g."
                        + " debian:12=sha256:…");
    }
}
