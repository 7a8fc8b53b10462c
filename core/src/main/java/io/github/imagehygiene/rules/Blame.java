package io.github.imagehygiene.rules;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.base.BaseLayers;

/**
 * What the build controls: once the base image's layers are known, the rules that judge a build's own work (waste,
 * caches, build tools, layering, setuid, world-writable and stray files) count only the layers above them, and say
 * how much more the base holds ("3.1 MB more in the base image's layers (#1-#4), not counted: choose a leaner
 * base"). {@code countBaseLayers} counts everything; while no evidence tells where the base ends, everything counts.
 */
public final class Blame {
    private final BaseLayers layers;
    private final boolean excludesBase;

    private Blame(BaseLayers layers, boolean countBaseLayers) {
        this.layers = layers;
        this.excludesBase = !countBaseLayers && layers.known() && layers.baseCount() > 0;
    }

    public static Blame of(ImageAnalysis analysis) {
        return new Blame(BaseLayers.of(analysis),
                analysis.settings(BaseImageSettings.class, BaseImageSettings.NONE).countBaseLayers());
    }

    /** Whether what the 1-based layer added counts; layer 0 (none known) always does. */
    public boolean counts(int layer) {
        return !excludesBase || layer < 1 || layer > layers.baseCount();
    }

    /** Whether the base's layers are left out: the base is known, has layers, and countBaseLayers is false. */
    public boolean excludesBase() {
        return excludesBase;
    }

    /** How many bottom layers are the base's; -1 when unknown. */
    public int baseCount() {
        return layers.baseCount();
    }

    /** Whose the layer is. */
    public Origin origin(int layer) {
        return layers.origin(layer);
    }

    /** "#1" or "#1-#4": the base's layers. */
    public String baseLayers() {
        return layers.baseCount() == 1 ? "#1" : "#1-#" + layers.baseCount();
    }

    /**
     * "; 3.1 MB more in the base image's layers (#1-#4), not counted: choose a leaner base" for {@code what} "3.1 MB
     * more"; "" when {@code what} is null (nothing was left out).
     */
    public String notCounted(String what) {
        return what == null ? "" : "; " + what + " in the base image's layers (" + baseLayers()
                + "), not counted: choose a leaner base";
    }
}
