package io.github.imagehygiene.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * report.html as a browser shows it: Debian's headless Chromium loads the page from disk (nothing else: the page
 * fetches nothing), runs its script, and the test reads the DOM it ends with, every console message, and a screenshot
 * (kept in target/html-screenshots to look at). Skips visibly without Chromium, unless
 * {@code -DimageHygiene.it.docker=required} (.ci/run installs it).
 */
class HtmlReportChromiumTest {
    static final Path SCREENSHOTS = Path.of("target/html-screenshots");
    static String chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(p, name))) {
                    chromium = Path.of(p, name).toString();
                    return;
                }
            }
        }
        String message = "SKIPPED: no chromium on PATH (apt-get install chromium) for the HTML report's browser test";
        if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
            throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
        }
        System.err.println(message);
        assumeTrue(false, message);
    }

    record Page(String dom, List<String> console, Path screenshot) {
    }

    static Page load(Path html, String name) throws IOException, InterruptedException {
        Path err = html.resolveSibling(name + ".stderr");
        List<String> base = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--enable-logging=stderr", "--v=0", "--hide-scrollbars");
        List<String> dump = new ArrayList<>(base);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(dump).redirectError(err.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> console = Files.readAllLines(err).stream().filter(l -> l.contains(":CONSOLE")).toList();
        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve(name + ".png").toAbsolutePath();
        List<String> shot = new ArrayList<>(base);
        shot.addAll(List.of("--window-size=1100,2400", "--screenshot=" + png, html.toUri().toString()));
        Process s = new ProcessBuilder(shot).redirectErrorStream(true).redirectOutput(
                html.resolveSibling(name + ".screenshot.log").toFile()).start();
        assertThat(s.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Page(dom, console, png);
    }

    /** The check can tell a broken page: a script error is a console message. */
    @Test
    void aScriptErrorIsSeen() throws Exception {
        Path bad = dir.resolve("bad.html");
        Files.writeString(bad, "<html><body><script>undefinedFunction();</script></body></html>");
        assertThat(load(bad, "bad").console()).anyMatch(l -> l.contains("Uncaught ReferenceError"));
    }

    @Test
    void theReportRendersWithEveryLayerAndBreach() throws Exception {
        Path reports = dir.resolve("busybox");
        CheckResult r = ImageCheck.run(CheckSettings.builder().image(Fixtures.image("busybox-app.docker.tar").toString())
                .maxSize("1MB").maxLayers(2).reportDirectory(reports).build(), new CapturedLog());
        Page page = load(reports.resolve("report.html"), "busybox-fail");
        assertThat(page.console()).isEmpty();
        assertThat(page.dom()).contains("<span id=\"verdict\" class=\"badge fail\">FAIL</span>");
        for (LayerSummary l : r.analysis().layers()) {
            assertThat(page.dom()).contains("<tr class=\"layer\" data-layer=\"" + l.index() + "\">");
        }
        assertThat(r.findings()).hasSizeGreaterThanOrEqualTo(3);
        for (Finding f : r.findings()) {
            assertThat(page.dom()).contains("data-fingerprint=\"" + f.fingerprint() + "\">" + escaped(f.message()));
        }
        // the charts: a bar per layer, and the treemap's directories
        assertThat(count(page.dom(), "<g class=\"layer-bar\">")).isEqualTo(r.analysis().layers().size());
        assertThat(page.dom()).contains("<g class=\"dir\"><title>/bin 2.0 MB</title>");
        assertThat(Files.readAllBytes(page.screenshot())).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .hasSizeGreaterThan(20_000);
    }

    @Test
    void aPassingReportWithPackagesAndWarnings() throws Exception {
        Path reports = dir.resolve("filesystem");
        CheckResult r = ImageCheck.run(CheckSettings.builder()
                .image(Fixtures.image("security/filesystem.docker.tar.gz").toString())
                .levels(Map.of("noEmptyPasswords", "WARN", "uniqueIds", "WARN")).reportDirectory(reports).build(),
                new CapturedLog());
        Page page = load(reports.resolve("report.html"), "filesystem");
        assertThat(page.console()).isEmpty();
        assertThat(page.dom()).contains("<span id=\"verdict\" class=\"badge " + r.verdict().name().toLowerCase()
                + "\">" + r.verdict() + "</span>");
        for (Finding f : r.findings()) {
            assertThat(page.dom()).contains(escaped(f.message()));
        }
        assertThat(page.dom()).contains("<section id=\"packages\">");
    }

    /** Names that are markup, quotes, a token and a noncharacter are text on the page, not code (make-hostile.py). */
    @Test
    void hostileNamesStayText() throws Exception {
        Path reports = dir.resolve("hostile");
        ImageCheck.run(CheckSettings.builder().image(Fixtures.image("hostile/report-names.oci.tar").toString())
                .maxSize("10KB").reportDirectory(reports).build(), new CapturedLog());
        Page page = load(reports.resolve("report.html"), "report-names");
        assertThat(page.console()).isEmpty();
        assertThat(page.dom()).doesNotContain("<img src=\"x\"").doesNotContain("ghp_A1b2")
                .contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;.txt");
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** As Chromium serialises text: &, < and > escaped, quotes as they are. */
    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
