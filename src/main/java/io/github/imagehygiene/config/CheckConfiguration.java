package io.github.imagehygiene.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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
        this.estimateCompressedSize = b.estimateCompressedSize;
        this.toolVersion = b.toolVersion;
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
