package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.SizeLimit;

/**
 * The size budgets, validated: each may be null (no budget).
 *
 * @param maxSize           the image as {@code docker images} counts it (the bytes of all files in all layers)
 * @param maxCompressedSize what a push transfers
 * @param maxLayerSize      any one layer, as {@code docker history} counts it
 * @param maxLayers         the most layers, at least 1
 * @param maxGrowth         growth of the image size over the baseline's: bytes or a share of the baseline's size
 * @param maxCompressedGrowth growth of what a push transfers, likewise
 */
public record BudgetSettings(ByteSize maxSize, ByteSize maxCompressedSize, ByteSize maxLayerSize, Integer maxLayers,
        SizeLimit maxGrowth, SizeLimit maxCompressedGrowth) {
    /** No budget set. */
    public static final BudgetSettings NONE = new BudgetSettings(null, null, null, null, null, null);

    public BudgetSettings {
        if (maxLayers != null && maxLayers < 1) {
            throw new ConfigurationException("Invalid value for maxLayers: " + maxLayers + "; it must be at least 1");
        }
    }

    /** From the parameters as written ("300MB"); blank is no budget. */
    public static BudgetSettings parse(String maxSize, String maxCompressedSize, String maxLayerSize,
            Integer maxLayers, String maxGrowth, String maxCompressedGrowth) {
        return new BudgetSettings(ByteSize.parseOptional("maxSize", maxSize),
                ByteSize.parseOptional("maxCompressedSize", maxCompressedSize),
                ByteSize.parseOptional("maxLayerSize", maxLayerSize), maxLayers,
                SizeLimit.parseGrowth("maxGrowth", maxGrowth),
                SizeLimit.parseGrowth("maxCompressedGrowth", maxCompressedGrowth));
    }
}
