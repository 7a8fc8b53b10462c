package io.github.imagehygiene.gate;

import java.util.List;

import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Outcome;

/**
 * A rule's result at the level the user set.
 *
 * @param rule     the rule id
 * @param level    the level it ran at
 * @param status   PASS, FAIL (breach at ERROR), WARN (breach at WARN), OFF or NOT_SET
 * @param summary  the one-line summary
 * @param findings the breaches, at {@code level}
 */
public record RuleVerdict(String rule, Level level, Status status, String summary, List<Finding> findings) {

    /** A rule that was to check but could not ({@link Outcome#notChecked}): listed with the rules that ran. */
    public boolean notChecked() {
        return status == Status.NOT_SET && summary.startsWith(Outcome.NOT_CHECKED);
    }

    /** The verdict table's column. */
    public enum Status {
        PASS, FAIL, WARN, OFF, NOT_SET
    }
}
