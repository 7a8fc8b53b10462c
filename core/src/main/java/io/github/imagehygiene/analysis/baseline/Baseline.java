package io.github.imagehygiene.analysis.baseline;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What one platform of this image is compared with: the baseline's image of the same platform (its snapshot and its
 * findings), or, when the baseline has no image of that platform, nothing but the fact (a platform new in this image:
 * no diff, every finding new).
 *
 * @param location        what {@code baseline} named
 * @param kind            {@code report} (a report.json) or {@code image}
 * @param source          the baseline image as its report names it (or as named, for an image)
 * @param platform        this image's platform, the one looked for in the baseline
 * @param snapshot        the baseline's image of that platform; null when the baseline has none
 * @param platforms       every platform the baseline has, in its order
 * @param findings        its findings on that platform (not those its suppression file took out); none without it
 * @param newFindingsOnly whether only findings the baseline lacks fail the build
 * @param keys            how paths and Package URLs are matched: masked as report.json writes them, so that a
 *                        baseline given as its report and one given as the image give the same diff
 */
public record Baseline(String location, String kind, String source, String platform, Snapshot snapshot,
        List<String> platforms, List<BaselineFinding> findings, boolean newFindingsOnly, UnaryOperator<String> keys) {
    public Baseline {
        platforms = List.copyOf(platforms);
        findings = List.copyOf(findings);
        keys = keys == null ? UnaryOperator.identity() : keys;
    }

    /** Whether the baseline has an image of this platform to compare with. */
    public boolean hasPlatform() {
        return snapshot != null;
    }

    /**
     * "the baseline has no linux/arm/v6 image (it has linux/amd64, linux/arm64): a platform new in this image,
     * nothing to compare with, every finding new"; null when it has one.
     */
    public String missing() {
        if (hasPlatform()) {
            return null;
        }
        return "the baseline has no " + platform + " image (it has " + (platforms.isEmpty() ? "none"
                : String.join(", ", platforms)) + "): a platform new in this image, nothing to compare with, every"
                + " finding new";
    }
}
