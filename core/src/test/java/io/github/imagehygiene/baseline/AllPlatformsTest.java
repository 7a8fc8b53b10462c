package io.github.imagehygiene.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.check.CheckRun;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Verdict;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * {@code platform=all} on the shared multi-platform layouts (BuildKit's export from stereoscope, regclient's test
 * repository with nested indexes and attestations): every platform checked with its own layers, as the layout's own
 * index and manifests list them (read here with plain JSON, following the descriptors by hand).
 */
public class AllPlatformsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** platform -> layer digests, from the layout's index (nested indexes followed, unknown/unknown left out). */
    public static Map<String, List<String>> manifests(Path layout, String ref) throws Exception {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (JsonNode d : index.get("manifests")) {
            String name = d.path("annotations").path("org.opencontainers.image.ref.name").asText(null);
            if (ref == null || ref.equals(name)) {
                walk(layout, d, out);
            }
        }
        return out;
    }

    private static void walk(Path layout, JsonNode d, Map<String, List<String>> out) throws Exception {
        JsonNode blob = JSON.readTree(layout.resolve("blobs/" + d.get("digest").asText().replace(':', '/')).toFile());
        if (blob.has("manifests")) {
            for (JsonNode m : blob.get("manifests")) {
                walk(layout, m, out);
            }
            return;
        }
        String platform = d.path("platform").path("os").asText() + "/" + d.path("platform").path("architecture")
                .asText() + (d.path("platform").has("variant") ? "/" + d.path("platform").get("variant").asText() : "");
        if (platform.equals("unknown/unknown") || !blob.has("layers")) {
            return;
        }
        List<String> layers = new ArrayList<>();
        blob.get("layers").forEach(l -> layers.add(l.get("digest").asText()));
        out.put(platform, layers);
    }

    CheckRun run(String image, String name) {
        return ImageCheck.check(CheckSettings.builder().image(image).platform("all").maxSize("1KB")
                .reportDirectory(dir.resolve(name)).build(), new CapturedLog());
    }

    @Test
    void buildKitsTwoPlatforms() throws Exception {
        Path layout = Fixtures.shared("archives/stereoscope-multiplatform-oci-dir");
        Map<String, List<String>> expected = manifests(layout, null);
        assertThat(expected).containsOnlyKeys("linux/amd64", "linux/arm64");
        CheckRun run = run(layout.toString(), "stereoscope");
        assertThat(run.results()).extracting(r -> r.analysis().image().platform().toString())
                .containsExactlyElementsOf(expected.keySet());
        for (CheckResult r : run.results()) {
            assertThat(r.analysis().layers()).extracting(l -> l.digest())
                    .containsExactlyElementsOf(expected.get(r.analysis().image().platform().toString()));
        }
        assertThat(run.verdict()).isEqualTo(Verdict.FAIL);
        // one failure, the breaches by platform, numbered on
        String nl = System.lineSeparator();
        assertThat(run.failureMessage()).startsWith("Image " + layout + " has 2 breaches:" + nl + "  linux/amd64:"
                + nl + "  1. [maxSize] image is 1.6 KB, 0.6 KB over the budget of 1 KB;")
                .contains(nl + "  linux/arm64:" + nl + "  2. [maxSize] image is 1.6 KB,");

        Path reports = dir.resolve("stereoscope");
        JsonNode report = JSON.readTree(reports.resolve("report.json").toFile());
        assertThat(report.get("platforms")).hasSize(2);
        for (JsonNode p : report.get("platforms")) {
            assertThat(p.get("layers").findValuesAsText("digest"))
                    .containsExactlyElementsOf(expected.get(p.get("platform").asText()));
            assertThat(p.has("tool")).isFalse();
            assertThat(p.get("verdict").asText()).isEqualTo("FAIL");
        }
        assertThat(report.get("verdict").asText()).isEqualTo("FAIL");
        // one SARIF run and one JUnit suite per platform, an SBOM each
        assertThat(JSON.readTree(reports.resolve("report.sarif").toFile()).get("runs")).hasSize(2);
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var junit = f.newDocumentBuilder().parse(reports.resolve("TEST-image-hygiene.xml").toFile());
        assertThat(junit.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
        assertThat(reports.resolve("sbom-linux-amd64.cdx.json")).isRegularFile();
        assertThat(reports.resolve("sbom-linux-arm64.cdx.json")).isRegularFile();
        assertThat(Files.readString(reports.resolve("report.html"))).contains("id=\"platform-linux-amd64\"",
                "id=\"platform-linux-arm64\"");
    }

    /** regclient's v3: four platforms of five layers, beside attestations that are no platform of the image. */
    @Test
    void regclientsFourPlatformsAttestationsLeftOut() throws Exception {
        Path layout = Fixtures.shared("archives/regclient-testrepo");
        Map<String, List<String>> expected = manifests(layout, "v3");
        assertThat(expected).hasSize(4);
        CheckRun run = run(layout + ":v3", "regclient");
        assertThat(run.results()).extracting(r -> r.analysis().image().platform().toString())
                .containsExactlyElementsOf(expected.keySet());
        for (CheckResult r : run.results()) {
            assertThat(r.analysis().layers()).extracting(l -> l.digest())
                    .containsExactlyElementsOf(expected.get(r.analysis().image().platform().toString()))
                    .hasSize(5);
        }
    }

    /** An archive of one platform under platform=all: one platform, said so. */
    @Test
    void onePlatformIsAsBefore() {
        CapturedLog log = new CapturedLog();
        CheckRun run = ImageCheck.check(CheckSettings.builder().image(Fixtures.image("tiny.oci.tar").toString())
                .platform("all").build(), log);
        assertThat(run.results()).hasSize(1);
        assertThat(log.info().get(0)).isEqualTo("Platform 1 of 1: linux/amd64");
    }
}
