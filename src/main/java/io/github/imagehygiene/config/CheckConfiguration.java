package io.github.imagehygiene.config;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.TimeLimit;
import io.github.imagehygiene.common.ByteSize;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.rules.security.SecuritySettings;
import io.github.imagehygiene.gate.SuppressionFile;
import io.github.imagehygiene.gate.Suppressions;
import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.Platform;

/**
 * Everything a check needs, validated: built from the plugin's parameters (or a test) by {@link Builder}, which
 * turns every bad value into a {@link ConfigurationException} naming the parameter.
 */
public final class CheckConfiguration {
    private final String image;
    private final Platform platform;
    private final String dockerHost;
    private final Path reportDirectory;
    private final ByteSize maxSize;
    private final ByteSize maxCompressedSize;
    private final ByteSize maxLayerSize;
    private final Integer maxLayers;
    private final Map<String, Level> levels;
    private final int threads;
    private final boolean estimateCompressedSize;
    private final String toolVersion;
    private final List<String> allowedBaseImages;
    private final Map<String, String> deniedBaseImages;
    private final String requirePinnedBase;
    private final List<String> allowedOperatingSystems;
    private final Integer eolWarningDays;
    private final String minJavaVersion;
    private final List<String> allowedJavaVendors;
    private final BaseImageSettings baseImageSettings;
    private final Map<String, String> deniedPackages;
    private final ByteSize maxPackageSize;
    private final boolean sbom;
    private final Double minEfficiency;
    private final ByteSize maxWastedBytes;
    private final Double maxWastedPercent;
    private final String maxReclaimable;
    private final ByteSize packageCacheThreshold;
    private final java.util.List<String> ignorePaths;
    private final java.time.Duration timeout;
    private final SecuritySettings security;
    private final Suppressions suppressions;
    private final Clock clock;

    private CheckConfiguration(Builder b) {
        if (b.image == null || b.image.isBlank()) {
            throw new ConfigurationException("No image to check: set <image> (imageHygiene.image)");
        }
        this.image = b.image.trim();
        if (b.platform != null && !b.platform.isBlank()) {
            this.platform = Platform.parse(b.platform);
            if (this.platform == null) {
                throw new ConfigurationException("Invalid value for platform: '" + b.platform
                        + "' is not os/architecture[/variant], e.g. linux/amd64 or linux/arm/v7");
            }
        } else {
            this.platform = null;
        }
        this.dockerHost = b.dockerHost;
        this.reportDirectory = b.reportDirectory;
        this.maxSize = size("maxSize", b.maxSize);
        this.maxCompressedSize = size("maxCompressedSize", b.maxCompressedSize);
        this.maxLayerSize = size("maxLayerSize", b.maxLayerSize);
        if (b.maxLayers != null && b.maxLayers < 1) {
            throw new ConfigurationException("Invalid value for maxLayers: " + b.maxLayers + "; it must be at least 1");
        }
        this.maxLayers = b.maxLayers;
        Map<String, Level> parsed = new TreeMap<>();
        for (Map.Entry<String, String> e : b.levels.entrySet()) {
            Level level = Level.parse(e.getValue());
            if (level == null) {
                throw new ConfigurationException("Invalid level for rule " + e.getKey() + ": '" + e.getValue()
                        + "'; use ERROR, WARN or OFF");
            }
            parsed.put(e.getKey(), level);
        }
        this.levels = Collections.unmodifiableMap(parsed);
        if (b.threads < 1) {
            throw new ConfigurationException("Invalid value for threads: " + b.threads + "; it must be at least 1");
        }
        this.threads = b.threads;
        this.timeout = TimeLimit.parse("timeout", b.timeout);
        this.estimateCompressedSize = b.estimateCompressedSize;
        this.toolVersion = b.toolVersion;
        this.allowedBaseImages = b.allowedBaseImages;
        this.deniedBaseImages = b.deniedBaseImages;
        this.requirePinnedBase = b.requirePinnedBase;
        this.allowedOperatingSystems = b.allowedOperatingSystems;
        this.eolWarningDays = b.eolWarningDays;
        this.minJavaVersion = b.minJavaVersion;
        this.allowedJavaVendors = b.allowedJavaVendors;
        this.baseImageSettings = new BaseImageSettings(b.baseImages, b.buildHints, b.eolData, b.dockerHost);
        this.clock = b.clock;
        this.deniedPackages = b.deniedPackages == null ? Map.of() : Collections.unmodifiableMap(b.deniedPackages);
        this.maxPackageSize = size("maxPackageSize", b.maxPackageSize);
        this.sbom = b.sbom;
        this.minEfficiency = b.minEfficiency;
        this.maxWastedBytes = size("maxWastedBytes", b.maxWastedBytes);
        this.maxWastedPercent = b.maxWastedPercent;
        this.maxReclaimable = b.maxReclaimable;
        this.packageCacheThreshold = size("packageCacheThreshold", b.packageCacheThreshold);
        this.ignorePaths = b.ignorePaths == null ? java.util.List.of() : java.util.List.copyOf(b.ignorePaths);
        // Security findings say whether they are in the base image's layers or the user's.
        this.security = b.security.baseLayers(a -> {
            BaseLayers layers = BaseLayers.of(a);
            return i -> layers.origin(i) == BaseLayers.Origin.BASE;
        }).baseReference(a -> BaseImage.of(a).name()).build();
        this.suppressions = b.suppressionFile != null ? SuppressionFile.load(b.suppressionFile)
                : b.projectDirectory != null ? SuppressionFile.find(b.projectDirectory).map(SuppressionFile::load)
                        .orElse(Suppressions.NONE)
                : Suppressions.NONE;
    }

    public List<String> allowedBaseImages() {
        return allowedBaseImages;
    }

    public Map<String, String> deniedBaseImages() {
        return deniedBaseImages;
    }

    public String requirePinnedBase() {
        return requirePinnedBase;
    }

    public List<String> allowedOperatingSystems() {
        return allowedOperatingSystems;
    }

    public Integer eolWarningDays() {
        return eolWarningDays;
    }

    public String minJavaVersion() {
        return minJavaVersion;
    }

    public List<String> allowedJavaVendors() {
        return allowedJavaVendors;
    }

    public BaseImageSettings baseImageSettings() {
        return baseImageSettings;
    }

    public Clock clock() {
        return clock;
    }


    /** Denied package patterns (purl or name globs, optional Maven version range) → reason, in the user's order. */
    public Map<String, String> deniedPackages() {
        return deniedPackages;
    }

    public ByteSize maxPackageSize() {
        return maxPackageSize;
    }

    /** Whether to write sbom.cdx.json. */
    public boolean sbom() {
        return sbom;
    }

    /** dive's lowest efficiency, 0-1, or null for no minimum. */
    public Double minEfficiency() {
        return minEfficiency;
    }

    public ByteSize maxWastedBytes() {
        return maxWastedBytes;
    }

    /** dive's highest user wasted share, a fraction, or null for no maximum. */
    public Double maxWastedPercent() {
        return maxWastedPercent;
    }

    /** A size ("50MB") or a share ("5%"), or null. */
    public String maxReclaimable() {
        return maxReclaimable;
    }

    public ByteSize packageCacheThreshold() {
        return packageCacheThreshold;
    }

    /** Globs of image paths the layer-hygiene rules leave out; never null. */
    public java.util.List<String> ignorePaths() {
        return ignorePaths;
    }

    /** The wall-clock limit of reading the image, or null for none. */
    public java.time.Duration timeout() {
        return timeout;
    }

    /** The security rules' settings (accepted keys, allow-lists, assertions). */
    public SecuritySettings security() {
        return security;
    }

    /** The suppression file's entries, or none. */
    public Suppressions suppressions() {
        return suppressions;
    }

    private static ByteSize size(String parameter, String value) {
        return value == null || value.isBlank() ? null : ByteSize.parse(parameter, value);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The archive path, layout folder (optionally PATH:TAG) or docker:// reference. */
    public String image() {
        return image;
    }

    /** The platform to pick from a multi-platform index, or null. */
    public Platform platform() {
        return platform;
    }

    public String dockerHost() {
        return dockerHost;
    }

    /** Where report.json goes; null writes no report. */
    public Path reportDirectory() {
        return reportDirectory;
    }

    public ByteSize maxSize() {
        return maxSize;
    }

    public ByteSize maxCompressedSize() {
        return maxCompressedSize;
    }

    public ByteSize maxLayerSize() {
        return maxLayerSize;
    }

    public Integer maxLayers() {
        return maxLayers;
    }

    /** Rule id → level, as the user set them. */
    public Map<String, Level> levels() {
        return levels;
    }

    public int threads() {
        return threads;
    }

    public boolean estimateCompressedSize() {
        return estimateCompressedSize;
    }

    public String toolVersion() {
        return toolVersion;
    }

    /** Collects raw parameter values; {@link #build()} validates them. */
    public static final class Builder {
        private String image;
        private String platform;
        private String dockerHost;
        private Path reportDirectory;
        private String maxSize;
        private String maxCompressedSize;
        private String maxLayerSize;
        private Integer maxLayers;
        private Map<String, String> levels = Map.of();
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean estimateCompressedSize = true;
        private String toolVersion = "dev";
        private List<String> allowedBaseImages;
        private Map<String, String> deniedBaseImages;
        private String requirePinnedBase;
        private List<String> allowedOperatingSystems;
        private Integer eolWarningDays;
        private String minJavaVersion;
        private List<String> allowedJavaVendors;
        private List<String> baseImages;
        private BuildHints buildHints;
        private Path eolData;
        private Clock clock = Clock.systemDefaultZone();
        private Map<String, String> deniedPackages;
        private String maxPackageSize;
        private boolean sbom = true;
        // dive's CI defaults (MinEfficiencyRule.DEFAULT_MINIMUM, MaxWastedPercentRule.DEFAULT_MAXIMUM)
        private Double minEfficiency = 0.9;
        private String maxWastedBytes;
        private Double maxWastedPercent = 0.1;
        private String maxReclaimable;
        private String packageCacheThreshold;
        private java.util.List<String> ignorePaths;
        private final SecuritySettings.Builder security = SecuritySettings.builder();
        private String timeout = "30m";

        /** {@code 30m}, {@code 90s}, {@code 1h30m}, {@code PT30M}; {@code 0} for none. Default 30 minutes. */
        public Builder timeout(String v) {
            timeout = v;
            return this;
        }
        private Path suppressionFile;
        private Path projectDirectory;

        public Builder security(java.util.function.Consumer<SecuritySettings.Builder> settings) {
            settings.accept(security);
            return this;
        }

        /** The suppression file; null looks for the default names in {@link #projectDirectory(Path)}. */
        public Builder suppressionFile(Path v) {
            suppressionFile = v;
            return this;
        }

        public Builder projectDirectory(Path v) {
            projectDirectory = v;
            return this;
        }

        public Builder minEfficiency(Double v) {
            minEfficiency = v;
            return this;
        }

        public Builder maxWastedBytes(String v) {
            maxWastedBytes = v;
            return this;
        }

        public Builder maxWastedPercent(Double v) {
            maxWastedPercent = v;
            return this;
        }

        public Builder maxReclaimable(String v) {
            maxReclaimable = v;
            return this;
        }

        public Builder packageCacheThreshold(String v) {
            packageCacheThreshold = v;
            return this;
        }

        public Builder ignorePaths(java.util.List<String> v) {
            ignorePaths = v;
            return this;
        }

        public Builder deniedPackages(Map<String, String> v) {
            deniedPackages = v;
            return this;
        }

        public Builder maxPackageSize(String v) {
            maxPackageSize = v;
            return this;
        }

        public Builder sbom(boolean v) {
            sbom = v;
            return this;
        }

        public Builder allowedBaseImages(List<String> v) {
            allowedBaseImages = v;
            return this;
        }

        public Builder deniedBaseImages(Map<String, String> v) {
            deniedBaseImages = v;
            return this;
        }

        public Builder requirePinnedBase(String v) {
            requirePinnedBase = v;
            return this;
        }

        public Builder allowedOperatingSystems(List<String> v) {
            allowedOperatingSystems = v;
            return this;
        }

        public Builder eolWarningDays(Integer v) {
            eolWarningDays = v;
            return this;
        }

        public Builder minJavaVersion(String v) {
            minJavaVersion = v;
            return this;
        }

        public Builder allowedJavaVendors(List<String> v) {
            allowedJavaVendors = v;
            return this;
        }

        public Builder baseImages(List<String> v) {
            baseImages = v;
            return this;
        }

        public Builder buildHints(BuildHints v) {
            buildHints = v;
            return this;
        }

        public Builder eolData(Path v) {
            eolData = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        private Builder() {
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder platform(String v) {
            platform = v;
            return this;
        }

        public Builder dockerHost(String v) {
            dockerHost = v;
            return this;
        }

        public Builder reportDirectory(Path v) {
            reportDirectory = v;
            return this;
        }

        public Builder maxSize(String v) {
            maxSize = v;
            return this;
        }

        public Builder maxCompressedSize(String v) {
            maxCompressedSize = v;
            return this;
        }

        public Builder maxLayerSize(String v) {
            maxLayerSize = v;
            return this;
        }

        public Builder maxLayers(Integer v) {
            maxLayers = v;
            return this;
        }

        public Builder levels(Map<String, String> v) {
            levels = v == null ? Map.of() : v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder estimateCompressedSize(boolean v) {
            estimateCompressedSize = v;
            return this;
        }

        public Builder toolVersion(String v) {
            toolVersion = v;
            return this;
        }

        public CheckConfiguration build() {
            return new CheckConfiguration(this);
        }
    }
}
