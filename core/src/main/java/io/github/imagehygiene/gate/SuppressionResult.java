package io.github.imagehygiene.gate;

import java.util.List;

import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.RuleVerdict;

/**
 * Verdicts after suppressions: the suppressed findings taken out (a verdict whose findings are all suppressed
 * passes), what each suppression did, and the notes to log as warnings.
 *
 * @param verdicts   the verdicts, in the same order, without suppressed findings
 * @param suppressed each finding taken out, with its path and the suppression that took it
 * @param expired    suppressions past their date (they suppressed nothing), with how many findings they match
 * @param unused     suppressions in force that matched no finding
 * @param notes      one line per expired and per unused suppression, for the log and the report
 */
public record SuppressionResult(List<RuleVerdict> verdicts, List<Suppressed> suppressed, List<Expired> expired,
        List<Suppression> unused, List<String> notes) {

    /** A finding a suppression took out. */
    public record Suppressed(Finding finding, String path, Suppression by) {
    }

    /** An expired suppression and the number of findings that count again because of it. */
    public record Expired(Suppression suppression, int findings) {
    }
}
