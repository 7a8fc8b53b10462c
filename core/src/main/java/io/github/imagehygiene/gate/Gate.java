package io.github.imagehygiene.gate;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.gate.RuleVerdict;

/** Decides pass or fail, and words the failure: every ERROR finding, numbered, in one message. */
public final class Gate {
    private Gate() {
    }

    public static CheckResult decide(ImageAnalysis analysis, List<RuleVerdict> verdicts) {
        boolean failed = verdicts.stream().flatMap(v -> v.findings().stream()).anyMatch(f -> f.level() == Level.ERROR);
        return new CheckResult(analysis, verdicts, failed ? Verdict.FAIL : Verdict.PASS);
    }

    /** Decides on the verdicts left after suppressions; every output of the result is masked with {@code masking}. */
    public static CheckResult decide(ImageAnalysis analysis, SuppressionResult suppressed, Masking masking) {
        // with a baseline and newFindingsOnly, what the baseline has too does not fail the build
        List<RuleVerdict> verdicts = FindingsDiff.newOnly(suppressed.verdicts(),
                analysis.settings(Baseline.class, null));
        boolean failed = verdicts.stream().flatMap(v -> v.findings().stream()).anyMatch(f -> f.level() == Level.ERROR);
        return new CheckResult(analysis, verdicts, failed ? Verdict.FAIL : Verdict.PASS, suppressed, masking);
    }

    /**
     * "Image ... has 2 breaches:\n  1. [maxSize] ...", for the build failure; unmasked (the output stage masks it,
     * {@code report.Reports.failureMessage}).
     */
    public static String failureMessage(CheckResult result) {
        List<Finding> errors = result.findings(Level.ERROR);
        StringBuilder sb = new StringBuilder("Image ").append(result.analysis().image().source()).append(" has ")
                .append(errors.size()).append(errors.size() == 1 ? " breach:" : " breaches:");
        for (int i = 0; i < errors.size(); i++) {
            sb.append(System.lineSeparator()).append("  ").append(i + 1).append(". ").append(errors.get(i));
        }
        return sb.toString();
    }
}
