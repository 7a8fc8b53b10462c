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
 * {@code minEfficiency}: dive's image efficiency (the bytes the image needs over the bytes its layers store, counted
 * per path as dive does, see {@link DiveEfficiency}) must not fall below the minimum. dive's CI rule
 * {@code lowestEfficiency}, same default (0.9), same strict comparison. Once the base image's layers are known, only
 * the paths the build's own layers store count (see {@link io.github.imagehygiene.rules.Blame}).
 */
public final class MinEfficiencyRule extends Rule {
    public static final String ID = "minEfficiency";

    private final Double minimum;
    private final PathGlobs ignore;

    public MinEfficiencyRule(HygieneSettings hygiene) {
        super(ID, Level.ERROR);
        this.minimum = hygiene.minEfficiency();
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        DiveText.Measured m = DiveText.measure(analysis, ignore);
        DiveEfficiency.Result r = m.result();
        if (minimum == null) {
            return Outcome.notSet("efficiency " + Text.ratio(r.efficiency(), r.efficiency()) + DiveText.scope(m)
                    + ", no minimum set");
        }
        String efficiency = Text.ratio(r.efficiency(), minimum);
        String summary = "efficiency " + efficiency + DiveText.scope(m) + " (minimum " + Text.plain(minimum) + ")"
                + m.notCounted();
        if (r.efficiency() >= minimum) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage("efficiency is " + efficiency + DiveText.scope(m)
                + ", below the minimum of " + Text.plain(minimum) + "; " + Text.bytes(r.wastedBytes()) + " of "
                + Text.bytes(r.sizeBytes()) + " are in paths stored more than once (dive's wasted bytes)"
                + DiveText.tail(analysis, m, ignore, ID)));
    }
}
