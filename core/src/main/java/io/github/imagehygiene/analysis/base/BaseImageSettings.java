package io.github.imagehygiene.analysis.base;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.image.Platform;

/**
 * The base-image topic's settings, validated when made: a {@code baseImages} entry that is malformed or names a file
 * that does not exist, and an {@code eolData} table that cannot be read, fail here, before any layer is read. The
 * check gives them to the analysis it builds; {@link BaseImage#of} reads them from there.
 */
public final class BaseImageSettings {
    /** No build configuration, no known bases, the bundled EOL table, base layers not counted. */
    public static final BaseImageSettings NONE = new BaseImageSettings(List.of(), BuildHints.NONE, null, null, false);

    private final List<String> baseImages;
    private final BuildHints build;
    private final Path eolData;
    private final String dockerHost;
    private final boolean countBaseLayers;
    private final EolTable eolTable;
    private final Dockerfiles.Base dockerfileBase;

    /**
     * @param baseImages      known base images for the fingerprint: {@code [NAME=]LOCATION} or
     *                        {@code NAME=sha256:…,…} (see {@link KnownBase#parse}); null for none
     * @param build           what the project's build configuration says; null for nothing
     * @param eolData         a newer EOL table of the bundled format, or null for the bundled one
     * @param dockerHost      the daemon for {@code docker://} known bases, or null
     * @param countBaseLayers whether the rules that judge what the build controls also count the base image's
     *                        layers (by default they count only the layers above a known base)
     * @throws io.github.imagehygiene.common.ConfigurationException naming the bad entry or file
     */
    public BaseImageSettings(List<String> baseImages, BuildHints build, Path eolData, String dockerHost,
            boolean countBaseLayers) {
        this.build = build == null ? BuildHints.NONE : build;
        this.baseImages = baseImages == null ? List.of() : List.copyOf(baseImages);
        for (String entry : this.baseImages) {
            KnownBase.check(entry, this.build.basedir());
        }
        this.eolData = eolData;
        this.dockerHost = dockerHost;
        this.countBaseLayers = countBaseLayers;
        this.eolTable = eolData == null ? EolTable.bundled() : EolTable.load(eolData);
        // a Dockerfile that cannot be read fails here, with the settings, not after the layers
        this.dockerfileBase = this.build.dockerfile() == null ? null : Dockerfiles.finalBase(this.build.dockerfile());
    }

    /** The same, base layers not counted by the rules that judge the build's own work. */
    public BaseImageSettings(List<String> baseImages, BuildHints build, Path eolData, String dockerHost) {
        this(baseImages, build, eolData, dockerHost, false);
    }

    public List<String> baseImages() {
        return baseImages;
    }

    public BuildHints build() {
        return build;
    }

    public Path eolData() {
        return eolData;
    }

    public String dockerHost() {
        return dockerHost;
    }

    /** Whether the base image's layers count for the rules that judge what the build controls. */
    public boolean countBaseLayers() {
        return countBaseLayers;
    }

    /** The final stage's base of the configured Dockerfile, read when the settings were made; null without one. */
    public Dockerfiles.Base dockerfileBase() {
        return dockerfileBase;
    }

    /** The EOL table: eolData when set, else the bundled one; read when the settings were made. */
    public EolTable eolTable() {
        return eolTable;
    }

    /**
     * Reads the metadata of every {@code baseImages} entry (never a layer), for the image's platform; the check does
     * it right after resolving the image, so that an unreadable base fails before the layers are read.
     */
    public KnownBases readKnownBases(Platform platform) {
        List<KnownBase> known = new ArrayList<>();
        for (String entry : baseImages) {
            known.add(KnownBase.parse(entry, build.basedir(), dockerHost, platform));
        }
        // Jib's tar:// base is an archive too: read with the others
        KnownBase jibTar = null;
        String jib = build.jibFromImage();
        if (jib != null && jib.startsWith(TAR_PREFIX)) {
            jibTar = KnownBase.read(null, jib.substring(TAR_PREFIX.length()), build.basedir(), dockerHost, platform,
                    (build.jibFromImageSource() != null ? build.jibFromImageSource() : BuildHints.JIB_PLUGIN) + " "
                            + jib);
        }
        return new KnownBases(known, jibTar);
    }

    /** How Jib names a base image archive: {@code tar:///path/base.tar}. */
    static final String TAR_PREFIX = "tar://";

    /**
     * The {@code baseImages} entries, read: what the check hands the analysis.
     *
     * @param bases  in the order of the entries
     * @param jibTar Jib's {@code tar://} base, read; null when Jib names none
     */
    public record KnownBases(List<KnownBase> bases, KnownBase jibTar) {
        public KnownBases {
            bases = List.copyOf(bases);
        }
    }
}
