package io.github.imagehygiene.report;

import java.util.function.Supplier;

import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Gate;
import io.github.imagehygiene.report.sbom.SbomWriter;

/**
 * Writes everything a check result shows, in one place and through one {@link Output}: the console summary, the
 * warnings, the suppression notes, report.json and the SBOM.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * @param sbom the SBOM's JSON, made on demand (the check may have made it beside the rules)
     */
    public static void write(CheckResult result, OutputSettings settings, Output out, Supplier<String> sbom) {
        ConsoleSummary.lines(result).forEach(out::info);
        for (Finding f : result.findings(Level.WARN)) {
            out.warn(f.toString());
        }
        if (result.suppressions() != null) {
            result.suppressions().notes().forEach(out::warn);
        }
        if (!out.writesFiles()) {
            return;
        }
        out.info("Report: " + out.writeJson(JsonReport.FILE_NAME, JsonReport.toJson(result, settings.toolName(), settings.toolVersion())));
        if (settings.sbom()) {
            out.info("SBOM: " + out.writeJsonText(SbomWriter.FILE_NAME, sbom.get()));
        }
    }

    /**
     * An error's one line as a front end shows it (the goal's execution error, the CLI's exit 2): masked for what looks
     * like a secret by itself, since an error may quote the image (a malformed config's token) before its own
     * values are known.
     */
    public static String errorMessage(ImageHygieneException e) {
        return Masking.PATTERNS_ONLY.apply(e.getMessage());
    }

    /** "Image ... has 2 breaches:\n  1. [maxSize] ...", masked: the build failure's message. */
    public static String failureMessage(CheckResult result) {
        return result.masking().apply(Gate.failureMessage(result));
    }
}
