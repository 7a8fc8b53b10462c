package io.github.imagehygiene.rules;

import io.github.imagehygiene.gate.RuleEngine;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;

/**
 * A check of an analysed image. A rule states facts and limits; the level it counts at is the user's choice
 * ({@link #defaultLevel()} otherwise), applied by {@link RuleEngine}.
 */
public interface Rule {
    /** The id users write in {@code <levels>} and see in messages, e.g. {@code maxSize}. */
    String id();

    Level defaultLevel();

    /** Measures the image against the rule; never null. */
    RuleOutcome evaluate(ImageAnalysis analysis);

    /**
     * The file contents this rule needs read during the layer pass; collectors shared by several rules are the same
     * instance (or at least the same id), and are run once. Rules at level OFF ask for nothing.
     */
    default List<ContentCollector<?>> collectors() {
        return List.of();
    }
}
