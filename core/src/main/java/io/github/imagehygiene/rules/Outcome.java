package io.github.imagehygiene.rules;

import java.util.List;

/**
 * What a rule found.
 *
 * @param summary  one short line for the console verdict table ("2.1 MB of 300 MB")
 * @param breaches one per breach, empty when the image complies
 * @param active   false when the rule had nothing to check (no limit set)
 */
public record Outcome(String summary, List<Breach> breaches, boolean active) {

    public Outcome {
        breaches = List.copyOf(breaches);
    }

    /** How the summary of {@link #notChecked} starts. */
    public static final String NOT_CHECKED = "not checked: ";

    /**
     * The rule was to check but could not (its data unavailable: the default vulnerability database unreachable):
     * no breach, and shown as such, never among the rules not set.
     */
    public static Outcome notChecked(String reason) {
        return new Outcome(NOT_CHECKED + reason, List.of(), false);
    }

    /** The rule had nothing to check: the summary says what it saw and that no limit is set. */
    public static Outcome notSet(String summary) {
        return new Outcome(summary, List.of(), false);
    }

    public static Outcome pass(String summary) {
        return new Outcome(summary, List.of(), true);
    }

    public static Outcome of(String summary, List<Breach> breaches) {
        return new Outcome(summary, breaches, true);
    }

    public static Outcome breach(String summary, Breach breach) {
        return new Outcome(summary, List.of(breach), true);
    }

    /** The messages, for tests and logs. */
    public List<String> messages() {
        return breaches.stream().map(Breach::message).toList();
    }
}
