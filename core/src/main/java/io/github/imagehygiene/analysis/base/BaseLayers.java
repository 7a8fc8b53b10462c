package io.github.imagehygiene.analysis.base;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.Origin;

/**
 * Which layers are the base image's and which the image's own: by fingerprint (the known base's diff_ids are the
 * image's bottom layers), else from the build ({@code scratch}: none are the base's), else by history (Jib's own
 * layers on top; the final stage of the Dockerfile matched against the history), else unknown. Every rule can so
 * say "in the base image" or "in your layers".
 */
public final class BaseLayers {
    private final int layers;
    private final int baseCount;
    private final Method method;
    private final String detail;

    /** How the split was found. */
    public enum Method {
        FINGERPRINT("fingerprint"), SCRATCH("scratch base"), HISTORY("history"), UNKNOWN("unknown");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        /** As report.json and messages name it. */
        public String id() {
            return id;
        }
    }

    BaseLayers(int layers, int baseCount, Method method, String detail) {
        this.layers = layers;
        this.baseCount = method == Method.UNKNOWN ? -1 : baseCount;
        this.method = method;
        this.detail = detail;
    }

    static BaseLayers unknown(int layers) {
        return new BaseLayers(layers, -1, Method.UNKNOWN, "no fingerprint, build or history tells");
    }

    /** The split of an analysed image (the base-image analysis, computed once). */
    public static BaseLayers of(ImageAnalysis analysis) {
        return BaseImage.of(analysis).layers();
    }

    /** Whose the layer is; {@code index} is 1-based. */
    public Origin origin(int index) {
        if (baseCount < 0 || index < 1 || index > layers) {
            return Origin.UNKNOWN;
        }
        return index <= baseCount ? Origin.BASE : Origin.OWN;
    }

    /** report.json's {@code layers[].base}: true, false, or null when unknown. */
    public Boolean isBase(int index) {
        Origin o = origin(index);
        return o == Origin.UNKNOWN ? null : o == Origin.BASE;
    }

    /** The console table's column: {@code base}, {@code own} or {@code ?}. */
    public String column(int index) {
        Origin o = origin(index);
        return o == Origin.BASE ? "base" : o == Origin.OWN ? "own" : "?";
    }

    /** "in the base image", "in your layers", or "" when unknown. */
    public String where(int index) {
        return origin(index).where();
    }

    /** How many bottom layers are the base's; -1 when unknown. */
    public int baseCount() {
        return baseCount;
    }

    public int layerCount() {
        return layers;
    }

    public boolean known() {
        return baseCount >= 0;
    }

    public Method method() {
        return method;
    }

    /** What the method saw, for messages. */
    public String detail() {
        return detail;
    }

    /** "layers 1-3 of 6 (fingerprint)", "no base layers (scratch base)", "unknown". */
    public String describe() {
        if (baseCount < 0) {
            return "base layers unknown";
        }
        String which = baseCount == 0 ? "no base layers" : baseCount == 1 ? "layer 1 of " + layers
                : "layers 1-" + baseCount + " of " + layers;
        return which + " (" + method.id() + ")";
    }
}
