package io.github.imagehygiene.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.check.CheckRun;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Baselines of multi-platform images, on the shared layouts (BuildKit's two platforms from stereoscope, regclient's
 * v2 and v3 of three and four platforms, go-containerregistry's Docker 25 save of one arm64 image): each platform
 * compares with the same platform of the baseline, report or image, and a platform the baseline lacks is said to be
 * new, never compared with another and never an abort. What each platform holds is read from the layouts by hand
 * (plain JSON, the descriptors followed): the platforms, and the diff_ids of their configs.
 */
class BaselinePlatformsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** platform → the config's diff_ids, from the layout's index (nested indexes followed, unknown/unknown out). */
    static Map<String, List<String>> diffIds(Path layout, String ref) throws Exception {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode d : index.get("manifests")) {
            String name = d.path("annotations").path("org.opencontainers.image.ref.name").asText(null);
            if (ref == null || ref.equals(name)) {
                walk(layout, d, out);
            }
        }
        return out;
    }

    private static JsonNode blob(Path layout, JsonNode descriptor) throws Exception {
        return JSON.readTree(layout.resolve("blobs/" + descriptor.get("digest").asText().replace(':', '/')).toFile());
    }

    private static void walk(Path layout, JsonNode d, Map<String, List<String>> out) throws Exception {
        JsonNode b = blob(layout, d);
        if (b.has("manifests")) {
            for (JsonNode m : b.get("manifests")) {
                walk(layout, m, out);
            }
            return;
        }
        JsonNode p = d.path("platform");
        String platform = p.path("os").asText() + "/" + p.path("architecture").asText()
                + (p.has("variant") ? "/" + p.get("variant").asText() : "");
        if (platform.equals("unknown/unknown") || !b.has("config")) {
            return;
        }
        List<String> ids = new ArrayList<>();
        blob(layout, b.get("config")).at("/rootfs/diff_ids").forEach(i -> ids.add(i.asText()));
        out.put(platform, ids);
    }

    CheckRun check(CheckSettings.Builder b, String name, CapturedLog log) {
        return ImageCheck.check(b.reportDirectory(dir.resolve(name)).build(), log);
    }

    JsonNode report(String name) throws Exception {
        return JSON.readTree(dir.resolve(name).resolve("report.json").toFile());
    }

    /** platforms[] of a platform=all report, by platform. */
    Map<String, JsonNode> byPlatform(String name) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode p : report(name).get("platforms")) {
            out.put(p.get("platform").asText(), p);
        }
        return out;
    }

    /** (a) A report written with platform=all is a baseline: each platform compares with its own. */
    @Test
    void aPlatformAllReportIsABaselineOfEachPlatform() throws Exception {
        Path layout = Fixtures.shared("archives/stereoscope-multiplatform-oci-dir");
        Map<String, List<String>> ids = diffIds(layout, null);
        assertThat(ids).containsOnlyKeys("linux/amd64", "linux/arm64");
        check(CheckSettings.builder().image(layout.toString()).platform("all"), "before", new CapturedLog());
        String baseline = dir.resolve("before/report.json").toString();
        CheckRun run = check(CheckSettings.builder().image(layout.toString()).platform("all").baseline(baseline)
                .newFindingsOnly(true), "after", new CapturedLog());
        assertThat(run.results()).hasSize(2);
        for (Map.Entry<String, JsonNode> e : byPlatform("after").entrySet()) {
            JsonNode diff = e.getValue().get("diff");
            assertThat(diff.at("/baseline/platform").asText()).isEqualTo(e.getKey());
            assertThat(diff.at("/baseline/kind").asText()).isEqualTo("report");
            assertThat(diff.at("/layers/unchanged").asInt()).isEqualTo(ids.get(e.getKey()).size());
            for (String list : List.of("/layers/added", "/layers/removed", "/findings/new", "/findings/gone",
                    "/files/added", "/files/removed")) {
                assertThat(diff.at(list)).as(e.getKey() + list).isEmpty();
            }
        }
    }

    /**
     * (c) A report of one platform against every platform: the same platform compares, the other is new (no
     * baseline for it): not compared with amd64, whose findings would all come out gone and its own new.
     */
    @Test
    void aOnePlatformReportComparesWithItsPlatformOnly() throws Exception {
        Path layout = Fixtures.shared("archives/stereoscope-multiplatform-oci-dir");
        check(CheckSettings.builder().image(layout.toString()).platform("linux/amd64"), "amd64", new CapturedLog());
        CapturedLog log = new CapturedLog();
        CheckRun run = check(CheckSettings.builder().image(layout.toString()).platform("all")
                .baseline(dir.resolve("amd64/report.json").toString()).maxGrowth("1KB"), "all", log);
        Map<String, JsonNode> reports = byPlatform("all");
        JsonNode amd64 = reports.get("linux/amd64").get("diff");
        assertThat(amd64.at("/baseline/platform").asText()).isEqualTo("linux/amd64");
        assertThat(amd64.at("/findings/new")).isEmpty();
        assertThat(amd64.at("/findings/gone")).isEmpty();
        JsonNode arm64 = reports.get("linux/arm64").get("diff");
        String missing = "the baseline has no linux/arm64 image (it has linux/amd64): a platform new in this image,"
                + " nothing to compare with, every finding new";
        assertThat(arm64.get("missing").asText()).isEqualTo(missing);
        assertThat(arm64.at("/baseline/platform").isNull()).isTrue();
        assertThat(arm64.get("layers").isNull()).isTrue();
        assertThat(arm64.at("/findings/gone")).isEmpty();
        CheckResult arm = run.results().get(1);
        assertThat(arm64.at("/findings/new").findValuesAsText("fingerprint"))
                .containsExactlyElementsOf(arm.findings().stream().map(f -> f.fingerprint()).toList());
        // the growth budget cannot be judged: said so
        assertThat(reports.get("linux/arm64").get("rules").findParents("rule").stream()
                .filter(r -> r.get("rule").asText().equals("maxGrowth")).findFirst().orElseThrow()
                .get("summary").asText()).isEqualTo(missing);
        assertThat(log.info()).contains("  Baseline: " + dir.resolve("amd64/report.json") + " (report of " + layout
                + "): " + missing);
    }

    /**
     * (d) An image baseline lacking a platform of this image: regclient's v2 (amd64, arm64, arm/v7) under v3, which
     * adds arm/v6 and two layers: three platforms compare, arm/v6 is new; nothing aborts.
     */
    @Test
    void anImageBaselineLackingAPlatform() throws Exception {
        Path layout = Fixtures.shared("archives/regclient-testrepo");
        Map<String, List<String>> v2 = diffIds(layout, "v2");
        Map<String, List<String>> v3 = diffIds(layout, "v3");
        assertThat(v3.keySet()).containsAll(v2.keySet()).contains("linux/arm/v6");
        assertThat(v2).doesNotContainKey("linux/arm/v6");
        CheckRun run = check(CheckSettings.builder().image(layout + ":v3").platform("all").baseline(layout + ":v2"),
                "v3", new CapturedLog());
        assertThat(run.results()).hasSize(v3.size());
        for (Map.Entry<String, JsonNode> e : byPlatform("v3").entrySet()) {
            JsonNode diff = e.getValue().get("diff");
            assertThat(diff.at("/baseline/kind").asText()).isEqualTo("image");
            List<String> platforms = new ArrayList<>();
            diff.at("/baseline/platforms").forEach(p -> platforms.add(p.asText()));
            assertThat(platforms).containsExactlyElementsOf(v2.keySet());
            if (!v2.containsKey(e.getKey())) {
                assertThat(diff.get("missing").asText()).startsWith("the baseline has no " + e.getKey()
                        + " image (it has " + String.join(", ", v2.keySet()) + "): a platform new in this image");
                continue;
            }
            assertThat(diff.at("/baseline/platform").asText()).isEqualTo(e.getKey());
            List<String> added = new ArrayList<>(v3.get(e.getKey()));
            added.removeAll(v2.get(e.getKey()));
            assertThat(diff.at("/layers/added").findValuesAsText("diffId")).isNotEmpty()
                    .containsExactlyElementsOf(added);
            assertThat(diff.at("/layers/removed")).isEmpty();
            assertThat(diff.at("/layers/unchanged").asInt()).isEqualTo(v2.get(e.getKey()).size());
        }
    }

    /**
     * (e) Without platform=all, the platform this image resolved to picks the baseline's: go-containerregistry's
     * Docker 25 save is one arm64 image; against BuildKit's amd64 + arm64 layout (whose default is amd64) it
     * compares with arm64.
     */
    @Test
    void theResolvedPlatformPicksTheBaselines() throws Exception {
        Path arm64 = Fixtures.shared("archives/ggcr-hello-world-docker-v25.tar");
        Path layout = Fixtures.shared("archives/stereoscope-multiplatform-oci-dir");
        JsonNode arm64Manifest = null;
        JsonNode inner = JSON.readTree(layout.resolve("blobs/sha256/a1a8d08faa5fe3d2ccc0ba54874e39dede9a17120f883c5cb56f2fd9309067c8")
                .toFile());
        for (JsonNode m : inner.get("manifests")) {
            if (m.at("/platform/architecture").asText().equals("arm64")) {
                arm64Manifest = m;
            }
        }
        check(CheckSettings.builder().image(arm64.toString()).baseline(layout.toString()), "ggcr",
                new CapturedLog());
        JsonNode diff = report("ggcr").get("diff");
        assertThat(diff.at("/baseline/platform").asText()).isEqualTo("linux/arm64");
        assertThat(diff.at("/baseline/digest").asText()).isEqualTo(arm64Manifest.get("digest").asText());
        assertThat(diff.at("/layers/removed").findValuesAsText("diffId"))
                .containsExactlyElementsOf(diffIds(layout, null).get("linux/arm64"));
    }
}
