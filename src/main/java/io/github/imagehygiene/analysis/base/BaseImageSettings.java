package io.github.imagehygiene.analysis.base;

import java.nio.file.Path;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;

/**
 * What the base-image analysis needs besides the image, as plain values: attach them to an analysis before anything
 * asks for {@link BaseImage#of} ({@code ImageCheck} does, right after reading the image).
 *
 * @param baseImages known base images for the fingerprint: {@code [NAME=]LOCATION} or {@code NAME=sha256:…,…}
 *                   (see {@link KnownBase#parse}); never null
 * @param build      what the project's build configuration says; never null
 * @param eolData    a newer EOL table of the bundled format, or null for the bundled one
 * @param dockerHost the daemon for {@code docker://} known bases, or null
 */
public record BaseImageSettings(List<String> baseImages, BuildHints build, Path eolData, String dockerHost) {
    /** No build configuration, no known bases, the bundled EOL table. */
    public static final BaseImageSettings NONE = new BaseImageSettings(List.of(), BuildHints.NONE, null, null);

    public BaseImageSettings {
        baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
        build = build == null ? BuildHints.NONE : build;
    }

    /** Gives an analysis its settings; the first attached stay (call it before {@link BaseImage#of}). */
    public static void attach(ImageAnalysis analysis, BaseImageSettings settings) {
        analysis.derived(BaseImageSettings.class, a -> settings);
    }

    /** The settings attached to an analysis, else {@link #NONE}. */
    public static BaseImageSettings of(ImageAnalysis analysis) {
        return analysis.derived(BaseImageSettings.class, a -> NONE);
    }

    /** The EOL table: eolData when set, else the bundled one. */
    public EolTable eolTable() {
        return eolData == null ? EolTable.bundled() : EolTable.load(eolData);
    }
}
