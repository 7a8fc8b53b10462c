package io.github.imagehygiene.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.base.BaseFixtures;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.FindingsDiff;
import io.github.imagehygiene.gate.Verdict;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * A check against a baseline, on real pairs: the tiny image and the Jib build on it (committed, made by Jib from
 * tiny's archive), and the Debian 12 debootstrap base and the image that installs make on it with apt (built at test
 * time by build-hygiene-fixtures.sh). What each diff should hold is read independently: the diff_ids and sizes the
 * fixture script recorded from docker and skopeo (expected.properties), and Python's own reading of both images
 * (core/src/test/fixtures/tools/read-image.py: the final filesystems, dpkg's status).
 */
class BaselineDiffTest {
    static final Path SCRIPT = Path.of("src/test/fixtures/tools/read-image.py");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    CheckResult check(CheckSettings.Builder b, String name) {
        return ImageCheck.run(b.reportDirectory(dir.resolve(name)).build(), new CapturedLog());
    }

    JsonNode report(String name) throws Exception {
        return JSON.readTree(dir.resolve(name).resolve("report.json").toFile());
    }

    static JsonNode python(String mode, Path image, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", SCRIPT.toString(), mode, image.toString()));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return JSON.readTree(out);
    }

    /** The same diff whether the baseline is given as its report.json or as the image itself. */
    @Test
    void theTinyPairAsReportAndAsImage() throws Exception {
        Path before = Fixtures.image("tiny.docker.tar");
        Path after = Fixtures.image("jib-on-tiny.tar");
        check(CheckSettings.builder().image(before.toString()), "before");
        Path baselineReport = dir.resolve("before/report.json");
        check(CheckSettings.builder().image(after.toString()).baseline(baselineReport.toString()), "against-report");
        check(CheckSettings.builder().image(after.toString()).baseline(before.toString()), "against-image");
        ObjectNode fromReport = (ObjectNode) report("against-report").get("diff");
        ObjectNode fromImage = (ObjectNode) report("against-image").get("diff");
        assertThat(fromReport.at("/baseline/kind").asText()).isEqualTo("report");
        assertThat(fromImage.at("/baseline/kind").asText()).isEqualTo("image");
        ((ObjectNode) fromReport.get("baseline")).remove(List.of("kind", "location"));
        ((ObjectNode) fromImage.get("baseline")).remove(List.of("kind", "location"));
        assertThat(fromReport).isEqualTo(fromImage);

        // sizes as docker counts them, layers by the diff_ids skopeo and docker recorded
        var p = Fixtures.expected();
        assertThat(fromImage.at("/size/before").asLong()).isEqualTo(Long.parseLong(p.getProperty("tiny.docker.totalSize")));
        assertThat(fromImage.at("/size/after").asLong()).isEqualTo(Long.parseLong(p.getProperty("jib-on-tiny.totalSize")));
        List<String> beforeIds = List.of(p.getProperty("tiny.docker.diffIds").split(","));
        List<String> afterIds = List.of(p.getProperty("jib-on-tiny.diffIds").split(","));
        List<String> added = new ArrayList<>(afterIds);
        added.removeAll(beforeIds);
        assertThat(fromImage.at("/layers/added").findValuesAsText("diffId")).containsExactlyElementsOf(added);
        assertThat(fromImage.at("/layers/removed")).isEmpty();
        assertThat(fromImage.at("/layers/unchanged").asInt()).isEqualTo(beforeIds.size());
        // files: what Python's reading of both images gives
        Map<String, List<String>> files = fileDiff(before, after);
        assertThat(paths(fromImage.at("/files/added"))).isNotEmpty().containsExactlyElementsOf(files.get("added"));
        assertThat(paths(fromImage.at("/files/removed"))).containsExactlyElementsOf(files.get("removed")).isEmpty();
        assertThat(grown(fromImage.at("/files/grown"))).containsExactlyElementsOf(files.get("grown"));
        // the console says it too
        assertThat(report("against-image").at("/verdict").asText()).isEqualTo("PASS");
    }

    /**
     * What the file diff should list, from Python's reading of both images' whole final filesystems (every regular
     * file), restricted by the rule docs/baseline.md states: of each side only the 500 largest are kept (what
     * report.json keeps), so a file of this image's 500 largest is added when the baseline has no such file at all
     * and it is larger than the baseline's 500th largest (else the diff cannot tell); a file of the baseline's 500
     * largest is removed when this image has no regular file at its path, grown when it has a larger one.
     *
     * @return added and removed paths, and grown as "path before after", 20 each, largest first
     */
    static Map<String, List<String>> fileDiff(Path before, Path after) throws Exception {
        List<JsonNode> was = new ArrayList<>();
        python("files", before).forEach(was::add);
        List<JsonNode> now = new ArrayList<>();
        python("files", after).forEach(now::add);
        Map<String, Long> wasAll = new java.util.HashMap<>();
        was.forEach(f -> wasAll.put(f.get("path").asText(), f.get("size").asLong()));
        Map<String, Long> nowAll = new java.util.HashMap<>();
        now.forEach(f -> nowAll.put(f.get("path").asText(), f.get("size").asLong()));
        // the largest regular files with content, as report.json keeps them
        List<JsonNode> wasTop = was.stream().filter(f -> f.get("size").asLong() > 0).limit(500).toList();
        List<JsonNode> nowTop = now.stream().filter(f -> f.get("size").asLong() > 0).limit(500).toList();
        long cut = wasTop.size() < 500 ? -1 : wasTop.get(wasTop.size() - 1).get("size").asLong();
        List<String> added = new ArrayList<>();
        for (JsonNode f : nowTop) {
            if (!wasAll.containsKey(f.get("path").asText()) && f.get("size").asLong() > cut) {
                added.add(f.get("path").asText());
            }
        }
        List<String> removed = new ArrayList<>();
        List<long[]> grownSizes = new ArrayList<>();
        List<String> grownPaths = new ArrayList<>();
        for (JsonNode f : wasTop) {
            String path = f.get("path").asText();
            Long size = nowAll.get(path);
            if (size == null) {
                removed.add(path);
            } else if (size > f.get("size").asLong()) {
                grownPaths.add(path);
                grownSizes.add(new long[] {f.get("size").asLong(), size});
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < grownPaths.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.<Integer>comparingLong(i -> grownSizes.get(i)[0] - grownSizes.get(i)[1])
                .thenComparing(grownPaths::get));
        List<String> grown = order.stream().map(i -> grownPaths.get(i) + " " + grownSizes.get(i)[0] + " "
                + grownSizes.get(i)[1]).toList();
        return Map.of("added", top(added), "removed", top(removed), "grown", top(grown));
    }

    static List<String> top(List<String> list) {
        return List.copyOf(list.subList(0, Math.min(20, list.size())));
    }

    static List<String> grown(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(g -> out.add(g.get("path").asText() + " " + g.get("before").asLong() + " "
                + g.get("after").asLong()));
        return out;
    }

    static List<String> paths(JsonNode list) {
        return list.findValuesAsText("path");
    }

    /** Debian 12 and the image that installs make on it: the packages that came in are dpkg's. */
    @Test
    void theDebianPairPackagesAndGrowth() throws Exception {
        Path before = BaseFixtures.large("debian-12.docker.tar");
        Path after = BaseFixtures.large("hygiene-apt-dirty.docker.tar");
        CheckResult r = check(CheckSettings.builder().image(after.toString()).baseline(before.toString())
                .maxGrowth("10%").maxCompressedGrowth("100MB"), "debian");
        JsonNode diff = report("debian").get("diff");

        JsonNode was = python("dpkg", before);
        JsonNode now = python("dpkg", after);
        Map<String, String> added = new TreeMap<>();
        now.fields().forEachRemaining(e -> {
            if (!was.has(e.getKey())) {
                added.put(e.getKey(), e.getValue().asText());
            }
        });
        Map<String, String> reported = new TreeMap<>();
        for (JsonNode p : diff.at("/packages/added")) {
            String purl = p.get("purl").asText();
            assertThat(purl).startsWith("pkg:deb/debian/");
            String name = purl.substring("pkg:deb/debian/".length(), purl.indexOf('@'));
            String version = java.net.URLDecoder.decode(purl.substring(purl.indexOf('@') + 1, purl.indexOf('?')),
                    StandardCharsets.UTF_8);
            reported.put(name, version);
        }
        assertThat(added).isNotEmpty().containsKey("make");
        assertThat(reported).isEqualTo(added);
        assertThat(diff.at("/packages/removed")).isEmpty();
        assertThat(diff.at("/packages/changed")).isEmpty();
        // layers: Python's reading of the two configs
        List<String> afterIds = new ArrayList<>();
        python("diffids", after).forEach(n -> afterIds.add(n.asText()));
        List<String> beforeList = new ArrayList<>();
        python("diffids", before).forEach(n -> beforeList.add(n.asText()));
        List<String> addedIds = new ArrayList<>(afterIds);
        addedIds.removeAll(beforeList);
        assertThat(diff.at("/layers/added").findValuesAsText("diffId")).containsExactlyElementsOf(addedIds);
        assertThat(diff.at("/layers/unchanged").asInt()).isEqualTo(beforeList.size());
        // files: Python's reading of both whole filesystems; apt-get install removes no file of Debian's 500
        // largest, though its own files push some of them below this image's 500 largest
        Map<String, List<String>> files = fileDiff(before, after);
        assertThat(paths(diff.at("/files/added"))).isNotEmpty().containsExactlyElementsOf(files.get("added"));
        assertThat(paths(diff.at("/files/removed"))).containsExactlyElementsOf(files.get("removed"));
        assertThat(grown(diff.at("/files/grown"))).containsExactlyElementsOf(files.get("grown"));

        // the growth budget: before and after as docker counts them, the growth over 10 %
        long b = diff.at("/size/before").asLong();
        long a = diff.at("/size/after").asLong();
        assertThat(a - b).isGreaterThan(b / 10);
        Finding growth = r.findings().stream().filter(f -> f.rule().equals("maxGrowth")).findFirst().orElseThrow();
        assertThat(growth.message()).startsWith("image grew by ").contains(" over the budget of 10 % (")
                .contains("what grew most: layer #2 ").contains("package pkg:deb/debian/make@");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    /** An image adopted as it is: its known findings do not fail it, a new one does. */
    @Test
    void newFindingsOnly() throws Exception {
        Path busybox = Fixtures.image("busybox-app.docker.tar");
        CheckResult plain = check(CheckSettings.builder().image(busybox.toString()), "plain");
        assertThat(plain.verdict()).isEqualTo(Verdict.FAIL); // dive's maxWastedPercent, ERROR by default
        Path baseline = dir.resolve("plain/report.json");

        CheckResult adopted = check(CheckSettings.builder().image(busybox.toString()).baseline(baseline.toString())
                .newFindingsOnly(true), "adopted");
        assertThat(adopted.verdict()).isEqualTo(Verdict.PASS);
        Finding known = adopted.findings().stream().filter(f -> f.rule().equals("maxWastedPercent")).findFirst()
                .orElseThrow();
        assertThat(known.level()).isEqualTo(Level.WARN);
        assertThat(known.message()).endsWith(FindingsDiff.KNOWN);
        assertThat(known.fingerprint()).isEqualTo(plain.findings().stream()
                .filter(f -> f.rule().equals("maxWastedPercent")).findFirst().orElseThrow().fingerprint());
        assertThat(report("adopted").at("/diff/findings/new")).isEmpty();
        assertThat(report("adopted").at("/diff/findings/gone")).isEmpty();

        // without newFindingsOnly the same baseline fails as before
        assertThat(check(CheckSettings.builder().image(busybox.toString()).baseline(baseline.toString()), "told")
                .verdict()).isEqualTo(Verdict.FAIL);
        // against another image's report, the waste is new: it fails
        check(CheckSettings.builder().image(Fixtures.image("tiny.docker.tar").toString()), "tiny");
        CheckResult fresh = check(CheckSettings.builder().image(busybox.toString())
                .baseline(dir.resolve("tiny/report.json").toString()).newFindingsOnly(true), "fresh");
        assertThat(fresh.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report("fresh").at("/diff/findings/new").findValuesAsText("rule")).contains("maxWastedPercent");
        // tiny runs as root; busybox-app sets USER 1000:1000: that finding is gone
        assertThat(report("fresh").at("/diff/findings/gone").findValuesAsText("rule")).containsExactly("noRootUser");
    }

    @Test
    void badBaselinesFailInOneLineBeforeAnyLayer() throws Exception {
        assertThatThrownBy(() -> CheckSettings.builder().image("x.tar").baseline("target/no-such-report.json").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for baseline: target/no-such-report.json does not exist; write one with"
                        + " the baseline goal (image-hygiene:baseline), or name an image archive");
        assertThatThrownBy(() -> CheckSettings.builder().image("x.tar").newFindingsOnly(true).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("newFindingsOnly is true, but no baseline is set");
        Path notOurs = dir.resolve("other.json");
        Files.writeString(notOurs, "{\"hello\": 1}");
        assertThatThrownBy(() -> ImageCheck.run(CheckSettings.builder()
                .image(Fixtures.image("hostile/not-a-tar.oci.tar").toString()).baseline(notOurs.toString()).build(),
                new CapturedLog()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The baseline " + notOurs + " is not a report.json of this plugin");
    }
}
