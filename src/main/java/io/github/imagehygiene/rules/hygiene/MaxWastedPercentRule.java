package io.github.imagehygiene.rules.hygiene;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code maxWastedPercent}: dive's wasted bytes over the size of the user's layers (all but the first) must not
 * exceed the maximum. dive's CI rule {@code highestUserWastedPercent}: a fraction (0.1 means 10 %), same default,
 * same strict comparison.
 */
public final class MaxWastedPercentRule implements Rule {
    public static final String ID = "maxWastedPercent";
    /** dive's default for highestUserWastedPercent. */
    public static final double DEFAULT_MAXIMUM = 0.1;

    private final Double maximum;
    private final PathGlobs ignore;

    /** @param maximum the highest wasted share allowed, a fraction 0..1, or null for none */
    public MaxWastedPercentRule(Double maximum) {
        this(maximum, List.of());
    }

    /**
     * @param maximum     the highest wasted share allowed, a fraction 0..1, or null for none
     * @param ignorePaths globs of paths not counted
     */
    public MaxWastedPercentRule(Double maximum, List<String> ignorePaths) {
        this.maximum = Text.fraction(ID, maximum, "it is a fraction as in dive's highestUserWastedPercent, between 0"
                + " and 1 (0.1 means 10 %)");
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
        String share = Text.percent(r.userWastedPercent());
        if (maximum == null) {
            return RuleOutcome.notConfigured(share + " of the user layers wasted, no maximum set");
        }
        String summary = share + " wasted (maximum " + Text.percentLimit(maximum) + ")";
        if (r.userWastedPercent() <= maximum) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of("wasted bytes are " + share + " of the user layers ("
                + Text.bytes(r.wastedBytes()) + " of " + Text.bytes(r.userSizeBytes())
                + " in the layers above the first, dive's measure), above the maximum of " + Text.percentLimit(maximum)
                + DiveText.tail(analysis, r, ignore, ID)));
    }
}
