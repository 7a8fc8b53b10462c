package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxLayers}: the image may have at most this many layers. Every layer is a separate download and overlay
 * mount; consecutive {@code RUN} instructions can be joined with {@code &&}.
 */
public final class MaxLayersRule extends Rule {
    public static final String ID = "maxLayers";
    private final Integer limit;

    public MaxLayersRule(BudgetSettings budgets) {
        super(ID, Level.ERROR);
        this.limit = budgets.maxLayers();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        int count = analysis.layers().size();
        if (limit == null) {
            return Outcome.notSet(count(count, "layer", "layers") + ", no limit set");
        }
        String summary = count + " of " + limit + " layers";
        if (count <= limit) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage("image has " + count + " layers, " + (count - limit)
                + " over the limit of " + limit + "; join consecutive RUN instructions with '&&' and use a multi-stage"
                + " build to copy only the result"));
    }
}
