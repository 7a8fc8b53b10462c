package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.analysis.inventory.JavaArchive;
import io.github.imagehygiene.analysis.inventory.JavaArchivesCollector;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.report.JsonReport;
import io.github.imagehygiene.report.sbom.SbomWriter;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;

/**
 * The whole check, default settings (javaLayering at WARN, SBOM on), on the Debian image whose /app/app.jar is a
 * Spring Boot fat jar of 22 MB with 31 BOOT-INF/lib jars: larger than the layer scanner's shared copy, so it reaches
 * one collector only. Both the layering analysis and the SBOM must see it, from the one pass.
 */
class FatJarWholeCheckTest {
    private static final String JAR = "/app/app.jar";
    private static final int LIBS = 31;

    @Test
    void javaLayeringAndSbomBothSeeTheFatJar(@TempDir Path reports) throws Exception {
        Path image = LargeFixtures.require("inventory-debian.docker.tar");
        long jarSize = Files.size(LargeFixtures.require("inventory-boot-app.jar"));
        assertThat(jarSize).as("larger than LayerScanner's shared copy").isGreaterThan(8L * 1024 * 1024);
        CheckSettings config = CheckSettings.builder().image(image.toString()).reportDirectory(reports)
                .build();

        // exactly one collector of the whole check wants a jar
        Map<String, ContentCollector<?>> byId = new LinkedHashMap<>();
        for (Rule rule : io.github.imagehygiene.rules.catalog.RuleCatalog.rules(config.rules())) {
            rule.collectors().forEach(c -> byId.putIfAbsent(c.id(), c));
        }
        InventoryCollectors.all().forEach(c -> byId.putIfAbsent(c.id(), c));
        for (String path : List.of(JAR, "/x/a.war", "/x/a.ear", "/x/A.JAR")) {
            assertThat(byId.values().stream().filter(c -> c.wants(path, jarSize)).map(ContentCollector::id))
                    .as(path).containsExactly(JavaArchivesCollector.ID);
        }

        CheckResult result = new ImageCheck(config, LogSink.NONE).run();

        // one value per jar, with both the index and the artifacts
        JavaArchive archive = result.analysis().filesystem().collected(JavaArchivesCollector.INSTANCE, JAR)
                .orElseThrow();
        assertThat(archive.index()).isNotNull();
        assertThat(archive.index().isSpringBoot()).isTrue();
        assertThat(archive.index().nestedJars()).hasSize(LIBS);
        assertThat(archive.artifacts()).hasSize(1 + LIBS);

        // javaLayering reports the fat jar
        RuleVerdict layering = result.verdicts().stream().filter(v -> v.rule().equals(JavaLayeringRule.ID))
                .findFirst().orElseThrow();
        assertThat(layering.status()).isEqualTo(RuleVerdict.Status.WARN);
        assertThat(layering.summary()).isEqualTo("1 fat jar in one layer");
        assertThat(layering.findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith(JAR + " (").contains(") in layer #2 (")
                        .contains(" is a Spring Boot jar: one layer whose ")
                        .contains("split it into the layers its BOOT-INF/layers.idx defines: dependencies "));

        // the inventory lists its BOOT-INF/lib jars
        Inventory inv = Inventory.from(result.analysis());
        List<Component> libs = inv.javaArtifacts().stream().filter(c -> JAR.equals(c.parent())).toList();
        assertThat(libs).hasSize(LIBS)
                .allSatisfy(c -> assertThat(c.location()).startsWith(JAR + "!/BOOT-INF/lib/").endsWith(".jar"));

        // report.json: the javaLayering warning and the inventory's counts
        JsonNode report = new ObjectMapper().readTree(reports.resolve(JsonReport.FILE_NAME).toFile());
        List<String> layeringFindings = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("rule").asText().equals(JavaLayeringRule.ID)) {
                layeringFindings.add(f.get("message").asText());
            }
        });
        assertThat(layeringFindings).singleElement().asString().startsWith(JAR + " (");
        assertThat(report.get("inventory").get("counts").get("maven").asInt()).isEqualTo(inv.javaArtifacts().size())
                .isGreaterThanOrEqualTo(1 + LIBS);
        assertThat(report.get("inventory").get("counts").get("deb").asInt()).isEqualTo(86);

        // sbom.cdx.json: valid, the fat jar and its libraries, with the fat jar depending on them
        String text = Files.readString(reports.resolve(SbomWriter.FILE_NAME));
        assertThat(SbomWriter.validate(text)).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(text);
        List<String> inJar = new ArrayList<>();
        boolean app = false;
        for (JsonNode c : bom.get("components")) {
            JsonNode occurrences = c.path("evidence").path("occurrences");
            for (JsonNode o : occurrences) {
                String location = o.get("location").asText();
                if (location.startsWith(JAR + "!/BOOT-INF/lib/")) {
                    inJar.add(location);
                }
                app |= location.equals(JAR);
            }
        }
        assertThat(app).isTrue();
        assertThat(inJar).hasSize(LIBS).doesNotHaveDuplicates()
                .contains(JAR + "!/BOOT-INF/lib/log4j-core-2.14.1.jar");
        JsonNode dependsOn = null;
        for (JsonNode d : bom.get("dependencies")) {
            if (d.get("ref").asText().equals(JAR)) {
                dependsOn = d.get("dependsOn");
            }
        }
        assertThat(dependsOn).isNotNull().hasSize(LIBS);
    }
}
