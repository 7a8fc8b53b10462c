package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;

/** The part of the dive rules' messages that names the paths stored more than once, and the fix. */
final class DiveText {
    static final String FIX = "delete or change files in the same RUN that creates them (a later layer only adds a"
            + " copy), set mode and owner when copying (COPY --chmod/--chown), and copy only what the image needs"
            + " (multi-stage build)";

    private DiveText() {
    }

    /**
     * What follows a dive rule's numbers: the largest paths, how much of the waste the base image's layers hold
     * alone (when the base layers are known), and the fix: for waste that is all the base's, the base is what to
     * change (this build's layers cannot remove it).
     */
    static String tail(ImageAnalysis a, DiveEfficiency.Result r, PathGlobs ignore, String ruleId) {
        String largest = largest(a, r);
        BaseLayers base = BaseLayers.of(a);
        if (!base.known() || base.baseCount() == 0 || r.wastedBytes() == 0) {
            return largest + "; " + FIX;
        }
        long inBase = DiveEfficiency.of(a).wastedBytesOnlyIn(i -> base.origin(i) == BaseLayers.Origin.BASE, ignore);
        if (inBase == 0) {
            return largest + "; " + FIX;
        }
        String layers = base.baseCount() == 1 ? "#1" : "#1-#" + base.baseCount();
        if (inBase == r.wastedBytes()) {
            return largest + "; all of it is in paths only the base image's layers (" + layers + ") store, which this"
                    + " build cannot remove: choose a leaner base image, or set " + ruleId + " to WARN in <levels>";
        }
        return largest + "; " + Text.bytes(inBase) + " of it is in paths only the base image's layers (" + layers
                + ") store; " + FIX;
    }

    /** "largest: /root/saved.txt 12.8 KB in 2 copies (#8 (COPY ...), #14 (...)), /a 6.4 KB in 2 copies (#7, #8)". */
    private static String largest(ImageAnalysis a, DiveEfficiency.Result r) {
        List<String> parts = new ArrayList<>();
        List<DiveEfficiency.Inefficiency> list = r.inefficiencies();
        for (int i = 0; i < Math.min(3, list.size()); i++) {
            DiveEfficiency.Inefficiency x = list.get(i);
            List<String> layers = new ArrayList<>();
            for (int layer : x.layers()) {
                layers.add(i == 0 ? Text.layer(a, layer) : "#" + layer);
            }
            parts.add(x.path() + " " + Text.bytes(x.bytes()) + " in " + x.copies() + " copies ("
                    + String.join(", ", layers) + ")");
        }
        if (r.inefficientPaths() > 3) {
            parts.add(Text.plural(r.inefficientPaths() - 3, "more path", "more paths"));
        }
        return parts.isEmpty() ? "" : "; largest: " + String.join(", ", parts);
    }
}
