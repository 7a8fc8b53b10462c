package io.github.imagehygiene.rules.hygiene;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code minEfficiency}: dive's image efficiency (the bytes the image needs over the bytes its layers store, counted
 * per path as dive does, see {@link DiveEfficiency}) must not fall below the minimum. dive's CI rule
 * {@code lowestEfficiency}, same default (0.9), same strict comparison.
 */
public final class MinEfficiencyRule implements Rule {
    public static final String ID = "minEfficiency";
    /** dive's default for lowestEfficiency. */
    public static final double DEFAULT_MINIMUM = 0.9;

    private final Double minimum;
    private final PathGlobs ignore;

    /** @param minimum the lowest efficiency allowed, 0..1, or null for none */
    public MinEfficiencyRule(Double minimum) {
        this(minimum, List.of());
    }

    /**
     * @param minimum     the lowest efficiency allowed, 0..1, or null for none
     * @param ignorePaths globs of paths left out of both sums
     */
    public MinEfficiencyRule(Double minimum, List<String> ignorePaths) {
        this.minimum = Text.fraction(ID, minimum, "it is dive's efficiency, between 0 and 1, e.g. 0.9");
        this.ignore = PathGlobs.of(ignorePaths);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.ERROR;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        DiveEfficiency.Result r = DiveEfficiency.of(analysis).result(ignore);
        if (minimum == null) {
            return RuleOutcome.notConfigured("efficiency " + Text.ratio(r.efficiency(), r.efficiency())
                    + ", no minimum set");
        }
        String efficiency = Text.ratio(r.efficiency(), minimum);
        String summary = "efficiency " + efficiency + " (minimum " + Text.plain(minimum) + ")";
        if (r.efficiency() >= minimum) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of("efficiency is " + efficiency + ", below the minimum of "
                + Text.plain(minimum) + "; " + Text.bytes(r.wastedBytes()) + " of "
                + Text.bytes(r.sizeBytes()) + " are in paths stored more than once (dive's wasted bytes)"
                + DiveText.tail(analysis, r, ignore, ID)));
    }
}
