package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.LeftoverCaches;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code noPackageCaches}: no package-manager or build cache, and no temporary files, in the final filesystem (apt
 * lists and archives, apk, dnf/yum, pip, npm, yarn, ~/.m2, ~/.gradle, /tmp, /var/tmp; see {@link LeftoverCaches}).
 * One finding per cache location holding more than the threshold, naming its files, layers and the fix.
 */
public final class NoPackageCachesRule implements Rule {
    public static final String ID = "noPackageCaches";

    private final ByteSize threshold;
    private final PathGlobs ignore;

    /** @param threshold bytes a cache location may hold; null for 0 (any byte counts) */
    public NoPackageCachesRule(ByteSize threshold) {
        this(threshold, List.of());
    }

    /**
     * @param threshold   bytes a cache location may hold; null for 0 (any byte counts)
     * @param ignorePaths globs of paths not counted
     */
    public NoPackageCachesRule(ByteSize threshold, List<String> ignorePaths) {
        this.threshold = threshold;
        this.ignore = PathGlobs.of(ignorePaths);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.WARN;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        long limit = threshold == null ? 0 : threshold.bytes();
        List<String> breaches = new ArrayList<>();
        long total = 0;
        int count = 0;
        for (LeftoverCaches.Cache c : LeftoverCaches.of(analysis).caches(ignore)) {
            if (c.bytes() <= limit) {
                continue;
            }
            count++;
            total += c.bytes();
            LeftoverCaches.CacheFile top = c.largest().get(0);
            breaches.add(Text.bytes(c.bytes()) + " of " + c.kind().label() + " in " + c.location() + " ("
                    + Text.plural(c.files(), "file", "files") + ", largest " + top.path() + " "
                    + Text.bytes(top.bytes()) + ")" + (threshold == null ? "" : ", over the threshold of " + threshold)
                    + ", added by " + Text.layersWithBytes(analysis, c.bytesByLayer()) + ": " + c.kind().fix());
        }
        String limitText = threshold == null ? "" : " over " + threshold;
        String summary = count == 0 ? "no caches" + limitText
                : Text.plural(count, "cache", "caches") + limitText + ", " + Text.bytes(total);
        return RuleOutcome.of(summary, breaches);
    }
}
