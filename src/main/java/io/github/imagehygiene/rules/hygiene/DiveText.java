package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;

/** The part of the dive rules' messages that names the paths stored more than once, and the fix. */
final class DiveText {
    static final String FIX = "delete or change files in the same RUN that creates them (a later layer only adds a"
            + " copy), set mode and owner when copying (COPY --chmod/--chown), and copy only what the image needs"
            + " (multi-stage build)";

    private DiveText() {
    }

    /** "largest: /root/saved.txt 12.8 KB in 2 copies (#8 (COPY ...), #14 (...)), /a 6.4 KB in 2 copies (#7, #8)". */
    static String largest(ImageAnalysis a, DiveEfficiency.Result r) {
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
