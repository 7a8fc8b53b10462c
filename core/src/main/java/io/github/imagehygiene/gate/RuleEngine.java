package io.github.imagehygiene.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Fingerprint;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/** Runs rules at their configured levels, and turns what they found into findings at that level. */
public final class RuleEngine {
    private RuleEngine() {
    }

    public static List<RuleVerdict> evaluate(List<Rule> rules, Map<String, Level> levels, ImageAnalysis analysis) {
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (Rule rule : rules) {
            Level level = levels.getOrDefault(rule.id(), rule.defaultLevel());
            if (level == Level.OFF) {
                verdicts.add(new RuleVerdict(rule.id(), level, RuleVerdict.Status.OFF, "off", List.of()));
                continue;
            }
            Outcome outcome = rule.evaluate(analysis);
            if (!outcome.active()) {
                verdicts.add(new RuleVerdict(rule.id(), level, outcome.skipped() ? RuleVerdict.Status.SKIPPED
                        : RuleVerdict.Status.NOT_SET, outcome.summary(), List.of()));
                continue;
            }
            List<Finding> findings = findings(rule.id(), level, outcome.breaches(), analysis);
            RuleVerdict.Status status = findings.isEmpty() ? RuleVerdict.Status.PASS
                    : level == Level.ERROR ? RuleVerdict.Status.FAIL : RuleVerdict.Status.WARN;
            verdicts.add(new RuleVerdict(rule.id(), level, status, outcome.summary(), List.copyOf(findings)));
        }
        return List.copyOf(verdicts);
    }

    /**
     * The breaches as findings. Rules count a layer as yours while no evidence tells where the base ends; a finding
     * says so: its origin is then unknown. Two findings of one rule about one subject (two ADDs to one path) get
     * fingerprints of their own by their order.
     */
    static List<Finding> findings(String rule, Level level, List<Breach> breaches, ImageAnalysis analysis) {
        if (breaches.isEmpty()) {
            return List.of();
        }
        boolean baseKnown = BaseLayers.of(analysis).known();
        String platform = analysis.image().platform().toString();
        Map<String, Integer> seen = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Breach b : breaches) {
            int n = seen.merge(b.subject(), 1, Integer::sum);
            String key = n == 1 ? b.subject() : b.subject() + "#" + n;
            Origin origin = b.origin() == null ? null : baseKnown ? b.origin() : Origin.UNKNOWN;
            out.add(new Finding(rule, level, b.message(), b.path(), b.layer(), origin, b.subject(),
                    Fingerprint.of(rule, key, platform), b.ids()));
        }
        return out;
    }
}
