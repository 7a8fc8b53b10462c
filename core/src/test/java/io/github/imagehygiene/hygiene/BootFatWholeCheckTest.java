package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.report.JsonReport;
import io.github.imagehygiene.report.sbom.SbomWriter;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;

/**
 * The whole check, default settings (javaLayering at WARN, SBOM on), on hygiene-boot-fat: a Spring Boot fat jar of
 * 10.9 MB (over the layer scanner's 8 MiB shared copy) in one layer. The layering rule and the SBOM both see it.
 */
class BootFatWholeCheckTest {
    private static final String JAR = "/app/app.jar";

    @Test
    void javaLayeringAndSbomBothSeeTheFatJar(@TempDir Path reports) throws Exception {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        Path image = HygieneFixtures.large("hygiene-boot-fat.docker.tar");
        long size = f.number("boot-jar.size");
        int libs = (int) f.number("boot-jar.libs");
        assertThat(size).as("larger than LayerScanner's shared copy").isGreaterThan(8L * 1024 * 1024);
        assertThat(libs).isEqualTo(19);

        CheckResult result = new ImageCheck(
                CheckSettings.builder().image(image.toString()).reportDirectory(reports).build(), LogSink.NONE)
                .run();

        RuleVerdict layering = result.verdicts().stream().filter(v -> v.rule().equals(JavaLayeringRule.ID))
                .findFirst().orElseThrow();
        assertThat(layering.status()).isEqualTo(RuleVerdict.Status.WARN);
        assertThat(layering.summary()).isEqualTo("1 fat jar in one layer");
        assertThat(layering.findings()).singleElement().satisfies(x -> assertThat(x.message())
                .startsWith(JAR + " (" + ByteSize.human(size) + ") in layer #3 (COPY file:")
                .contains(" is a Spring Boot jar: one layer whose ")
                .contains(" BOOT-INF/layers.idx defines: dependencies "
                        + ByteSize.human(f.bytesAndFiles("boot-jar.layer.dependencies")[0]) + " ("
                        + f.bytesAndFiles("boot-jar.layer.dependencies")[1] + " files)"));

        JsonNode report = new ObjectMapper().readTree(reports.resolve(JsonReport.FILE_NAME).toFile());
        List<String> layeringFindings = new ArrayList<>();
        report.get("findings").forEach(n -> {
            if (n.get("rule").asText().equals(JavaLayeringRule.ID)) {
                layeringFindings.add(n.get("message").asText());
            }
        });
        assertThat(layeringFindings).singleElement().asString().startsWith(JAR + " (");

        String text = Files.readString(reports.resolve(SbomWriter.FILE_NAME));
        assertThat(SbomWriter.validate(text)).isEmpty();
        JsonNode bom = new ObjectMapper().readTree(text);
        List<String> inJar = new ArrayList<>();
        boolean app = false;
        for (JsonNode c : bom.get("components")) {
            for (JsonNode o : c.path("evidence").path("occurrences")) {
                String location = o.get("location").asText();
                if (location.startsWith(JAR + "!/BOOT-INF/lib/")) {
                    inJar.add(location);
                }
                app |= location.equals(JAR);
            }
        }
        assertThat(app).isTrue();
        assertThat(inJar).hasSize(libs).doesNotHaveDuplicates()
                .contains(JAR + "!/BOOT-INF/lib/" + f.list("boot-jar.largestLibs", ",").get(0).split(":")[0]);
        JsonNode dependsOn = null;
        for (JsonNode d : bom.get("dependencies")) {
            if (d.get("ref").asText().equals(JAR)) {
                dependsOn = d.get("dependsOn");
            }
        }
        assertThat(dependsOn).isNotNull().hasSize(libs);
        assertThat(report.get("inventory").get("counts").get("maven").asInt()).isGreaterThanOrEqualTo(1 + libs);
    }
}
