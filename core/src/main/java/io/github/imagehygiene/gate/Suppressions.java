package io.github.imagehygiene.gate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.RuleVerdict;

/**
 * The suppressions of one file, applied to the verdicts of a run: a finding matched by a suppression in force is
 * taken out; an expired suppression suppresses nothing and says so; a suppression that matched nothing is listed, so
 * that stale entries do not pile up. Works for every rule: a suppression names a rule id, and optionally a path glob
 * that the finding's path must match.
 */
public final class Suppressions {
    /** No suppression file. */
    public static final Suppressions NONE = new Suppressions("(none)", List.of());

    private final String source;
    private final List<Suppression> entries;

    /**
     * @param source  the file they come from, for messages
     * @param entries in file order; the first matching one takes a finding
     */
    public Suppressions(String source, List<Suppression> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    public String source() {
        return source;
    }

    public List<Suppression> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Fails on a suppression naming a rule that does not exist (a typo would silently suppress nothing).
     *
     * @throws ConfigurationException naming the file, the entry and the known rules
     */
    public void checkRules(Collection<String> knownRules) {
        for (Suppression s : entries) {
            if (s.rule() != null && !knownRules.contains(s.rule())) {
                throw new ConfigurationException(source + ": suppression " + s.number() + " names rule '" + s.rule()
                        + "', which does not exist; known rules: " + String.join(", ", new TreeSet<>(knownRules)));
            }
        }
    }

    /** {@link #apply(List, LocalDate)} on the clock's date. */
    public SuppressionResult apply(List<RuleVerdict> verdicts, Clock clock) {
        return apply(verdicts, LocalDate.now(clock));
    }

    /**
     * Takes suppressed findings out of the verdicts; a suppression with a path matches the finding's path.
     *
     * @param today the date expiry is judged on
     */
    public SuppressionResult apply(List<RuleVerdict> verdicts, LocalDate today) {
        Map<Suppression, Integer> used = new LinkedHashMap<>();
        Map<Suppression, Integer> expiredMatches = new LinkedHashMap<>();
        List<SuppressionResult.Suppressed> suppressed = new ArrayList<>();
        List<RuleVerdict> out = new ArrayList<>();
        for (RuleVerdict v : verdicts) {
            if (v.findings().isEmpty()) {
                out.add(v);
                continue;
            }
            List<Finding> kept = new ArrayList<>();
            int taken = 0;
            for (Finding f : v.findings()) {
                String path = f.path();
                Suppression by = null;
                for (Suppression s : entries) {
                    if (!s.matches(f.rule(), path, f.ids())) {
                        continue;
                    }
                    if (s.expired(today)) {
                        expiredMatches.merge(s, 1, Integer::sum);
                        continue;
                    }
                    by = s;
                    break;
                }
                if (by == null) {
                    kept.add(f);
                } else {
                    used.merge(by, 1, Integer::sum);
                    suppressed.add(new SuppressionResult.Suppressed(f, path, by));
                    taken++;
                }
            }
            if (taken == 0) {
                out.add(v);
                continue;
            }
            RuleVerdict.Status status = kept.isEmpty() ? RuleVerdict.Status.PASS : v.status();
            out.add(new RuleVerdict(v.rule(), v.level(), status, v.summary() + "; " + taken + " suppressed",
                    List.copyOf(kept)));
        }
        List<SuppressionResult.Expired> expired = new ArrayList<>();
        List<Suppression> unused = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Suppression s : entries) {
            if (s.expired(today)) {
                int n = expiredMatches.getOrDefault(s, 0);
                expired.add(new SuppressionResult.Expired(s, n));
                notes.add(source + ": " + s.describe() + " expired after " + s.until() + " and suppresses nothing now"
                        + (n == 0 ? "; it matches no finding either: remove it"
                                : "; " + n + (n == 1 ? " finding counts" : " findings count") + " again (reason was: "
                                        + s.reason() + ")"));
            } else if (!used.containsKey(s)) {
                unused.add(s);
                notes.add(source + ": " + s.describe() + " matched no finding: remove it, or correct its "
                        + (s.id() == null ? "rule or path" : "id"));
            }
        }
        return new SuppressionResult(List.copyOf(out), List.copyOf(suppressed), List.copyOf(expired),
                List.copyOf(unused), List.copyOf(notes));
    }
}
