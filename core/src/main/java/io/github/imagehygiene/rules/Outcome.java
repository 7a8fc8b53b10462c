package io.github.imagehygiene.rules;

import java.util.List;

/**
 * What a rule found.
 *
 * @param summary  one short line for the console verdict table ("2.1 MB of 300 MB")
 * @param breaches one per breach, empty when the image complies
 * @param active   false when the rule had nothing to check (no limit set), or could not check
 * @param skipped  true when it was to check but could not ({@link #notChecked})
 */
public record Outcome(String summary, List<Breach> breaches, boolean active, boolean skipped) {

    public Outcome {
        breaches = List.copyOf(breaches);
    }

    public Outcome(String summary, List<Breach> breaches, boolean active) {
        this(summary, breaches, active, false);
    }

    /**
     * The rule was to check but could not (its data unavailable: the default vulnerability database unreachable): no
     * breach, and reported as skipped with the reason, never among the rules not set nor as a pass.
     */
    public static Outcome notChecked(String reason) {
        return new Outcome("not checked: " + reason, List.of(), false, true);
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
