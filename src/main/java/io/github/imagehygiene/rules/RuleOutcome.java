package io.github.imagehygiene.rules;

import java.util.List;

/**
 * What a rule found.
 *
 * @param summary  one short line for the console verdict table ("2.1 MB of 300 MB")
 * @param breaches one message per breach, empty when the image complies
 * @param active   false when the rule had nothing to check (no limit set)
 */
public record RuleOutcome(String summary, List<String> breaches, boolean active) {

    public static RuleOutcome notConfigured(String summary) {
        return new RuleOutcome(summary, List.of(), false);
    }

    public static RuleOutcome of(String summary, List<String> breaches) {
        return new RuleOutcome(summary, List.copyOf(breaches), true);
    }
}
