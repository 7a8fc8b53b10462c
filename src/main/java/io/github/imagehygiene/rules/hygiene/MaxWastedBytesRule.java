package io.github.imagehygiene.rules.hygiene;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code maxWastedBytes}: dive's wasted bytes (the summed sizes of the paths stored in two or more layers, the copy
 * that stays included, see {@link DiveEfficiency}) must not exceed the budget. dive's CI rule
 * {@code highestWastedBytes}; off unless set, as in dive.
 */
public final class MaxWastedBytesRule implements Rule {
    public static final String ID = "maxWastedBytes";

    private final ByteSize limit;
    private final PathGlobs ignore;

    /** @param limit the budget, or null for none */
    public MaxWastedBytesRule(ByteSize limit) {
        this(limit, List.of());
    }

    /**
     * @param limit       the budget, or null for none
     * @param ignorePaths globs of paths not counted
     */
    public MaxWastedBytesRule(ByteSize limit, List<String> ignorePaths) {
        this.limit = limit;
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
        if (limit == null) {
            return RuleOutcome.notConfigured(Text.bytes(r.wastedBytes()) + " wasted, no budget set");
        }
        long wasted = r.wastedBytes();
        String summary = limit.formatLike(wasted) + " wasted of " + limit;
        if (wasted <= limit.bytes()) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of("wasted bytes are " + limit.formatLike(wasted) + ", "
                + limit.formatLike(wasted - limit.bytes()) + " over the budget of " + limit
                + " (paths stored more than once, dive's measure)" + DiveText.tail(analysis, r, ignore, ID)));
    }
}
