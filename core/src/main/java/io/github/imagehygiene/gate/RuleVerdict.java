package io.github.imagehygiene.gate;

import java.util.List;

import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;

/**
 * A rule's result at the level the user set.
 *
 * @param rule     the rule id
 * @param level    the level it ran at
 * @param status   PASS, FAIL (breach at ERROR), WARN (breach at WARN), SKIPPED (was to check, could not), OFF or
 *                 NOT_SET
 * @param summary  the one-line summary
 * @param findings the breaches, at {@code level}
 */
public record RuleVerdict(String rule, Level level, Status status, String summary, List<Finding> findings) {

    /** The verdict table's column. */
    public enum Status {
        PASS, FAIL, WARN, SKIPPED, OFF, NOT_SET
    }
}
