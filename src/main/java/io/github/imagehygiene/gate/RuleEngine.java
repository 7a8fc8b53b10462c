package io.github.imagehygiene.gate;

import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;
import io.github.imagehygiene.rules.RuleVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;

/** Runs rules at their configured levels. */
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
            RuleOutcome outcome = rule.evaluate(analysis);
            if (!outcome.active()) {
                verdicts.add(new RuleVerdict(rule.id(), level, RuleVerdict.Status.NOT_SET, outcome.summary(), List.of()));
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            for (String breach : outcome.breaches()) {
                findings.add(new Finding(rule.id(), level, breach));
            }
            RuleVerdict.Status status = findings.isEmpty() ? RuleVerdict.Status.PASS
                    : level == Level.ERROR ? RuleVerdict.Status.FAIL : RuleVerdict.Status.WARN;
            verdicts.add(new RuleVerdict(rule.id(), level, status, outcome.summary(), List.copyOf(findings)));
        }
        return List.copyOf(verdicts);
    }
}
