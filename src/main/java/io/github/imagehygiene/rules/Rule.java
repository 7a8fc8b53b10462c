package io.github.imagehygiene.rules;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Level;

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
}
