package io.github.imagehygiene.analysis.hygiene;

import java.math.BigDecimal;
import java.util.List;

import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.SizeLimit;

/**
 * The layer-hygiene topic's settings, validated: the limits of the hygiene rules and the paths every hygiene analysis
 * leaves out. A null limit is none; {@link #DEFAULTS} are dive's CI defaults.
 *
 * @param minEfficiency         dive's lowest efficiency, 0..1
 * @param maxWastedBytes        dive's highest wasted bytes
 * @param maxWastedPercent      dive's highest user-wasted share, a fraction 0..1
 * @param maxReclaimable        bytes stored but hidden, as a size or a share of the stored bytes
 * @param packageCacheThreshold bytes a cache location may hold; null: any byte counts
 * @param ignorePaths           globs of image paths the hygiene rules and figures leave out
 */
public record HygieneSettings(Double minEfficiency, ByteSize maxWastedBytes, Double maxWastedPercent,
        SizeLimit maxReclaimable, ByteSize packageCacheThreshold, PathGlobs ignorePaths) {
    /** dive's default for lowestEfficiency. */
    public static final double DEFAULT_MIN_EFFICIENCY = 0.9;
    /** dive's default for highestUserWastedPercent. */
    public static final double DEFAULT_MAX_WASTED_PERCENT = 0.1;
    /** dive's CI defaults, nothing ignored. */
    public static final HygieneSettings DEFAULTS = new HygieneSettings(DEFAULT_MIN_EFFICIENCY, null,
            DEFAULT_MAX_WASTED_PERCENT, null, null, PathGlobs.NONE);
    /** No limit at all, nothing ignored. */
    public static final HygieneSettings NONE = new HygieneSettings(null, null, null, null, null, PathGlobs.NONE);

    public HygieneSettings {
        fraction("minEfficiency", minEfficiency, "it is dive's efficiency, between 0 and 1, e.g. 0.9");
        fraction("maxWastedPercent", maxWastedPercent, "it is a fraction as in dive's highestUserWastedPercent,"
                + " between 0 and 1 (0.1 means 10 %)");
        ignorePaths = ignorePaths == null ? PathGlobs.NONE : ignorePaths;
    }

    /** From the parameters as written ("50MB", "5%", globs); null or blank values are no limit. */
    public static HygieneSettings parse(Double minEfficiency, String maxWastedBytes, Double maxWastedPercent,
            String maxReclaimable, String packageCacheThreshold, List<String> ignorePaths) {
        return new HygieneSettings(minEfficiency, ByteSize.parseOptional("maxWastedBytes", maxWastedBytes),
                maxWastedPercent, SizeLimit.parse("maxReclaimable", maxReclaimable),
                ByteSize.parseOptional("packageCacheThreshold", packageCacheThreshold), PathGlobs.of(ignorePaths));
    }

    /** The same with other ignored paths. */
    public HygieneSettings ignoring(List<String> globs) {
        return new HygieneSettings(minEfficiency, maxWastedBytes, maxWastedPercent, maxReclaimable,
                packageCacheThreshold, PathGlobs.of(globs));
    }

    private static void fraction(String parameter, Double value, String hint) {
        if (value != null && (value.isNaN() || value < 0 || value > 1)) {
            throw new ConfigurationException("Invalid value for " + parameter + ": " + (value.isNaN() ? "NaN"
                    : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()) + "; " + hint);
        }
    }
}
