package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;

/**
 * {@code maxCompressedSize}: what a registry push transfers must not exceed the budget. Compressed blobs count as
 * stored; layers stored uncompressed (legacy {@code docker save}) count as their gzip size, estimated while reading.
 */
public final class MaxCompressedSizeRule implements Rule {
    public static final String ID = "maxCompressedSize";
    private final ByteSize limit;

    /** @param limit the budget, or null for no budget */
    public MaxCompressedSizeRule(ByteSize limit) {
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
        String estimate = analysis.compressedEstimated() ? " (gzip estimate)" : "";
        if (limit == null) {
            return RuleOutcome.notConfigured(ByteSize.human(analysis.compressedSize()) + estimate + ", no budget set");
        }
        long size = analysis.compressedSize();
        String summary = limit.formatLike(size) + estimate + " of " + limit;
        if (size <= limit.bytes()) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of("image is " + limit.formatLike(size) + " compressed" + estimate + ", "
                + limit.formatLike(size - limit.bytes()) + " over the budget of " + limit + "; largest layers: "
                + LayerList.largest(analysis.layers(), LayerSummary::compressedSize, limit)));
    }
}
