package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxCompressedSize}: what a registry push transfers must not exceed the budget. Compressed blobs count as
 * stored; layers stored uncompressed (legacy {@code docker save}) count as their gzip size, estimated while reading.
 */
public final class MaxCompressedSizeRule extends Rule {
    public static final String ID = "maxCompressedSize";
    private final ByteSize limit;

    public MaxCompressedSizeRule(BudgetSettings budgets) {
        super(ID, Level.ERROR);
        this.limit = budgets.maxCompressedSize();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        String estimate = analysis.compressedEstimated() ? " (gzip estimate)" : "";
        if (limit == null) {
            return Outcome.notSet(ByteSize.human(analysis.compressedSize()) + estimate + ", no budget set");
        }
        long size = analysis.compressedSize();
        String summary = limit.formatLike(size) + estimate + " of " + limit;
        if (size <= limit.bytes()) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage("image is " + limit.formatLike(size) + " compressed" + estimate
                + ", " + limit.formatLike(size - limit.bytes()) + " over the budget of " + limit + "; largest layers: "
                + LayerList.largest(analysis.layers(), LayerSummary::compressedSize, limit)));
    }
}
