package io.github.imagehygiene.rules.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.Origins.Origin;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.rules.Rule;

/**
 * The path and origin of the findings the security rules made, while {@link Finding} carries a message only: a
 * finding is identified by its rule id and message, and looked up among the located breaches its rule computed for
 * the analysis (rules at level OFF computed none, and have no findings). With path-aware findings, use
 * {@code Finding::path} instead.
 */
public final class LocatedFindings {
    private final Map<String, Breach> breaches;

    private LocatedFindings(Map<String, Breach> breaches) {
        this.breaches = breaches;
    }

    /** Indexes what the security rules among {@code rules} computed for {@code analysis}; other rules are skipped. */
    public static LocatedFindings of(List<? extends Rule> rules, ImageAnalysis analysis) {
        Map<String, Breach> map = new HashMap<>();
        for (Rule r : rules) {
            if (r instanceof SecurityRule s) {
                SecurityOutcome o = s.computed(analysis);
                if (o != null) {
                    for (Breach b : o.breaches()) {
                        map.putIfAbsent(key(s.id(), b.message()), b);
                    }
                }
            }
        }
        return new LocatedFindings(map);
    }

    /** The path a finding is about, or null (a finding of another rule, or about the config as a whole). */
    public String pathOf(Finding f) {
        Breach b = breaches.get(key(f.rule(), f.message()));
        return b == null ? null : b.path();
    }

    /** Whose the finding is, or null when not known. */
    public Origin originOf(Finding f) {
        Breach b = breaches.get(key(f.rule(), f.message()));
        return b == null ? null : b.origin();
    }

    private static String key(String rule, String message) {
        // a Finding's message is one line (OneLine): a breach's raw message is looked up in that form
        return rule + "\n" + OneLine.of(message);
    }
}
