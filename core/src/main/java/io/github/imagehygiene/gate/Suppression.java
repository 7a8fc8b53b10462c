package io.github.imagehygiene.gate;

import java.time.LocalDate;

import io.github.imagehygiene.analysis.security.Glob;

/**
 * One entry of a suppression file: the findings of {@code rule} (at {@code path}, when given; known by {@code id},
 * when given) are accepted, for {@code reason}, until {@code until} (inclusive) when given.
 *
 * @param number 1-based position in the file, for messages
 * @param rule   the rule id, or null when an id is given (the finding known by it, whatever its rule)
 * @param path   a path or glob the finding's path must match, or null for every finding of the rule
 * @param id     an id the finding must be known by ({@code CVE-2021-44228}: the vulnerability's id or any alias,
 *               case-insensitive), or null
 * @param reason why the findings are accepted (required)
 * @param until  the last day it suppresses, or null for no end
 */
public record Suppression(int number, String rule, Glob path, String id, String reason, LocalDate until) {

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
        return matches(findingRule, findingPath, java.util.List.of());
    }

    /** As {@link #matches(String, String)}, and with an id: the finding must be known by it. */
    public boolean matches(String findingRule, String findingPath, java.util.List<String> findingIds) {
        if (rule != null && !rule.equals(findingRule)) {
            return false;
        }
        if (id != null && findingIds.stream().noneMatch(i -> i.equalsIgnoreCase(id))) {
            return false;
        }
        if (path == null) {
            return true;
        }
        return findingPath != null && path.matchesOrContains(findingPath);
    }

    /** "suppression 2 (noSecrets /app/test/**, until 2026-12-31)". */
    public String describe() {
        return "suppression " + number + " (" + (rule == null ? id : rule + (id == null ? "" : " " + id))
                + (path == null ? "" : " " + path.text())
                + (until == null ? "" : ", until " + until) + ")";
    }
}
