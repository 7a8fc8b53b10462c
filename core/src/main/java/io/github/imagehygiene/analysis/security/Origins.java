package io.github.imagehygiene.analysis.security;

import java.util.List;
import java.util.function.IntPredicate;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.image.ImageConfig;

/**
 * Whose a layer or a history entry is: the base image's or the image's own. Which layers are the base's is told by
 * an {@link IntPredicate} over 1-based layer indexes (the base-image analysis knows); while nothing tells where the
 * base ends, every layer and entry is {@link Origin#UNKNOWN}, so that no message claims an owner it cannot tell (the
 * rules still count such a layer as the build's).
 *
 * <p>A history entry (an ENV, LABEL, USER or RUN) is the base's when it comes at or before the history entry of the
 * last base layer. Instructions after the base's last layer but before the image's first own layer cannot be told
 * apart (the base's trailing ENV and CMD, your first ENV): they count as your own, the side that can change them.
 */
public final class Origins {
    /** No layer is the base's. */
    public static final IntPredicate NO_BASE = layer -> false;

    /** The origins of an analysed image, by the base-image analysis's split (no layer the base's while unknown). */
    public static Origins of(ImageAnalysis analysis) {
        return analysis.derived(Origins.class, a -> {
            BaseLayers base = BaseLayers.of(a);
            return new Origins(a.image().config(), a.layers().size(),
                    base.known() ? i -> base.origin(i) == Origin.BASE : null);
        });
    }

    private final IntPredicate isBaseLayer;
    private final boolean known;
    private final List<HistoryEntry> history;
    private final int lastBaseHistory;

    /**
     * @param config      the image config (its history)
     * @param layers      the number of layers
     * @param isBaseLayer whether a 1-based layer index is the base image's; null when nothing tells
     */
    public Origins(ImageConfig config, int layers, IntPredicate isBaseLayer) {
        this.known = isBaseLayer != null;
        this.isBaseLayer = isBaseLayer == null ? NO_BASE : isBaseLayer;
        this.history = config == null ? List.of() : config.history();
        int lastBase = 0;
        for (int i = 1; i <= layers; i++) {
            if (this.isBaseLayer.test(i)) {
                lastBase = i;
            }
        }
        int at = -1;
        int layer = 0;
        for (int h = 0; h < history.size() && lastBase > 0; h++) {
            if (!history.get(h).emptyLayer()) {
                layer++;
                if (layer == lastBase) {
                    at = h;
                    break;
                }
            }
        }
        this.lastBaseHistory = at;
    }

    /** The origin of a 1-based layer. */
    public Origin ofLayer(int layer) {
        return !known ? Origin.UNKNOWN : isBaseLayer.test(layer) ? Origin.BASE : Origin.OWN;
    }

    /** The origin of a 0-based history entry. */
    public Origin ofHistory(int index) {
        return !known ? Origin.UNKNOWN : index >= 0 && index <= lastBaseHistory ? Origin.BASE : Origin.OWN;
    }

    /** The layer a 0-based history entry made, 1-based; 0 for an entry that made none (ENV, USER...). */
    public int layerOfHistory(int index) {
        if (index < 0 || index >= history.size() || history.get(index).emptyLayer()) {
            return 0;
        }
        int layer = 0;
        for (int h = 0; h <= index; h++) {
            if (!history.get(h).emptyLayer()) {
                layer++;
            }
        }
        return layer;
    }

    public List<HistoryEntry> history() {
        return history;
    }

    /**
     * The last history entry (0-based) whose instruction is {@code instruction} ("USER", "VOLUME", "HEALTHCHECK")
     * and whose text contains {@code needle} (may be empty); -1 when none.
     */
    public int lastInstruction(String instruction, String needle) {
        for (int h = history.size() - 1; h >= 0; h--) {
            String text = instructionText(history.get(h).createdBy());
            if ((text.startsWith(instruction + " ") || text.equals(instruction)) && text.contains(needle)) {
                return h;
            }
        }
        return -1;
    }

    /** "ENV A=b" from "/bin/sh -c #(nop)  ENV A=b"; a RUN from a shell form as "RUN ..."; else the text stripped. */
    public static String instructionText(String createdBy) {
        String s = createdBy == null ? "" : createdBy.strip();
        if (s.startsWith("/bin/sh -c #(nop)")) {
            return s.substring("/bin/sh -c #(nop)".length()).strip();
        }
        if (s.startsWith("/bin/sh -c ")) {
            return "RUN " + s.substring("/bin/sh -c ".length()).strip();
        }
        return s;
    }
}
