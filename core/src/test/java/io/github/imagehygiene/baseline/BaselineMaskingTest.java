package io.github.imagehygiene.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * A baseline's secrets and masked names: the baseline image's own secret values are masked in every output (its
 * removed layers' history, its gone findings), and a path that masking changes (a folder named as a token) gives the
 * same diff whether the baseline is the image or its report.json (which holds it masked). The images are made by
 * core/src/test/fixtures/hostile/make-hostile.py; the secret and the history are read from the image by Python
 * (read-image.py), not by the plugin.
 */
class BaselineMaskingTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    JsonNode report(String name) throws Exception {
        return JSON.readTree(dir.resolve(name).resolve("report.json").toFile());
    }

    CapturedLog check(CheckSettings.Builder b, String name) {
        CapturedLog log = new CapturedLog();
        ImageCheck.run(b.reportDirectory(dir.resolve(name)).build(), log);
        return log;
    }

    /** ENV SESSION_SECRET=… and the same value in `curl -H 'X-Auth: …'` of the baseline's top layer. */
    @Test
    void theBaselineImagesSecretIsMaskedInEveryOutput() throws Exception {
        Path baseline = Fixtures.image("baseline/history-secret.oci.tar");
        Path current = Fixtures.image("tiny.oci.tar");
        JsonNode config = BaselineDiffTest.python("config", baseline);
        String secret = null;
        for (JsonNode e : config.at("/config/Env")) {
            if (e.asText().startsWith("SESSION_SECRET=")) {
                secret = e.asText().substring("SESSION_SECRET=".length());
            }
        }
        JsonNode history = config.get("history");
        String createdBy = history.get(2).get("created_by").asText();
        assertThat(secret).hasSize(24);
        assertThat(createdBy).contains("X-Auth: " + secret);

        // the report the baseline image's own check writes: masked with its own values
        check(CheckSettings.builder().image(baseline.toString()), "baseline");
        for (String kind : List.of("image", "report")) {
            String location = kind.equals("image") ? baseline.toString()
                    : dir.resolve("baseline/report.json").toString();
            CapturedLog log = check(CheckSettings.builder().image(current.toString()).baseline(location), kind);
            // every file written, every line shown
            try (Stream<Path> files = Files.list(dir.resolve(kind))) {
                for (Path f : files.toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
                }
            }
            assertThat(String.join("\n", log.lines())).doesNotContain(secret);
            // the layer tiny lacks: the baseline's top one, its history as every output masks a secret value (its
            // first four characters, then ****)
            JsonNode removed = report(kind).at("/diff/layers/removed");
            assertThat(removed).as(kind).hasSize(1);
            assertThat(removed.get(0).get("createdBy").asText()).as(kind)
                    .isEqualTo(createdBy.replace(secret, secret.substring(0, 4) + "****"));
            assertThat(Files.readString(dir.resolve(kind).resolve("report.html")))
                    .contains("X-Auth: " + secret.substring(0, 4) + "****");
        }
    }

    /**
     * report-names holds /app/ghp_…/cache.bin, a folder named as a GitHub token: report.json writes it masked
     * (/app/ghp_****&#47;cache.bin). Compared with itself, with tiny and tiny with it, the report and the image give
     * the same diff; with itself an empty one.
     */
    @Test
    void aReportAndTheImageGiveTheSameDiffOfMaskedPaths() throws Exception {
        Path hostile = Fixtures.image("hostile/report-names.oci.tar");
        Path tiny = Fixtures.image("tiny.oci.tar");
        check(CheckSettings.builder().image(hostile.toString()), "hostile");
        check(CheckSettings.builder().image(tiny.toString()), "tiny");
        Path[][] pairs = {{hostile, hostile}, {hostile, tiny}, {tiny, hostile}};
        for (Path[] pair : pairs) {
            String name = pair[0].getFileName() + "-to-" + pair[1].getFileName();
            String report = dir.resolve(pair[0] == hostile ? "hostile" : "tiny").resolve("report.json").toString();
            check(CheckSettings.builder().image(pair[1].toString()).baseline(report), name + "-report");
            check(CheckSettings.builder().image(pair[1].toString()).baseline(pair[0].toString()), name + "-image");
            ObjectNode fromReport = (ObjectNode) report(name + "-report").get("diff");
            ObjectNode fromImage = (ObjectNode) report(name + "-image").get("diff");
            ((ObjectNode) fromReport.get("baseline")).remove(List.of("kind", "location"));
            ((ObjectNode) fromImage.get("baseline")).remove(List.of("kind", "location"));
            assertThat(fromReport).as(name).isEqualTo(fromImage);
        }
        JsonNode self = report("report-names.oci.tar-to-report-names.oci.tar-report").get("diff");
        for (String list : List.of("/layers/added", "/layers/removed", "/files/added", "/files/removed",
                "/files/grown", "/findings/new", "/findings/gone")) {
            assertThat(self.at(list)).as(list).isEmpty();
        }
        // the token folder's file went from hostile to tiny: listed, masked
        JsonNode gone = report("report-names.oci.tar-to-tiny.oci.tar-report").at("/diff/files/removed");
        assertThat(gone.findValuesAsText("path")).contains("/app/ghp_****/cache.bin");
    }
}
