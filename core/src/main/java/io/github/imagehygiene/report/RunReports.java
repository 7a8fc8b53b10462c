package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.CheckResult;

/**
 * Writes the reports of a run as its images are checked. One image: everything at once ({@link Reports#write}). With
 * {@code platform=all}: each platform's console summary and warnings as soon as it is checked, and its parts of the
 * files rendered then (its report.json element, HTML part, Markdown section, SBOM), after which its layers' data is
 * let go, so that one platform's layers are held at a time; the files are written once for all at the end, holding
 * every platform (report.json's {@code platforms[]}, SARIF's runs, JUnit's suites, HTML's parts, one SBOM each).
 */
public final class RunReports {
    private final boolean allPlatforms;
    private final int count;
    private final OutputSettings settings;
    private final Output out;
    private final List<CheckResult> results = new ArrayList<>();
    private final List<ObjectNode> json = new ArrayList<>();
    private final List<String> sboms = new ArrayList<>();
    private final List<String> html = new ArrayList<>();
    private final List<String> markdown = new ArrayList<>();

    /**
     * @param allPlatforms {@code platform=all}: the reports hold every platform, each said as such
     * @param count        how many images the run checks
     * @param out          masking everything the run knows of secrets (every image's, the baseline's)
     */
    public RunReports(boolean allPlatforms, int count, OutputSettings settings, Output out) {
        this.allPlatforms = allPlatforms;
        this.count = count;
        this.settings = settings;
        this.out = out;
    }

    /** One image checked: reported, and with {@code platform=all} its layers' data let go once its parts are made. */
    public void add(CheckResult r, Supplier<String> sbom) {
        results.add(r);
        if (!allPlatforms) {
            Reports.write(r, settings, out, sbom);
            return;
        }
        out.info("Platform " + results.size() + " of " + count + ": " + r.analysis().image().platform());
        ConsoleSummary.lines(r).forEach(out::info);
        for (Finding f : r.findings(Level.WARN)) {
            out.warn("[" + r.analysis().image().platform() + "] " + f);
        }
        if (r.suppressions() != null) {
            r.suppressions().notes().forEach(out::warn);
        }
        if (out.writesFiles()) {
            Masking mask = out.masking();
            if (settings.writes(ReportFormat.JSON)) {
                json.add(JsonReport.platform(r, settings.toolName(), settings.toolVersion()));
            }
            if (settings.writes(ReportFormat.SBOM)) {
                sboms.add(sbom.get());
            }
            if (settings.writes(ReportFormat.HTML)) {
                html.add(HtmlReport.part(r, mask::apply, count > 1));
            }
            if (settings.writes(ReportFormat.MARKDOWN)) {
                markdown.add(MarkdownSummary.toMarkdown(r, mask::apply));
            }
        }
        // SARIF and JUnit need the verdicts and the image only: what stays
        r.analysis().release();
    }

    /** Writes the files of {@code platform=all}; returns the results, in order. */
    public List<CheckResult> finish() {
        if (!allPlatforms || !out.writesFiles()) {
            return List.copyOf(results);
        }
        Masking mask = out.masking();
        if (settings.writes(ReportFormat.JSON)) {
            out.info("Report: " + out.writeJson(ReportFormat.JSON.fileName(),
                    JsonReport.combined(results, json, settings.toolName(), settings.toolVersion())));
        }
        if (settings.writes(ReportFormat.SBOM)) {
            for (int i = 0; i < results.size(); i++) {
                String name = "sbom-" + results.get(i).analysis().image().platform().toString().replace('/', '-')
                        + ".cdx.json";
                out.info("SBOM: " + out.writeJsonText(name, sboms.get(i)));
            }
        }
        if (settings.writes(ReportFormat.SARIF)) {
            out.info("SARIF: " + out.writeJson(ReportFormat.SARIF.fileName(), SarifReport.toJson(results, settings)));
        }
        if (settings.writes(ReportFormat.JUNIT)) {
            out.info("JUnit: " + out.writeText(ReportFormat.JUNIT.fileName(), JunitReport.toXml(results, mask::apply)));
        }
        if (settings.writes(ReportFormat.HTML)) {
            out.info("HTML: " + out.writeText(ReportFormat.HTML.fileName(),
                    HtmlReport.page(results, html, mask::apply)));
        }
        if (settings.writes(ReportFormat.MARKDOWN)) {
            String summary = MarkdownSummary.joined(markdown);
            out.info("Summary: " + out.writeText(ReportFormat.MARKDOWN.fileName(), summary));
            if (settings.stepSummary() != null) {
                Reports.appendStepSummary(settings, out.masked(summary));
                out.info("Summary appended to " + settings.stepSummary() + " (GITHUB_STEP_SUMMARY)");
            }
        }
        return List.copyOf(results);
    }
}
