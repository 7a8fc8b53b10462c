package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.LeftoverCaches;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Blame;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code noPackageCaches}: no package-manager or build cache, and no temporary files, in the final filesystem (apt
 * lists and archives, apk, dnf/yum, pip, npm, yarn, ~/.m2, ~/.gradle, /tmp, /var/tmp; see {@link LeftoverCaches}).
 * One finding per cache location holding more than the threshold, naming its files, layers and the fix. Once the
 * base image's layers are known, only the files the build's own layers added count.
 */
public final class NoPackageCachesRule extends Rule {
    public static final String ID = "noPackageCaches";

    private final ByteSize threshold;
    private final PathGlobs ignore;

    public NoPackageCachesRule(HygieneSettings hygiene) {
        super(ID, Level.WARN);
        this.threshold = hygiene.packageCacheThreshold();
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        long limit = threshold == null ? 0 : threshold.bytes();
        Blame blame = Blame.of(analysis);
        LeftoverCaches caches = LeftoverCaches.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        long total = 0;
        int count = 0;
        for (LeftoverCaches.Cache c : caches.caches(ignore, blame::counts)) {
            if (c.bytes() <= limit) {
                continue;
            }
            count++;
            total += c.bytes();
            LeftoverCaches.CacheFile top = c.largest().get(0);
            int layer = Text.mainLayer(c.bytesByLayer(), top.layer());
            breaches.add(Breach.atPath(c.location(), Text.bytes(c.bytes()) + " of " + c.kind().label() + " in "
                    + c.location() + " (" + Text.plural(c.files(), "file", "files") + ", largest " + top.path() + " "
                    + Text.bytes(top.bytes()) + ")" + (threshold == null ? "" : ", over the threshold of " + threshold)
                    + ", added by " + Text.layersWithBytes(analysis, c.bytesByLayer()) + ": " + c.kind().fix())
                    .inLayer(layer, blame.origin(layer)));
        }
        long inBase = 0;
        if (blame.excludesBase()) {
            for (LeftoverCaches.Cache c : caches.caches(ignore, l -> !blame.counts(l))) {
                inBase += c.bytes() > limit ? c.bytes() : 0;
            }
        }
        String limitText = threshold == null ? "" : " over " + threshold;
        String summary = (count == 0 ? "no caches" + limitText
                : Text.plural(count, "cache", "caches") + limitText + ", " + Text.bytes(total))
                + (inBase == 0 ? "" : blame.notCounted(Text.bytes(inBase) + " more"));
        return Outcome.of(summary, breaches);
    }
}
