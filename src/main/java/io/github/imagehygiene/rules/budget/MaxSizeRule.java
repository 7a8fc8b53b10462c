package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;

/**
 * {@code maxSize}: the image's size as {@code docker images} shows it (the bytes of all files in all layers, tar
 * headers and padding left out) must not exceed the budget. A breach names the three largest layers, the places to
 * start trimming.
 */
public final class MaxSizeRule implements Rule {
    public static final String ID = "maxSize";
    private final ByteSize limit;

    /** @param limit the budget, or null for no budget */
    public MaxSizeRule(ByteSize limit) {
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
        if (limit == null) {
            return RuleOutcome.notConfigured(ByteSize.human(analysis.contentSize()) + ", no budget set");
        }
        long size = analysis.contentSize();
        String summary = limit.formatLike(size) + " of " + limit;
        if (size <= limit.bytes()) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of("image is " + limit.formatLike(size) + ", "
                + limit.formatLike(size - limit.bytes()) + " over the budget of " + limit + "; largest layers: "
                + LayerList.largest(analysis.layers(), LayerSummary::contentSize, limit)));
    }
}
