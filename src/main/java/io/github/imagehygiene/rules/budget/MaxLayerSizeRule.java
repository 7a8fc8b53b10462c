package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;
import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;

/**
 * {@code maxLayerSize}: no single layer may exceed the budget, measured as {@code docker history} shows layer sizes
 * (the bytes of the layer's files); one finding per layer over it. Large
 * layers pull slowly and defeat layer caching; split dependencies from application code.
 */
public final class MaxLayerSizeRule implements Rule {
    public static final String ID = "maxLayerSize";
    private final ByteSize limit;

    /** @param limit the budget, or null for no budget */
    public MaxLayerSizeRule(ByteSize limit) {
        this.limit = limit;
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
        long largest = analysis.layers().stream().mapToLong(LayerSummary::contentSize).max().orElse(0);
        if (limit == null) {
            return RuleOutcome.notConfigured("largest layer " + ByteSize.human(largest) + ", no budget set");
        }
        List<String> breaches = new ArrayList<>();
        for (LayerSummary l : analysis.layers()) {
            if (l.contentSize() > limit.bytes()) {
                breaches.add("layer " + LayerList.describe(l, l.contentSize(), limit) + " is "
                        + limit.formatLike(l.contentSize() - limit.bytes()) + " over the budget of " + limit
                        + " for one layer");
            }
        }
        return RuleOutcome.of("largest layer " + limit.formatLike(largest) + " of " + limit, breaches);
    }
}
