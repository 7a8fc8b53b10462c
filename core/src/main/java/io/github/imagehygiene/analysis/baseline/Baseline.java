package io.github.imagehygiene.analysis.baseline;

import java.util.List;

/**
 * The image a check compares with, read before the layers of the current one: its snapshot and its findings.
 *
 * @param location        what {@code baseline} named
 * @param kind            {@code report} (a report.json) or {@code image}
 * @param snapshot        what the diff compares
 * @param findings        its findings (not those its suppression file took out)
 * @param newFindingsOnly whether only findings the baseline lacks fail the build
 */
public record Baseline(String location, String kind, Snapshot snapshot, List<BaselineFinding> findings,
        boolean newFindingsOnly) {
    public Baseline {
        findings = List.copyOf(findings);
    }
}
