package io.github.imagehygiene.analysis.hygiene;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;

/**
 * The layer-hygiene numbers report.json carries, from the same analyses the rules use (so the report and the findings
 * agree), with the same ignore globs. dive's own numbers over every layer, the base image's included: the rules may
 * count only the build's own layers, the report keeps what dive would say.
 *
 * @param efficiency        dive's efficiency, 0..1
 * @param wastedBytes       dive's wasted bytes
 * @param userWastedPercent dive's wasted share of the user layers, a fraction
 * @param reclaimableBytes  bytes stored in some layer but hidden in the final filesystem
 * @param reclaimable       the largest reclaimable copies, largest first
 */
public record HygieneFigures(double efficiency, long wastedBytes, double userWastedPercent, long reclaimableBytes,
        List<Reclaimable.Item> reclaimable) {

    /** How many reclaimable items report.json lists. */
    public static final int REPORTED_ITEMS = 20;

    /** The figures without the paths the analysis's {@link HygieneSettings} ignore, as the rules count them. */
    public static HygieneFigures of(ImageAnalysis analysis) {
        PathGlobs ignore = analysis.settings(HygieneSettings.class, HygieneSettings.DEFAULTS).ignorePaths();
        DiveEfficiency.Result dive = DiveEfficiency.of(analysis).result(ignore);
        List<Reclaimable.Item> items = Reclaimable.of(analysis).items(ignore);
        long reclaimable = items.stream().mapToLong(Reclaimable.Item::bytes).sum();
        return new HygieneFigures(dive.efficiency(), dive.wastedBytes(), dive.userWastedPercent(), reclaimable,
                List.copyOf(items.subList(0, Math.min(REPORTED_ITEMS, items.size()))));
    }
}
