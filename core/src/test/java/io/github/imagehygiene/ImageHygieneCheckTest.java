package io.github.imagehygiene;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.testing.CapturedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Gate;
import io.github.imagehygiene.gate.Verdict;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.testing.Fixtures;

/** The whole check on real images: budgets, levels, the gate's message and report.json. */
class ImageHygieneCheckTest {
    /** busybox-app's layers as docker history shows them: 1982256, 0, 102406, 0 bytes; empty ones are not named. */
    private static final String BUSYBOX_LARGEST = "#1 2.0 MB (COPY file:73e2b2d48642 in /bin/busybox),"
            + " #3 102.4 KB (RUN mkdir -p /app/data && echo hello >...)";
    /**
     * The largest files the container sees (core/src/test/fixtures/busybox-app/Dockerfile): the busybox binary, 1,982,256
     * bytes (layer 1's whole content in expected.properties), and hello.txt, "hello\n"; the 100 KiB blob is deleted.
     */
    private static final String BUSYBOX_FILES = "; largest files: /bin/busybox 2.0 MB (#1), /app/hello.txt 6 B (#3)";

    @TempDir
    Path reports;

    private final CapturedLog log = new CapturedLog();

    private CheckResult run(CheckSettings.Builder builder) {
        return new ImageCheck(builder.reportDirectory(reports).tool("image-hygiene-maven-plugin", "1.2.3").build(), log).run();
    }

    /**
     * busybox-app with the layer-hygiene rules that fire on it by design (it deletes a blob in a later RUN) set aside,
     * so that these tests see the budgets alone; {@link #defaultsFlagTheDeletedBlobAsWaste()} shows them.
     */
    private static CheckSettings.Builder busybox() {
        return CheckSettings.builder().image(Fixtures.image("busybox-app.docker.tar").toString())
                .noMaxWastedPercent().levels(quiet());
    }

    private static Map<String, String> quiet(String... ruleAndLevel) {
        Map<String, String> levels = new java.util.HashMap<>(Map.of("historyLint", "OFF", "requireHealthcheck", "OFF"));
        for (int i = 0; i < ruleAndLevel.length; i += 2) {
            levels.put(ruleAndLevel[i], ruleAndLevel[i + 1]);
        }
        return levels;
    }

    @Test
    void defaultsFlagTheDeletedBlobAsWaste() {
        CheckResult result = run(CheckSettings.builder().image(Fixtures.image("busybox-app.docker.tar").toString()));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.findings()).extracting(Finding::toString).containsExactly(
                "[maxWastedPercent] wasted bytes are 99.99 % of the user layers (102.4 KB of 102.4 KB in the layers"
                        + " above the first, dive's measure), above the maximum of 10 %; largest: /app/data/blob.bin"
                        + " 102.4 KB in 2 copies (#3 (RUN mkdir -p /app/data && echo hello >...), #4 (RUN rm"
                        + " /app/data/blob.bin)); delete or change files in the same RUN that creates them (a later"
                        + " layer only adds a copy), set mode and owner when copying (COPY --chmod/--chown), and copy"
                        + " only what the image needs (multi-stage build)",
                "[historyLint] layers #2 to #4 are 3 consecutive RUN instructions (#2 RUN /bin/busybox --install -s"
                        + " /bin; #3 RUN mkdir -p /app/data && echo hello...; #4 RUN rm /app/data/blob.bin): join them"
                        + " into one RUN with '&&', one layer instead of 3, and what one step deletes is then never"
                        + " stored by another",
                "[requireHealthcheck] the image has no HEALTHCHECK; add one, e.g. HEALTHCHECK CMD"
                        + " [\"/app/healthcheck\"], so that the engine can tell a hung container from a healthy one");
        assertThat(result.findings()).extracting(Finding::level).containsExactly(Level.ERROR, Level.WARN, Level.WARN);
    }

    @Test
    void sizeBudgetBreachNamesTheLargestLayers() {
        CheckResult result = run(busybox().maxSize("1MB"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        // about the image as a whole: no path, no layer, no origin; the fingerprint is the first 128 bits of
        // SHA-256("maxSize" NUL "image" NUL "linux/amd64") (docs/report-format.md), from coreutils' sha256sum
        assertThat(result.findings()).extracting(Finding::rule, Finding::level, Finding::message, Finding::path,
                Finding::layer, Finding::origin, Finding::subject, Finding::fingerprint).containsExactly(tuple(
                        "maxSize", Level.ERROR, "image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest layers: "
                                + BUSYBOX_LARGEST + BUSYBOX_FILES, null, 0, null, "image",
                        "393d40b1faa376099ac4e11af9931196"));
        assertThat(Gate.failureMessage(result)).isEqualTo("Image " + Fixtures.image("busybox-app.docker.tar")
                + " has 1 breach:" + System.lineSeparator() + "  1. [maxSize] image is 2.1 MB, 1.1 MB over the budget"
                + " of 1 MB; largest layers: " + BUSYBOX_LARGEST + BUSYBOX_FILES);
    }

    @Test
    void everyBreachIsListedNumbered() {
        CheckResult result = run(busybox().maxSize("1.9MiB").maxLayerSize("100KiB").maxLayers(3)
                .maxCompressedSize("500KB"));
        String source = Fixtures.image("busybox-app.docker.tar").toString();
        assertThat(result.findings()).extracting(Finding::toString).containsExactly(
                // 2084662 bytes = 1.988 MiB, 92368 bytes over 1.9 MiB (1992294 bytes)
                "[maxSize] image is 2.0 MiB, 90.2 KiB over the budget of 1.9 MiB; largest layers: #1 1.9 MiB (COPY"
                        + " file:73e2b2d48642 in /bin/busybox), #3 100.0 KiB (RUN mkdir -p /app/data && echo hello >..."
                        + "); largest files: /bin/busybox 1.9 MiB (#1), /app/hello.txt 6 B (#3)",
                "[maxCompressedSize] image is " + kb(result.analysis().compressedSize()) + " compressed (gzip"
                        + " estimate), " + kb(result.analysis().compressedSize() - 500_000) + " over the budget of"
                        + " 500 KB; largest layers: #1 " + kb(result.analysis().layers().get(0).compressedSize())
                        + " (COPY file:73e2b2d48642 in /bin/busybox), #2 "
                        + kb(result.analysis().layers().get(1).compressedSize()) + " (/bin/busybox --install -s"
                        + " /bin), #3 " + result.analysis().layers().get(2).compressedSize() + " B"
                        + " (RUN mkdir -p /app/data && echo hello >...)",
                // 1982256 bytes = 1935.8 KiB; 102406 bytes = 100 KiB and 6 bytes
                "[maxLayerSize] layer #1 1935.8 KiB (COPY file:73e2b2d48642 in /bin/busybox) is 1835.8 KiB"
                        + " over the budget of 100 KiB for one layer; largest files: /bin/busybox 1935.8 KiB",
                // what layer 3 stores, the blob it makes (dd bs=1024 count=100) though layer 4 deletes it
                "[maxLayerSize] layer #3 100.0 KiB (RUN mkdir -p /app/data && echo hello >...) is 6 B"
                        + " over the budget of 100 KiB for one layer; largest files: /app/data/blob.bin 100.0 KiB,"
                        + " /app/hello.txt 6 B",
                "[maxLayers] image has 4 layers, 1 over the limit of 3; join consecutive RUN instructions with '&&'"
                        + " and use a multi-stage build to copy only the result");
        assertThat(Gate.failureMessage(result).split(System.lineSeparator())).hasSize(6)
                .startsWith("Image " + source + " has 5 breaches:")
                .contains("  5. [maxLayers] image has 4 layers, 1 over the limit of 3; join consecutive RUN"
                        + " instructions with '&&' and use a multi-stage build to copy only the result");
    }

    private static String kb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1000.0);
    }

    @Test
    void withinBudgetPasses() {
        CheckResult result = run(busybox().maxSize("3MB").maxLayers(4).maxLayerSize("2MB"));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).isEmpty();
        assertThat(result.verdicts().subList(0, 4))
                .extracting(RuleVerdict::rule, RuleVerdict::status, RuleVerdict::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("maxSize", RuleVerdict.Status.PASS, "2.1 MB of 3 MB"),
                        org.assertj.core.groups.Tuple.tuple("maxCompressedSize", RuleVerdict.Status.NOT_SET,
                                kbHuman(result.analysis().compressedSize()) + " (gzip estimate), no budget set"),
                        org.assertj.core.groups.Tuple.tuple("maxLayerSize", RuleVerdict.Status.PASS,
                                "largest layer 2.0 MB of 2 MB"),
                        org.assertj.core.groups.Tuple.tuple("maxLayers", RuleVerdict.Status.PASS, "4 of 4 layers"));
    }

    private static String kbHuman(long bytes) {
        return bytes >= 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1e3);
    }

    @Test
    void warnLevelLogsAndPasses() {
        CheckResult result = run(busybox().maxSize("1MB").levels(quiet("maxSize", "warn")));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(log.warnings()).containsExactly("[maxSize] image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest"
                + " layers: " + BUSYBOX_LARGEST + BUSYBOX_FILES);
        assertThat(log.info()).contains("    WARN  maxSize             2.1 MB of 1 MB");
    }

    @Test
    void offLevelDoesNotRunTheRule() {
        CheckResult result = run(busybox().maxSize("1MB").levels(quiet("maxSize", "OFF")));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.verdicts().get(0).status()).isEqualTo(RuleVerdict.Status.OFF);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void unknownRuleInLevels() {
        assertThatThrownBy(() -> run(busybox().levels(Map.of("maxSise", "WARN"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown rule 'maxSise' in <levels> (did you mean 'maxSize'?); known rules: ")
                .hasMessageContaining(", maxCompressedGrowth, maxCompressedSize, maxGrowth, maxLayerSize, maxLayers, ").hasMessageContaining(", maxSize, ");
    }

    @Test
    void badLevel() {
        assertThatThrownBy(() -> run(busybox().levels(Map.of("maxSize", "FATAL"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid level for rule maxSize: 'FATAL'; use ERROR, WARN or OFF");
    }

    @Test
    void badPlatform() {
        assertThatThrownBy(() -> run(busybox().platform("amd64")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for platform: 'amd64' is not os/architecture[/variant], e.g. linux/amd64 or"
                        + " linux/arm/v7, or all");
    }

    @Test
    void consoleSummaryHasARowPerLayer() {
        run(CheckSettings.builder().image(Fixtures.image("tiny.oci.tar").toString()).maxSize("1MB"));
        String source = Fixtures.image("tiny.oci.tar").toString();
        assertThat(log.info()).containsSequence(
                "Image " + source + " (oci-archive, linux/amd64)",
                "  digest " + Fixtures.expected("tiny.oci.manifestDigest") + ", tags 1.0",
                "     #        SIZE  COMPRESSED    FILES  BASE  CREATED BY",
                "     1      3.1 KB       229 B        2  ?     COPY file:20a6fed4d235 in /data/small.txt",
                "     2     12.3 KB       269 B        2  ?     COPY file:b373a819b97e in /data/medium.txt",
                "     3     41.0 KB       370 B        2  ?     COPY file:ee399bfb1bf8 in /data/large.txt",
                "   all     56.3 KB       868 B        6        3 layers",
                "  Base image: unknown; base layers unknown",
                "  OS: none found",
                "  Java: none found",
                "  Packages: none; 0 B of 56.3 KB in files attributed, 56.3 KB to no package",
                // the fixture's three files of 3072, 12288 and 40960 bytes (core/src/test/fixtures/tiny), one a layer
                "  Largest files: /data/large.txt 41.0 KB (#3), /data/medium.txt 12.3 KB (#2), /data/small.txt 3.1 KB"
                        + " (#1)",
                "  Largest directories: /data 56.3 KB",
                "  Rules:",
                "    PASS  maxSize             56.3 KB of 1 MB",
                "    PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)",
                "    PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)",
                "    PASS  noPackageCaches     no caches",
                "    PASS  historyLint         no issues",
                "    PASS  noBuildTools        no build tools",
                "    PASS  javaLayering        no Java application layers found",
                "    WARN  noRootUser          runs as root (no USER)",
                "    WARN  requireHealthcheck  no HEALTHCHECK",
                "    PASS  noSensitiveVolumes  no VOLUME",
                "    PASS  noLatestTag         tags 1.0",
                "    PASS  noSecretKeys        no secret-looking key in 2 ENV variables, 1 label and the history",
                "    PASS  noSecrets           no secret; 3 text files scanned",
                "    PASS  noSetuidFiles       no setuid/setgid file",
                "    PASS  noWorldWritable     no world-writable file",
                "    PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd",
                "    PASS  uniqueIds           no /etc/passwd or /etc/group",
                "    PASS  noStrayFiles        no stray file",
                "    not set: maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth,"
                        + " allowedBaseImages, deniedBaseImages,"
                        + " requirePinnedBase, unknownBase, allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon,"
                        + " minJavaVersion, allowedJavaVendors, maxWastedBytes, maxReclaimable, deniedPackages,"
                        + " maxPackageSize, vulnerabilities, configAssertions, fileAssertions",
                "  Verdict: PASS",
                "Report: " + reports.resolve("report.json"));
    }

    @Test
    void reportIsByteIdenticalForTheSameInput() throws IOException {
        run(busybox().maxSize("1MB"));
        byte[] first = Files.readAllBytes(reports.resolve("report.json"));
        run(busybox().maxSize("1MB"));
        assertThat(Files.readAllBytes(reports.resolve("report.json"))).isEqualTo(first);
    }

    @Test
    void reportHasTheDocumentedShape() throws IOException {
        CheckResult result = run(busybox().maxSize("1MB"));
        JsonNode r = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(r.path("tool").path("name").asText()).isEqualTo("image-hygiene-maven-plugin");
        assertThat(r.path("tool").path("version").asText()).isEqualTo("1.2.3");
        assertThat(r.path("image").path("source").asText()).isEqualTo(Fixtures.image("busybox-app.docker.tar")
                .toString());
        assertThat(r.path("image").path("format").asText()).isEqualTo("docker-archive");
        assertThat(r.path("image").path("digest").asText()).isEqualTo(Fixtures.expected("busybox-app.docker.configDigest"));
        assertThat(r.path("image").path("platform").asText()).isEqualTo("linux/amd64");
        assertThat(r.path("image").path("repoTags").get(0).asText()).isEqualTo("image-hygiene/busybox-app:1.0");
        assertThat(r.path("size").path("uncompressed").asLong()).isEqualTo(2231808L);
        assertThat(r.path("size").path("content").asLong()).isEqualTo(1982256L + 102406L);
        assertThat(r.path("size").path("compressed").asLong()).isEqualTo(result.analysis().compressedSize());
        JsonNode layers = r.path("layers");
        assertThat(layers).hasSize(4);
        List<Long> sizes = Fixtures.expectedLongs("busybox-app.docker.uncompressedSizes");
        List<String> diffIds = Fixtures.expectedList("busybox-app.docker.diffIds", ",");
        List<Long> files = Fixtures.expectedLongs("busybox-app.docker.files");
        long sum = 0;
        for (int i = 0; i < 4; i++) {
            JsonNode l = layers.get(i);
            assertThat(l.path("index").asInt()).isEqualTo(i + 1);
            assertThat(l.path("digest").asText()).isEqualTo(diffIds.get(i));
            assertThat(l.path("diffId").asText()).isEqualTo(diffIds.get(i));
            assertThat(l.path("size").asLong()).isEqualTo(sizes.get(i));
            assertThat(l.path("blobSize").asLong()).isEqualTo(sizes.get(i));
            assertThat(l.path("files").asLong()).isEqualTo(files.get(i));
            assertThat(l.path("createdBy").asText()).isEqualTo(Fixtures.expectedList("busybox-app.docker.createdBy",
                    "|").get(i));
            sum += l.path("size").asLong();
        }
        assertThat(r.path("size").path("uncompressed").asLong()).isEqualTo(sum);
        assertThat(r.path("findings")).hasSize(1);
        assertThat(r.path("findings").get(0).path("rule").asText()).isEqualTo("maxSize");
        assertThat(r.path("findings").get(0).path("level").asText()).isEqualTo("ERROR");
        assertThat(r.path("findings").get(0).path("message").asText()).isEqualTo("image is 2.1 MB, 1.1 MB over the"
                + " budget of 1 MB; largest layers: " + BUSYBOX_LARGEST + BUSYBOX_FILES);
        assertThat(r.path("verdict").asText()).isEqualTo("FAIL");
    }
}
