package io.github.imagehygiene.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.testing.SarifSchema;

/**
 * Every format written by default, on real images: the SARIF valid against the OASIS 2.1.0 schema
 * (../shared/schemas) and shaped as GitHub code scanning reads it, the JUnit counts equal to the rule verdicts, the
 * Markdown summary in the step summary, and every file the same bytes on a second run.
 */
class ReportFormatsTest {
    static final Path SCHEMA = SarifSchema.SCHEMA;
    static final Path DOCKERFILE = Path.of("src/test/fixtures/busybox-app/Dockerfile");
    static final Clock JUNE_15_2025 = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Run(CheckResult result, CapturedLog log, Path reports) {
    }

    /** busybox-app over budget, with its Dockerfile and a step summary. */
    Run busybox(String name) throws IOException {
        Path reports = dir.resolve(name);
        CapturedLog log = new CapturedLog();
        CheckResult r = ImageCheck.run(CheckSettings.builder().image(Fixtures.image("busybox-app.docker.tar").toString())
                .maxSize("1MB").maxLayers(2).levels(Map.of("maxWastedPercent", "WARN"))
                .buildHints(new BuildHints(null, null, null, DOCKERFILE, Path.of("").toAbsolutePath()))
                .projectDirectory(Path.of("").toAbsolutePath()).buildFile(Path.of("pom.xml").toAbsolutePath())
                .stepSummary(dir.resolve("step-summary.md")).reportDirectory(reports).tool("image-hygiene-maven-plugin",
                        "1.2.3").build(), log);
        return new Run(r, log, reports);
    }

    /** The security fixture whose findings the suppression file partly suppresses. */
    Run suppressed(String name) {
        Path reports = dir.resolve(name);
        CapturedLog log = new CapturedLog();
        CheckResult r = ImageCheck.run(CheckSettings.builder()
                .image(Fixtures.image("security/filesystem.docker.tar.gz").toString())
                .suppressionFile(Path.of("src/test/fixtures/security/suppressions/xml/image-hygiene-suppressions.xml"))
                .clock(JUNE_15_2025).reportDirectory(reports).build(), log);
        return new Run(r, log, reports);
    }

    @Test
    void everyFormatByDefaultAndTheSameBytesTwice() throws IOException {
        Run first = busybox("first");
        Run second = busybox("second");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(first.reports())) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        assertThat(names).containsExactlyInAnyOrder("report.json", "sbom.cdx.json", "report.sarif",
                "TEST-image-hygiene.xml", "report.html", "summary.md");
        for (String n : names) {
            if (n.equals("sbom.cdx.json")) {
                continue; // the SBOM carries its own serial number and timestamp (CycloneDX), checked elsewhere
            }
            assertThat(Files.readString(second.reports().resolve(n))).as(n)
                    .isEqualTo(Files.readString(first.reports().resolve(n)));
        }
        assertThat(first.log().lines()).contains("SARIF: " + first.reports().resolve("report.sarif"),
                "JUnit: " + first.reports().resolve("TEST-image-hygiene.xml"),
                "HTML: " + first.reports().resolve("report.html"),
                "Summary: " + first.reports().resolve("summary.md"));
    }

    @Test
    void theTreemapsColoursAreNoneOfTheLayersLegend() throws IOException {
        String html = Files.readString(suppressed("treemap").reports().resolve("report.html"));
        // the legend's colours as the page's own style sheet gives them: base, own, unknown
        Matcher legend = Pattern.compile("rect\\.(base|own|unknown) \\{ fill: (#[0-9a-f]{6}); }").matcher(html);
        Set<String> legendColours = new TreeSet<>();
        while (legend.find()) {
            legendColours.add(legend.group(2));
        }
        assertThat(legendColours).hasSize(3);
        String treemap = html.substring(html.indexOf("<svg class=\"treemap\""));
        treemap = treemap.substring(0, treemap.indexOf("</svg>"));
        Matcher fill = Pattern.compile("<g class=\"dir\"><title>[^<]*</title><rect [^>]* fill=\"(#[0-9a-f]{6})\"")
                .matcher(treemap);
        Set<String> fills = new TreeSet<>();
        while (fill.find()) {
            fills.add(fill.group(1));
        }
        // the security fixture's top directories (/app, /etc) each get a colour, and none reads as base or own
        assertThat(fills).hasSizeGreaterThan(1).doesNotContainAnyElementsOf(legendColours);
    }

    @Test
    void formatsChooseTheFiles() throws IOException {
        Path reports = dir.resolve("two");
        ImageCheck.run(CheckSettings.builder().image(Fixtures.image("tiny.docker.tar").toString())
                .formats(List.of("junit", "SARIF")).reportDirectory(reports).build(), new CapturedLog());
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("report.sarif",
                    "TEST-image-hygiene.xml");
        }
        assertThatThrownBy(() -> CheckSettings.builder().image("x.tar").formats(List.of("json", "htm")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for formats: 'htm' is no format (did you mean 'html'?); formats: json,"
                        + " sbom, sarif, junit, html, markdown");
    }

    @Test
    void sarifValidatesAndIsShapedForCodeScanning() throws Exception {
        for (Run run : List.of(busybox("sarif"), suppressed("sarif-suppressed"))) {
            JsonNode sarif = new ObjectMapper().readTree(run.reports().resolve("report.sarif").toFile());
            JsonNode report = new ObjectMapper().readTree(run.reports().resolve("report.json").toFile());
            if (Files.isRegularFile(SCHEMA)) {
                assertThat(SarifSchema.errors(sarif)).isEmpty();
                // and the validator does reject what the schema forbids
                JsonNode broken = sarif.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");
                ((com.fasterxml.jackson.databind.node.ObjectNode) broken).remove("version");
                assertThat(SarifSchema.errors(broken)).hasSize(2);
            } else {
                System.err.println("SKIPPED: the SARIF schema " + SCHEMA.toAbsolutePath() + " is absent: shape only");
            }
            JsonNode r = sarif.at("/runs/0");
            List<String> ruleIds = new ArrayList<>();
            r.at("/tool/driver/rules").forEach(x -> ruleIds.add(x.get("id").asText()));
            assertThat(ruleIds).hasSize(39).doesNotHaveDuplicates();
            r.at("/tool/driver/rules").forEach(x -> assertThat(x.get("helpUri").asText())
                    .isEqualTo(SarifReport.PROJECT_URL + "/blob/main/docs/rules/" + x.get("id").asText() + ".md"));
            // the docs pages those URIs name exist in this repository
            r.at("/tool/driver/rules").forEach(x -> assertThat(Path.of("../docs/rules/" + x.get("id").asText() + ".md"))
                    .isRegularFile());
            Set<String> fingerprints = new HashSet<>();
            for (JsonNode result : r.get("results")) {
                String ruleId = result.get("ruleId").asText();
                assertThat(ruleIds.get(result.get("ruleIndex").asInt())).isEqualTo(ruleId);
                assertThat(result.get("level").asText()).isIn("error", "warning");
                String uri = result.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
                assertThat(uri).doesNotStartWith("/").doesNotContain(":");
                assertThat(fingerprints.add(result.at("/partialFingerprints/imageHygiene~1v1").asText()))
                        .as("unique fingerprint").isTrue();
            }
            assertThat(r.at("/automationDetails/id").asText()).startsWith("image-hygiene/").endsWith("/");
            // one result per finding of report.json, with the same fingerprint; suppressed ones carry their reason
            List<String> expected = new ArrayList<>();
            report.get("findings").forEach(f -> expected.add(f.get("fingerprint").asText()));
            report.at("/suppressions/suppressed").forEach(f -> expected.add(f.get("fingerprint").asText()));
            assertThat(fingerprints).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void sarifPointsAtTheDockerfileInTheRepository() throws Exception {
        Run run = busybox("located");
        JsonNode sarif = new ObjectMapper().readTree(run.reports().resolve("report.sarif").toFile());
        // the repository's root as git itself says it
        Process git = new ProcessBuilder("git", "rev-parse", "--show-toplevel").start();
        String top = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (git.waitFor() != 0 || top.isEmpty()) {
            System.err.println("SKIPPED: not in a git checkout");
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "not in a git checkout");
        }
        String expected = Path.of(top).relativize(DOCKERFILE.toAbsolutePath().normalize()).toString();
        for (JsonNode result : sarif.at("/runs/0/results")) {
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(expected);
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText())
                    .isEqualTo("%SRCROOT%");
        }
        JsonNode maxSize = sarif.at("/runs/0/results/0");
        assertThat(maxSize.get("ruleId").asText()).isEqualTo("maxSize");
        assertThat(maxSize.get("level").asText()).isEqualTo("error");
    }

    @Test
    void junitCountsEqualTheRuleVerdicts() throws Exception {
        for (Run run : List.of(busybox("junit"), suppressed("junit-suppressed"))) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(run.reports().resolve("TEST-image-hygiene.xml").toFile());
            Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
            List<RuleVerdict> ran = run.result().verdicts().stream()
                    .filter(v -> v.status() != RuleVerdict.Status.OFF).toList();
            long failed = ran.stream().filter(v -> v.status() == RuleVerdict.Status.FAIL).count();
            long notSet = ran.stream().filter(v -> v.status() == RuleVerdict.Status.NOT_SET).count();
            for (Element e : List.of(suite, d.getDocumentElement())) {
                assertThat(e.getAttribute("tests")).isEqualTo(String.valueOf(ran.size()));
                assertThat(e.getAttribute("failures")).isEqualTo(String.valueOf(failed));
                assertThat(e.getAttribute("skipped")).isEqualTo(String.valueOf(notSet));
                assertThat(e.getAttribute("errors")).isEqualTo("0");
                assertThat(e.getAttribute("time")).isEqualTo("0");
                assertThat(e.getAttribute("name")).isNotEmpty();
            }
            NodeList cases = suite.getElementsByTagName("testcase");
            assertThat(cases.getLength()).isEqualTo(ran.size());
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                RuleVerdict v = ran.get(i);
                assertThat(c.getAttribute("name")).isEqualTo(v.rule());
                assertThat(c.getAttribute("classname")).isEqualTo("image-hygiene.linux_amd64");
                assertThat(c.getElementsByTagName("failure").getLength())
                        .isEqualTo(v.status() == RuleVerdict.Status.FAIL ? 1 : 0);
                assertThat(c.getElementsByTagName("skipped").getLength())
                        .isEqualTo(v.status() == RuleVerdict.Status.NOT_SET ? 1 : 0);
                if (v.status() == RuleVerdict.Status.FAIL) {
                    Element failure = (Element) c.getElementsByTagName("failure").item(0);
                    assertThat(failure.getAttribute("message")).isEqualTo(v.findings().get(0).message());
                    assertThat(failure.getTextContent()).startsWith("1. " + v.findings().get(0));
                }
            }
        }
    }

    @Test
    void markdownSummaryAndTheStepSummary() throws IOException {
        Files.writeString(dir.resolve("step-summary.md"), "## an earlier step\n");
        Run run = busybox("markdown");
        String md = Files.readString(run.reports().resolve("summary.md"));
        assertThat(md).startsWith("## Image hygiene: FAIL — `" + Fixtures.image("busybox-app.docker.tar")
                + "` (linux/amd64)\n\n**2 breaches**, ");
        assertThat(md).contains("\n### Breaches\n\n1. **maxSize**: image is 2.1 MB, 1.1 MB over the budget of 1 MB;",
                "\n2. **maxLayers**: image has 4 layers, 2 over the limit of 2;", "| maxSize | ❌ FAIL | 2.1 MB of 1 MB |",
                "| maxWastedPercent | ⚠️ WARN |", "\n### Largest layers\n", "| `/bin/busybox` | 2.0 MB | 1 |");
        for (RuleVerdict v : run.result().verdicts()) {
            if (v.status() != RuleVerdict.Status.NOT_SET && v.status() != RuleVerdict.Status.OFF) {
                assertThat(md).contains("| " + v.rule() + " | ");
            }
        }
        // appended after what was there, as GitHub's job summary expects
        assertThat(Files.readString(dir.resolve("step-summary.md"))).isEqualTo("## an earlier step\n" + md + "\n");
        assertThat(md.length()).isLessThan(MarkdownSummary.MAX_CHARS);
    }

    /** GitHub shows 65,536 characters of a job summary: a result with thousands of findings is cut, saying so. */
    @Test
    void markdownIsCutToFitAJobSummary() throws IOException {
        CheckResult real = busybox("many").result();
        List<io.github.imagehygiene.findings.Finding> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(new io.github.imagehygiene.findings.Finding("noSecrets", io.github.imagehygiene.findings.Level.ERROR,
                    "secret " + i + " in /app/config/file-" + i + ".properties line 1, added in layer 4; revoke it",
                    "/app/config/file-" + i + ".properties", 4, null, "s" + i, "f" + i));
        }
        List<RuleVerdict> verdicts = new ArrayList<>(real.verdicts());
        verdicts.add(new RuleVerdict("noSecrets", io.github.imagehygiene.findings.Level.ERROR, RuleVerdict.Status.FAIL,
                "3000 secrets", many));
        CheckResult huge = new CheckResult(real.analysis(), verdicts, real.verdict());
        String md = MarkdownSummary.toMarkdown(huge, x -> x);
        assertThat(md.length()).isLessThanOrEqualTo(MarkdownSummary.MAX_CHARS);
        assertThat(md).contains("\n1. **maxSize**: ", "more in report.json (cut to fit the 65,536 characters of a job"
                + " summary)", "\n### Rules\n", "\n### Largest layers\n");
    }

    /**
     * File names every report must escape and mask (core/src/test/fixtures/hostile/make-hostile.py, report-names): a
     * GitHub token as a folder, a table bar, markup that would end a script, quotes, a noncharacter.
     */
    @Test
    void hostileNamesInEveryFormat() throws Exception {
        Path reports = dir.resolve("hostile");
        CapturedLog log = new CapturedLog();
        ImageCheck.run(CheckSettings.builder().image(Fixtures.image("hostile/report-names.oci.tar").toString())
                .maxSize("10KB").reportDirectory(reports).build(), log);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(reports)) {
            s.forEach(files::add);
        }
        assertThat(files).hasSize(6);
        // not even the start of the token beyond what masking shows (its first 4 characters)
        for (Path f : files) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("ghp_A1b2");
            // JSON keeps a path exactly as stored (a string may hold any character); the others show it escaped
            if (!f.toString().endsWith(".json") && !f.toString().endsWith(".sarif")) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("\uffff");
                if (f.toString().endsWith(".html") || f.toString().endsWith(".md")) {
                    assertThat(Files.readString(f)).as(f.toString()).contains("/app/\\uffff-noncharacter.txt");
                }
            }
        }
        assertThat(String.join("\n", log.lines())).doesNotContain("ghp_A1b2");
        assertThat(String.join("\n", log.lines())).contains("/app/ghp_****");
        // the JUnit file is XML a parser takes
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.newDocumentBuilder().parse(reports.resolve("TEST-image-hygiene.xml").toFile());
        // the HTML holds the markup as text
        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).doesNotContain("</script><img").contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
        // a table row of the Markdown keeps its three cells: the bar in the name is escaped
        String row = Files.readString(reports.resolve("summary.md")).lines()
                .filter(l -> l.contains("pipe.txt") && l.startsWith("| `")).findFirst().orElseThrow();
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(4);
        // and the SARIF still validates
        if (Files.isRegularFile(SCHEMA)) {
            JsonNode written = new ObjectMapper().readTree(reports.resolve("report.sarif").toFile());
            assertThat(SarifSchema.errors(written)).isEmpty();
        }
    }
}
