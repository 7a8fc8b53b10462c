package io.github.imagehygiene.rules;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;

/**
 * A check of an analysed image: its id, the level it counts at unless the user sets one, and one method from the
 * analyses to what it found. A rule states facts and limits (its settings come with its constructor, as its topic's
 * record); the level is applied by the gate. Every rule is listed once, in {@code rules.catalog.RuleCatalog}, and has
 * a page {@code docs/rules/<id>.md}.
 */
public abstract class Rule {
    private final String id;
    private final Level defaultLevel;

    /**
     * @param id           the id users write in {@code <levels>} and see in messages, e.g. {@code maxSize}
     * @param defaultLevel ERROR, WARN or OFF
     */
    protected Rule(String id, Level defaultLevel) {
        this.id = id;
        this.defaultLevel = defaultLevel;
    }

    public final String id() {
        return id;
    }

    public final Level defaultLevel() {
        return defaultLevel;
    }

    /** Measures the image against the rule; never null. */
    public abstract Outcome evaluate(ImageAnalysis analysis);

    /**
     * The file contents this rule needs read during the layer pass; collectors shared by several rules are the same
     * instance (or at least the same id), and are run once. Rules at level OFF ask for nothing.
     */
    public List<ContentCollector<?>> collectors() {
        return List.of();
    }

    /** "1 file", "2 files". */
    protected static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
