package io.github.imagehygiene.gate;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.RuleVerdict;

/**
 * The outcome of one check.
 *
 * @param analysis what was measured
 * @param verdicts one per rule, in rule order
 * @param verdict  FAIL when there is an ERROR finding
 * @param suppressions what the suppression file took out, expired or left unused; null without one
 * @param masking  hides secret values in everything shown or written
 */
public record CheckResult(ImageAnalysis analysis, List<RuleVerdict> verdicts, Verdict verdict,
        SuppressionResult suppressions, Masking masking) {

    /** A result without suppressions, masking only what looks like a secret by itself. */
    public CheckResult(ImageAnalysis analysis, List<RuleVerdict> verdicts, Verdict verdict) {
        this(analysis, verdicts, verdict, null, Masking.PATTERNS_ONLY);
    }

    /** Every finding, in rule order. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        verdicts.forEach(v -> all.addAll(v.findings()));
        return all;
    }

    public List<Finding> findings(Level level) {
        return findings().stream().filter(f -> f.level() == level).toList();
    }
}
