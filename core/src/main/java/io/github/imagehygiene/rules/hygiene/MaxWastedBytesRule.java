package io.github.imagehygiene.rules.hygiene;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxWastedBytes}: dive's wasted bytes (the summed sizes of the paths stored in two or more layers, the copy
 * that stays included, see {@link DiveEfficiency}) must not exceed the budget. dive's CI rule
 * {@code highestWastedBytes}; off unless set, as in dive. Once the base image's layers are known, only the waste the
 * build's own layers store counts (see {@link io.github.imagehygiene.rules.Blame}).
 */
public final class MaxWastedBytesRule extends Rule {
    public static final String ID = "maxWastedBytes";

    private final ByteSize limit;
    private final PathGlobs ignore;

    public MaxWastedBytesRule(HygieneSettings hygiene) {
        super(ID, Level.ERROR);
        this.limit = hygiene.maxWastedBytes();
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        DiveText.Measured m = DiveText.measure(analysis, ignore);
        DiveEfficiency.Result r = m.result();
        if (limit == null) {
            return Outcome.notSet(Text.bytes(r.wastedBytes()) + " wasted" + DiveText.scope(m) + ", no budget set");
        }
        long wasted = r.wastedBytes();
        String summary = limit.formatLike(wasted) + " wasted" + DiveText.scope(m) + " of " + limit + m.notCounted();
        if (wasted <= limit.bytes()) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage("wasted bytes are " + limit.formatLike(wasted)
                + DiveText.scope(m) + ", " + limit.formatLike(wasted - limit.bytes()) + " over the budget of " + limit
                + " (paths stored more than once, dive's measure)" + DiveText.tail(analysis, m, ignore, ID)));
    }
}
