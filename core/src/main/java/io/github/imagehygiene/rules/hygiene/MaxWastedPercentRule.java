package io.github.imagehygiene.rules.hygiene;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxWastedPercent}: dive's wasted bytes over the size of the user's layers (all but the first) must not
 * exceed the maximum. dive's CI rule {@code highestUserWastedPercent}: a fraction (0.1 means 10 %), same default,
 * same strict comparison. Once the base image's layers are known, the build's own layers are the user's, and only
 * the waste they store counts (see {@link io.github.imagehygiene.rules.Blame}).
 */
public final class MaxWastedPercentRule extends Rule {
    public static final String ID = "maxWastedPercent";

    private final Double maximum;
    private final PathGlobs ignore;

    public MaxWastedPercentRule(HygieneSettings hygiene) {
        super(ID, Level.ERROR);
        this.maximum = hygiene.maxWastedPercent();
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        DiveText.Measured m = DiveText.measure(analysis, ignore);
        DiveEfficiency.Result r = m.result();
        String share = Text.percent(r.userWastedPercent());
        String layers = m.own() ? "your layers" : "the user layers";
        if (maximum == null) {
            return Outcome.notSet(share + " of " + layers + " wasted, no maximum set");
        }
        String summary = share + " wasted" + DiveText.scope(m) + " (maximum " + Text.percentLimit(maximum) + ")"
                + m.notCounted();
        if (r.userWastedPercent() <= maximum) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage("wasted bytes are " + share + " of " + layers + " ("
                + Text.bytes(r.wastedBytes()) + " of " + Text.bytes(r.userSizeBytes())
                + (m.own() ? " in the layers above the base" : " in the layers above the first") + ", dive's measure),"
                + " above the maximum of " + Text.percentLimit(maximum) + DiveText.tail(analysis, m, ignore, ID)));
    }
}
