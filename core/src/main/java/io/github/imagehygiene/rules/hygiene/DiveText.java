package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.rules.Blame;

/**
 * What the dive rules share: the numbers they judge (the build's own layers once the base is known, see
 * {@link Blame}; else dive's over every layer) and the part of their messages that names the paths stored more than
 * once, and the fix.
 */
final class DiveText {
    static final String FIX = "delete or change files in the same RUN that creates them (a later layer only adds a"
            + " copy), set mode and owner when copying (COPY --chmod/--chown), and copy only what the image needs"
            + " (multi-stage build)";

    /**
     * The numbers a dive rule judges.
     *
     * @param result     dive's numbers over the layers that count
     * @param notCounted "; 102.4 KB more wasted in the base image's layers (#1-#4), not counted: ..." or ""
     * @param own        whether only the build's own layers count ("in your layers" in summaries)
     */
    record Measured(DiveEfficiency.Result result, String notCounted, boolean own) {
    }

    private DiveText() {
    }

    static Measured measure(ImageAnalysis a, PathGlobs ignore) {
        DiveEfficiency dive = DiveEfficiency.of(a);
        Blame blame = Blame.of(a);
        if (!blame.excludesBase()) {
            return new Measured(dive.result(ignore), "", false);
        }
        long inBase = dive.wastedBytesOnlyIn(l -> !blame.counts(l), ignore);
        return new Measured(dive.result(ignore, blame::counts),
                inBase == 0 ? "" : blame.notCounted(Text.bytes(inBase) + " more wasted"), true);
    }

    /**
     * What follows a dive rule's numbers: the largest paths, how much of the waste the base image's layers hold
     * alone, and the fix. Where the base's layers count (countBaseLayers, or no split known) and the waste is all
     * the base's, the base is what to change: this build's layers cannot remove it.
     */
    static String tail(ImageAnalysis a, Measured m, PathGlobs ignore, String ruleId) {
        DiveEfficiency.Result r = m.result();
        String largest = largest(a, r);
        if (m.own()) {
            return largest + "; " + FIX + m.notCounted();
        }
        BaseLayers base = BaseLayers.of(a);
        if (!base.known() || base.baseCount() == 0 || r.wastedBytes() == 0) {
            return largest + "; " + FIX;
        }
        long inBase = DiveEfficiency.of(a).wastedBytesOnlyIn(i -> base.origin(i) == Origin.BASE,
                ignore);
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

    /** "in your layers " when only the build's own layers count, else "". */
    static String scope(Measured m) {
        return m.own() ? " in your layers" : "";
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
