package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The baseline goal as Maven wires it, with the check's configuration shared: it records what the image is, whatever
 * newFindingsOnly and the growth budgets say (they need a baseline), with its packages, and with {@code platform=all}
 * every platform.
 */
@MojoTest
class BaselineMojoTest {
    private static final String POM = "src/test/resources/unit/baseline/pom.xml";
    private static final String TINY = "../core/src/test/resources/images/tiny.docker.tar";
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> run(CheckMojo mojo) throws Exception {
        CheckMojoTest.Captured log = new CheckMojoTest.Captured();
        mojo.setLog(log);
        mojo.execute();
        return log.lines;
    }

    @Test
    @InjectMojo(goal = "baseline", pom = POM)
    @MojoParameter(name = "image", value = TINY)
    @MojoParameter(name = "reportDirectory", value = "target/unit/baseline-tiny")
    @MojoParameter(name = "baselineFile", value = "target/unit/baseline-tiny/written/image-baseline.json")
    void ignoresNewFindingsOnlyAndTheGrowthBudgets(CheckMojo mojo) throws Exception {
        Path file = Path.of("target/unit/baseline-tiny/written/image-baseline.json").toAbsolutePath();
        Files.deleteIfExists(file);
        List<String> log = run(mojo);
        // tiny: 56,320 B of files (expected.properties, from docker), 3 layers, no USER and no HEALTHCHECK
        assertThat(log).contains("[INFO] Baseline written: " + file + " (56.3 KB, 3 layers, 2 findings); set"
                + " <baseline> to it and commit it");
        JsonNode written = JSON.readTree(file.toFile());
        assertThat(written).isEqualTo(JSON.readTree(Path.of("target/unit/baseline-tiny/report.json").toFile()));
        assertThat(written.has("diff")).isFalse();
        assertThat(written.at("/size/content").asLong()).isEqualTo(56320);
        // the packages are in it (none in tiny, but compared: a list, not absent), as an image baseline has them
        assertThat(written.at("/inventory/packages").isArray()).isTrue();
        List<String> notSet = new ArrayList<>();
        written.get("rules").forEach(r -> {
            if (r.get("status").asText().equals("NOT_SET")) {
                notSet.add(r.get("rule").asText());
            }
        });
        assertThat(notSet).contains("maxGrowth", "maxCompressedGrowth");
    }

    /**
     * The packages are in the baseline whatever the formats: libc6 and log4j-core, as dpkg's status and the jar's
     * pom.properties name them (core/src/test/resources/images/baseline/README.md), so a report baseline compares
     * packages as an image baseline does.
     */
    @Test
    @InjectMojo(goal = "baseline", pom = "src/test/resources/unit/check/pom.xml")
    @MojoParameter(name = "image", value = "../core/src/test/resources/images/baseline/packages-before.oci.tar")
    @MojoParameter(name = "reportDirectory", value = "target/unit/baseline-packages")
    @MojoParameter(name = "baselineFile", value = "target/unit/baseline-packages/image-baseline.json")
    @MojoParameter(name = "sbom", value = "false")
    void thePackagesAreInIt(CheckMojo mojo) throws Exception {
        run(mojo);
        JsonNode written = JSON.readTree(Path.of("target/unit/baseline-packages/image-baseline.json").toFile());
        assertThat(written.at("/inventory/packages").findValuesAsText("purl"))
                .anyMatch(p -> p.startsWith("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64"))
                .anyMatch(p -> p.equals("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1"))
                .hasSize(2);
    }

    /** With platform=all the baseline holds every platform (BuildKit's amd64 and arm64, ../shared/fixtures). */
    @Test
    @InjectMojo(goal = "baseline", pom = POM)
    @MojoParameter(name = "image", value = "../../shared/fixtures/archives/stereoscope-multiplatform-oci-dir")
    @MojoParameter(name = "platform", value = "all")
    @MojoParameter(name = "reportDirectory", value = "target/unit/baseline-all")
    @MojoParameter(name = "baselineFile", value = "target/unit/baseline-all/image-baseline.json")
    void everyPlatformWithPlatformAll(CheckMojo mojo) throws Exception {
        Path layout = Path.of("../../shared/fixtures/archives/stereoscope-multiplatform-oci-dir");
        if (!Files.isDirectory(layout)) {
            String message = "SKIPPED: shared fixture " + layout.toAbsolutePath() + " is absent";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
        }
        List<String> log = run(mojo);
        assertThat(log).anyMatch(l -> l.startsWith("[INFO] Baseline written: ") && l.contains(" (2 platforms:"
                + " linux/amd64 ") && l.contains("; linux/arm64 "));
        JsonNode written = JSON.readTree(Path.of("target/unit/baseline-all/image-baseline.json").toFile());
        List<String> platforms = new ArrayList<>();
        written.get("platforms").forEach(p -> platforms.add(p.get("platform").asText()));
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64");
    }
}
