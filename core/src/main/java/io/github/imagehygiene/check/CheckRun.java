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

    /**
     * What a baseline written from this run holds: "56.3 KB, 3 layers, 2 findings", or with several platforms
     * "2 platforms: linux/amd64 1.6 KB, 1 layer, 0 findings; linux/arm64 ...".
     */
    public String summary() {
        List<String> each = results.stream().map(r -> (results.size() == 1 ? ""
                : r.analysis().image().platform() + " ") + io.github.imagehygiene.common.ByteSize.human(
                        r.analysis().contentSize()) + ", " + r.analysis().layers().size()
                + (r.analysis().layers().size() == 1 ? " layer, " : " layers, ") + r.findings().size()
                + (r.findings().size() == 1 ? " finding" : " findings")).toList();
        return results.size() == 1 ? each.get(0) : results.size() + " platforms: " + String.join("; ", each);
    }

    /** The build failure's message, masked. */
    public String failureMessage() {
        return results.size() == 1 ? Reports.failureMessage(results.get(0)) : Reports.failureMessage(results);
    }
}
