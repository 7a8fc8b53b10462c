package io.github.imagehygiene.gate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.BaselineFinding;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;

/**
 * Findings against a baseline, by fingerprint (which no rebuild changes): the new ones, the ones that are gone. With
 * {@code newFindingsOnly}, an ERROR finding the baseline has too is reported but does not fail the build: it is
 * re-levelled to WARN, its message saying why, so that a legacy image can be adopted without a flood.
 *
 * @param added the findings the baseline lacks
 * @param gone  the baseline's findings this image no longer has
 */
public record FindingsDiff(List<Finding> added, List<BaselineFinding> gone) {
    /** What an ERROR finding the baseline has says, with {@code newFindingsOnly}. */
    public static final String KNOWN = " [in the baseline: not failing, newFindingsOnly]";

    public static FindingsDiff of(List<Finding> current, Baseline baseline) {
        Set<String> before = new HashSet<>();
        baseline.findings().forEach(f -> before.add(f.fingerprint()));
        Set<String> now = new HashSet<>();
        current.forEach(f -> now.add(f.fingerprint()));
        List<Finding> added = current.stream().filter(f -> !before.contains(f.fingerprint())).toList();
        List<BaselineFinding> gone = baseline.findings().stream().filter(f -> !now.contains(f.fingerprint())).toList();
        return new FindingsDiff(added, gone);
    }

    /** The verdicts with the baseline's ERROR findings re-levelled to WARN (newFindingsOnly); as they are without. */
    static List<RuleVerdict> newOnly(List<RuleVerdict> verdicts, Baseline baseline) {
        if (baseline == null || !baseline.newFindingsOnly()) {
            return verdicts;
        }
        Set<String> known = new HashSet<>();
        baseline.findings().forEach(f -> known.add(f.fingerprint()));
        List<RuleVerdict> out = new ArrayList<>();
        for (RuleVerdict v : verdicts) {
            List<Finding> findings = new ArrayList<>();
            boolean error = false;
            for (Finding f : v.findings()) {
                if (f.level() == Level.ERROR && known.contains(f.fingerprint())) {
                    findings.add(new Finding(f.rule(), Level.WARN, f.message() + KNOWN, f.path(), f.layer(),
                            f.origin(), f.subject(), f.fingerprint(), f.ids()));
                } else {
                    findings.add(f);
                    error |= f.level() == Level.ERROR;
                }
            }
            RuleVerdict.Status status = v.status() == RuleVerdict.Status.FAIL && !error ? RuleVerdict.Status.WARN
                    : v.status();
            out.add(new RuleVerdict(v.rule(), v.level(), status, v.summary(), List.copyOf(findings)));
        }
        return List.copyOf(out);
    }
}
