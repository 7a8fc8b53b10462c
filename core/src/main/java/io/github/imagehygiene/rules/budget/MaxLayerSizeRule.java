package io.github.imagehygiene.rules.budget;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxLayerSize}: no single layer may exceed the budget, measured as {@code docker history} shows layer sizes
 * (the bytes of the layer's files); one finding per layer over it. Large
 * layers pull slowly and defeat layer caching; split dependencies from application code.
 */
public final class MaxLayerSizeRule extends Rule {
    public static final String ID = "maxLayerSize";
    private final ByteSize limit;

    public MaxLayerSizeRule(BudgetSettings budgets) {
        super(ID, Level.ERROR);
        this.limit = budgets.maxLayerSize();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        long largest = analysis.layers().stream().mapToLong(LayerSummary::contentSize).max().orElse(0);
        if (limit == null) {
            return Outcome.notSet("largest layer " + ByteSize.human(largest) + ", no budget set");
        }
        List<Breach> breaches = new ArrayList<>();
        for (LayerSummary l : analysis.layers()) {
            if (l.contentSize() > limit.bytes()) {
                // the layer's position is what stays when a rebuild changes its content
                breaches.add(Breach.of("layer:" + l.index(), "layer " + LayerList.describe(l, l.contentSize(), limit)
                        + " is " + limit.formatLike(l.contentSize() - limit.bytes()) + " over the budget of " + limit
                        + " for one layer; largest files: "
                        + LayerList.files(SizeAttribution.largestIn(analysis, l.index(), 3), limit, false))
                        .inLayer(l.index(), BaseLayers.of(analysis).origin(l.index())));
            }
        }
        return Outcome.of("largest layer " + limit.formatLike(largest) + " of " + limit, breaches);
    }
}
