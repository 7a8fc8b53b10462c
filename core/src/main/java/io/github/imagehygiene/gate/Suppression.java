package io.github.imagehygiene.gate;

import java.time.LocalDate;

import io.github.imagehygiene.analysis.security.Glob;

/**
 * One entry of a suppression file: the findings of {@code rule} (at {@code path}, when given) are accepted, for
 * {@code reason}, until {@code until} (inclusive) when given.
 *
 * @param number 1-based position in the file, for messages
 * @param rule   the rule id
 * @param path   a path or glob the finding's path must match, or null for every finding of the rule
 * @param reason why the findings are accepted (required)
 * @param until  the last day it suppresses, or null for no end
 */
public record Suppression(int number, String rule, Glob path, String reason, LocalDate until) {

    /** Whether it no longer suppresses: {@code until} has passed. */
    public boolean expired(LocalDate today) {
        return until != null && today.isAfter(until);
    }

    /**
     * Whether a finding of this rule at this path is covered: same rule, and no path in the suppression, or the
     * finding's path (or a directory above it) matches. A finding without a path matches only a suppression without
     * one.
     */
    public boolean matches(String findingRule, String findingPath) {
        if (!rule.equals(findingRule)) {
            return false;
        }
        if (path == null) {
            return true;
        }
        return findingPath != null && path.matchesOrContains(findingPath);
    }

    /** "suppression 2 (noSecrets /app/test/**, until 2026-12-31)". */
    public String describe() {
        return "suppression " + number + " (" + rule + (path == null ? "" : " " + path.text())
                + (until == null ? "" : ", until " + until) + ")";
    }
}
