package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.imagehygiene.common.ClosestName;
import io.github.imagehygiene.common.ConfigurationException;

/** The files a check writes into the report directory, each named by {@code formats}. */
public enum ReportFormat {
    /** report.json: every figure, verdict and finding (docs/report-format.md). */
    JSON("json", "report.json"),
    /** The CycloneDX SBOM. */
    SBOM("sbom", "sbom.cdx.json"),
    /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
    SARIF("sarif", "report.sarif"),
    /** JUnit XML: one test suite, one test case per rule, for CI test tabs. */
    JUNIT("junit", "TEST-image-hygiene.xml"),
    /** One self-contained HTML page with charts. */
    HTML("html", "report.html"),
    /** A Markdown summary, for a pull request or GitHub's job summary. */
    MARKDOWN("markdown", "summary.md");

    private final String id;
    private final String fileName;

    ReportFormat(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    /** As {@code formats} names it: {@code json}, {@code sarif}, … */
    public String id() {
        return id;
    }

    public String fileName() {
        return fileName;
    }

    /**
     * The formats a {@code formats} value names; null or empty: all of them.
     *
     * @throws ConfigurationException for a name that is none, with the closest
     */
    public static Set<ReportFormat> parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(ReportFormat.class);
        }
        Set<ReportFormat> out = EnumSet.noneOf(ReportFormat.class);
        List<String> ids = new ArrayList<>();
        Arrays.stream(values()).forEach(f -> ids.add(f.id));
        for (String n : names) {
            String name = n.strip().toLowerCase(Locale.ROOT);
            ReportFormat f = Arrays.stream(values()).filter(x -> x.id.equals(name)).findFirst().orElse(null);
            if (f == null) {
                String closest = ClosestName.of(name, ids);
                throw new ConfigurationException("Invalid value for formats: '" + n + "' is no format"
                        + (closest == null ? "" : " (did you mean '" + closest + "'?)") + "; formats: "
                        + String.join(", ", ids));
            }
            out.add(f);
        }
        return out;
    }
}
