package io.github.imagehygiene.hygiene;

import java.util.List;

import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.common.ByteSize;

import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.rules.hygiene.HistoryLintRule;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;
import io.github.imagehygiene.rules.hygiene.MaxReclaimableRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedBytesRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedPercentRule;
import io.github.imagehygiene.rules.hygiene.MinEfficiencyRule;
import io.github.imagehygiene.rules.hygiene.NoBuildToolsRule;
import io.github.imagehygiene.rules.hygiene.NoPackageCachesRule;

/**
 * The hygiene rules made from one setting each, the others unset: the rules take the topic's record, the tests
 * speak of one limit at a time.
 */
final class HygieneRules {
    private HygieneRules() {
    }

    private static HygieneSettings with(Double minEfficiency, ByteSize maxWastedBytes, Double maxWastedPercent,
            String maxReclaimable, ByteSize packageCacheThreshold, List<String> ignore) {
        return new HygieneSettings(minEfficiency, maxWastedBytes, maxWastedPercent,
                SizeLimit.parse("maxReclaimable", maxReclaimable), packageCacheThreshold, PathGlobs.of(ignore));
    }

    static MinEfficiencyRule minEfficiency(Double minimum) {
        return minEfficiency(minimum, List.of());
    }

    static MinEfficiencyRule minEfficiency(Double minimum, List<String> ignore) {
        return new MinEfficiencyRule(with(minimum, null, null, null, null, ignore));
    }

    static MaxWastedBytesRule maxWastedBytes(ByteSize budget) {
        return maxWastedBytes(budget, List.of());
    }

    static MaxWastedBytesRule maxWastedBytes(ByteSize budget, List<String> ignore) {
        return new MaxWastedBytesRule(with(null, budget, null, null, null, ignore));
    }

    static MaxWastedPercentRule maxWastedPercent(Double maximum) {
        return maxWastedPercent(maximum, List.of());
    }

    static MaxWastedPercentRule maxWastedPercent(Double maximum, List<String> ignore) {
        return new MaxWastedPercentRule(with(null, null, maximum, null, null, ignore));
    }

    static MaxReclaimableRule maxReclaimable(String limit) {
        return maxReclaimable(limit, List.of());
    }

    static MaxReclaimableRule maxReclaimable(String limit, List<String> ignore) {
        return new MaxReclaimableRule(with(null, null, null, limit, null, ignore));
    }

    static NoPackageCachesRule noPackageCaches(ByteSize threshold) {
        return noPackageCaches(threshold, List.of());
    }

    static NoPackageCachesRule noPackageCaches(ByteSize threshold, List<String> ignore) {
        return new NoPackageCachesRule(with(null, null, null, null, threshold, ignore));
    }

    static HistoryLintRule historyLint() {
        return historyLint(List.of());
    }

    static HistoryLintRule historyLint(List<String> ignore) {
        return new HistoryLintRule(with(null, null, null, null, null, ignore));
    }

    static NoBuildToolsRule noBuildTools() {
        return noBuildTools(List.of());
    }

    static NoBuildToolsRule noBuildTools(List<String> ignore) {
        return new NoBuildToolsRule(with(null, null, null, null, null, ignore));
    }

    static JavaLayeringRule javaLayering() {
        return javaLayering(List.of());
    }

    static JavaLayeringRule javaLayering(List<String> ignore) {
        return new JavaLayeringRule(with(null, null, null, null, null, ignore));
    }
}
