package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.PackageType;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.report.sbom.InventoryReport;
import io.github.imagehygiene.report.sbom.SbomWriter;
import io.github.imagehygiene.gate.RuleEngine;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.report.Output;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.rules.inventory.InventorySettings;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.rules.inventory.DeniedPackage;
import io.github.imagehygiene.rules.inventory.DeniedPackagesRule;
import io.github.imagehygiene.rules.inventory.MaxPackageSizeRule;

/** deniedPackages, maxPackageSize, the attribution table and the SBOM on the Debian + Spring Boot image. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryRulesAndSbomTest {
    ImageAnalysis analysis;
    Inventory inv;

    @BeforeAll
    void read() {
        analysis = LargeFixtures.analyse(LargeFixtures.require("inventory-debian.docker.tar"));
        inv = Inventory.from(analysis);
    }

    private static Component maven(String group, String name, String version) {
        return new Component(PackageType.MAVEN, group, name, version, null, "", "", "", List.of(), 0, 1, -1, 0, null,
                "/x.jar", null, "0", "manifest");
    }

    @Test
    void deniedPatterns() {
        DeniedPackage log4shell = DeniedPackage.of("pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)",
                "CVE-2021-44228");
        assertThat(log4shell.matches(maven("org.apache.logging.log4j", "log4j-core", "2.14.1"))).isTrue();
        assertThat(log4shell.matches(maven("org.apache.logging.log4j", "log4j-core", "2.0-beta9"))).isFalse();
        assertThat(log4shell.matches(maven("org.apache.logging.log4j", "log4j-core", "2.17.1"))).isFalse();
        assertThat(log4shell.matches(maven("org.apache.logging.log4j", "log4j-api", "2.14.1"))).isFalse();
        assertThat(log4shell.matches(maven(null, "log4j-core", "2.14.1"))).as("unknown group matches").isTrue();
        assertThat(DeniedPackage.of("org.apache.commons:commons-text@[1.5,1.10.0)", "Text4Shell")
                .matches(maven("org.apache.commons", "commons-text", "1.9"))).isTrue();
        assertThat(DeniedPackage.of("pkg:maven/*/jackson-*", "").matches(maven("com.fasterxml.jackson.core",
                "jackson-databind", "2.19.2"))).isTrue();
        assertThat(DeniedPackage.of("log4j-core@2.14.*", "").matches(maven("g", "log4j-core", "2.14.1"))).isTrue();
        assertThatThrownBy(() -> DeniedPackage.of("pkg:maven/g/a@[1.0", "")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid deniedPackages entry 'pkg:maven/g/a@[1.0': bad version range '[1.0': unclosed range");
        assertThatThrownBy(() -> DeniedPackage.of("pkg:deb/debian/bash?arch=amd64", ""))
                .isInstanceOf(ConfigurationException.class);
    }

    /**
     * A range no version lies in would deny nothing, silently: refused as Maven's own range parser (maven-artifact)
     * refuses one whose bounds defy the version order; ranges it takes are taken.
     */
    @Test
    void rangesThatMatchNoVersionAreRefusedAsMavenRefusesThem() {
        for (String spec : List.of("[3.0,2.0)", "[2.0,3.0)", "[1.10,1.9]", "[1.9,1.10]", "[2.0.1,2.0.0]",
                "[1.0,1.0-alpha]", "[1.0-alpha,1.0]", "(,1.0],[3.0,2.0)", "[1.0,1.0]", "[2.0,)", "(,1.0]")) {
            boolean mavenRefuses;
            try {
                org.apache.maven.artifact.versioning.VersionRange.createFromVersionSpec(spec);
                mavenRefuses = false;
            } catch (org.apache.maven.artifact.versioning.InvalidVersionSpecificationException e) {
                mavenRefuses = true;
            }
            String entry = "pkg:maven/g/a@" + spec;
            if (mavenRefuses) {
                assertThatThrownBy(() -> DeniedPackage.of(entry, "")).as(spec).isInstanceOf(
                        ConfigurationException.class).hasMessageContaining("matches no version: lower bound ");
            } else {
                assertThat(DeniedPackage.of(entry, "")).as(spec).isNotNull();
            }
        }
        assertThatThrownBy(() -> DeniedPackage.of("pkg:maven/g/a@[3.0,2.0)", "")).hasMessage("Invalid deniedPackages"
                + " entry 'pkg:maven/g/a@[3.0,2.0)': the version range [3.0,2.0) matches no version: lower bound 3.0"
                + " is above upper bound 2.0");
        // dpkg's order: an epoch outweighs the rest (dpkg --compare-versions 1:1.0 gt 2.0)
        assertThat(DeniedPackage.of("pkg:deb/debian/bash@[2.0,1:1.0)", "")).isNotNull();
        assertThatThrownBy(() -> DeniedPackage.of("pkg:deb/debian/bash@[1:1.0,2.0)", ""))
                .hasMessageContaining("lower bound 1:1.0 is above upper bound 2.0");
    }

    @Test
    void deniedPackagesOnTheImage() {
        DeniedPackagesRule rule = new DeniedPackagesRule(new InventorySettings(List.of(
                DeniedPackage.of("pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)", "CVE-2021-44228 (Log4Shell)"),
                DeniedPackage.of("pkg:deb/debian/bash@[5.2,5.3)", "no shells in production images"),
                DeniedPackage.of("pkg:deb/debian/e2fsprogs", "purged: must not match")), null));
        Outcome outcome = rule.evaluate(analysis);
        int packages = inv.components().size();
        assertThat(outcome.summary()).isEqualTo("2 denied of " + packages + " packages (86 OS, "
                + inv.javaArtifacts().size() + " Java)");
        Component bash = inv.osPackages().stream().filter(c -> c.name().equals("bash")).findFirst().orElseThrow();
        String base = analysis.layers().get(0).instruction();
        assertThat(outcome.messages()).containsExactly(
                "bash " + bash.version() + " (" + bash.purl() + ") in /var/lib/dpkg/status, layer #1"
                        + (base.isEmpty() ? "" : " (" + base + ")")
                        + " is denied by pkg:deb/debian/bash@[5.2,5.3): no shells in production images",
                "org.apache.logging.log4j:log4j-core 2.14.1 (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1)"
                        + " in /app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar, layer #2 (COPY file:"
                        + analysis.layers().get(1).instruction().substring("COPY file:".length())
                        + ") is denied by pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1):"
                        + " CVE-2021-44228 (Log4Shell)");
        List<RuleVerdict> verdicts = RuleEngine.evaluate(List.of(rule), Map.of(), analysis);
        assertThat(verdicts.get(0).status()).isEqualTo(RuleVerdict.Status.FAIL);
        assertThat(new DeniedPackagesRule(InventorySettings.NONE).evaluate(analysis).active()).isFalse();
        assertThat(rule.collectors()).extracting(c -> c.id()).containsExactly("os-packages", "java-archives");
        assertThat(rule.defaultLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void maxPackageSize() {
        Component largest = inv.largest(1).get(0);
        ByteSize limit = ByteSize.parse("maxPackageSize", (largest.bytes() - 1) + "B");
        Outcome outcome = new MaxPackageSizeRule(new InventorySettings(List.of(), limit)).evaluate(analysis);
        assertThat(outcome.messages()).hasSize(1).first().asString()
                .startsWith("package " + largest.displayName() + " " + largest.version() + " (" + largest.purl() + ")")
                .endsWith(" is " + limit.formatLike(largest.bytes()) + ", " + limit.formatLike(1)
                        + " over the budget of " + limit + " for one package");
        assertThat(new MaxPackageSizeRule(new InventorySettings(List.of(),
                ByteSize.parse("maxPackageSize", largest.bytes() + "B")))
                .evaluate(analysis).breaches()).isEmpty();
        assertThat(new MaxPackageSizeRule(InventorySettings.NONE).evaluate(analysis).summary())
                .isEqualTo("largest package " + largest.displayName() + " " + ByteSize.human(largest.bytes())
                        + ", no budget set");
    }

    @Test
    void attributionTable() {
        List<String> lines = InventoryReport.consoleLines(analysis, 5);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("  Packages: 86 deb, " + inv.javaArtifacts().size() + " maven (debian-12); "
                + ByteSize.human(inv.attributedBytes()) + " of " + ByteSize.human(inv.fileBytes())
                + " in files attributed, " + ByteSize.human(inv.unattributedBytes()) + " to no package");
        Component top = inv.largest(1).get(0);
        assertThat(lines.get(2)).startsWith(String.format("  %10s  %s (%s)", ByteSize.human(top.bytes()),
                top.displayName(), top.type().purlType()));
        JsonNode json = InventoryReport.json(analysis, 5);
        assertThat(json.get("counts").get("deb").asInt()).isEqualTo(86);
        assertThat(json.get("largest")).hasSize(5);
        assertThat(json.get("largest").get(0).get("bytes").asLong()).isEqualTo(top.bytes());
        assertThat(json.get("attributedBytes").asLong() + json.get("unattributedBytes").asLong())
                .isEqualTo(json.get("fileBytes").asLong());
    }

    @Test
    void sbomValidatesAndNamesLayers(@TempDir Path dir) throws Exception {
        Path file = Output.to(LogSink.NONE, dir, Masking.PATTERNS_ONLY).writeJsonText(SbomWriter.FILE_NAME,
                SbomWriter.toJson(analysis, "image-hygiene-maven-plugin", "1.2.3"));
        assertThat(file).hasFileName("sbom.cdx.json");
        String text = Files.readString(file);
        assertThat(SbomWriter.validate(text)).isEmpty();
        // reproducible
        assertThat(new ObjectMapper().readTree(SbomWriter.toJson(analysis, "image-hygiene-maven-plugin", "1.2.3")))
                .isEqualTo(new ObjectMapper().readTree(text));
        JsonNode bom = new ObjectMapper().readTree(text);
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        JsonNode root = bom.get("metadata").get("component");
        assertThat(root.get("type").asText()).isEqualTo("container");
        assertThat(root.get("name").asText()).isEqualTo("image-hygiene/inventory-debian");
        assertThat(root.get("version").asText()).isEqualTo(analysis.image().digest());
        // every package, plus the operating system
        assertThat(bom.get("components")).hasSize(inv.components().size() + 1);
        JsonNode log4j = null;
        for (JsonNode c : bom.get("components")) {
            if ("log4j-core".equals(c.path("name").asText())) {
                log4j = c;
            }
        }
        assertThat(log4j).isNotNull();
        assertThat(log4j.get("purl").asText()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(log4j.get("hashes").get(0).get("alg").asText()).isEqualTo("SHA-1");
        assertThat(log4j.get("evidence").get("occurrences").get(0).get("location").asText())
                .isEqualTo("/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar");
        String layerDigest = null;
        for (JsonNode p : log4j.get("properties")) {
            if (p.get("name").asText().equals("image-hygiene:layer:digest")) {
                layerDigest = p.get("value").asText();
            }
        }
        assertThat(layerDigest).isEqualTo(analysis.layers().get(1).digest());
        // the fat jar depends on its libraries
        boolean found = false;
        for (JsonNode d : bom.get("dependencies")) {
            if (d.get("ref").asText().equals("/app/app.jar")) {
                found = true;
                assertThat(d.get("dependsOn")).hasSize(31);
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void sbomOfAlpineValidates() throws Exception {
        ImageAnalysis alpine = LargeFixtures.analyse(LargeFixtures.require("inventory-alpine.docker.tar"));
        String text = SbomWriter.toJson(alpine, "image-hygiene-maven-plugin", "dev");
        assertThat(SbomWriter.validate(text)).isEmpty();
        assertThat(text).contains("\"purl\" : \"pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3\"");
    }
}
