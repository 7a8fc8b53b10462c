package io.github.imagehygiene.rules.security;

import java.util.List;

import io.github.imagehygiene.rules.RuleOutcome;

/**
 * What a security rule found, each breach located.
 *
 * @param summary  the verdict table's line
 * @param breaches the breaches, empty when the image complies
 * @param active   false when the rule had nothing to check (no assertion set)
 */
public record SecurityOutcome(String summary, List<Breach> breaches, boolean active) {

    public static SecurityOutcome of(String summary, List<Breach> breaches) {
        return new SecurityOutcome(summary, List.copyOf(breaches), true);
    }

    public static SecurityOutcome notConfigured(String summary) {
        return new SecurityOutcome(summary, List.of(), false);
    }

    /** The plain outcome the rule engine takes today: messages only. */
    public RuleOutcome toRuleOutcome() {
        List<String> messages = breaches.stream().map(Breach::message).toList();
        return active ? RuleOutcome.of(summary, messages) : RuleOutcome.notConfigured(summary);
    }
}
