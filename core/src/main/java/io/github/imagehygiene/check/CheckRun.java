package io.github.imagehygiene.check;

import java.util.List;

import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Verdict;
import io.github.imagehygiene.report.Reports;

/**
 * What a front end gets back: the result of each platform checked (one, unless {@code platform=all}), the verdict
 * over all of them, and the failure's message listing every breach, by platform when there are several.
 *
 * @param results one per platform, in the index's order
 */
public record CheckRun(List<CheckResult> results) {
    public CheckRun {
        results = List.copyOf(results);
    }

    /** FAIL when any platform fails. */
    public Verdict verdict() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL) ? Verdict.FAIL : Verdict.PASS;
    }

    /** The build failure's message, masked. */
    public String failureMessage() {
        return results.size() == 1 ? Reports.failureMessage(results.get(0)) : Reports.failureMessage(results);
    }
}
