package io.github.imagehygiene.layer;

import java.nio.file.Path;

import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.UserCache;

/**
 * Where the {@link LayerCache} keeps what layer scans found, and how much of it, validated.
 *
 * @param folder  the cache folder, or null when the cache is off ({@value #NONE_VALUE})
 * @param maxSize the most bytes of cache files kept; the least recently used go first beyond it
 */
public record LayerCacheSettings(Path folder, long maxSize) {
    public static final String PARAMETER = "layerCache";
    public static final String MAX_SIZE = "layerCacheMaxSize";
    /** The value that turns the cache off. */
    public static final String NONE_VALUE = "none";
    public static final String DEFAULT_MAX_SIZE = "2GB";
    /** No cache: every layer is read. */
    public static final LayerCacheSettings NONE = new LayerCacheSettings(null, 0);

    public LayerCacheSettings {
        if (folder != null && maxSize < 1) {
            throw new ConfigurationException("Invalid value for " + MAX_SIZE + ": " + maxSize
                    + "; give a size such as 2GB or 500MB");
        }
    }

    /** {@code ~/.cache/image-hygiene/layers}. */
    public static Path defaultFolder() {
        return UserCache.defaultFolder("layers");
    }

    /**
     * From the parameters as written.
     *
     * @param folder  a folder ({@code ~/...} allowed), {@value #NONE_VALUE} for no cache, or null/blank for
     *                {@link #defaultFolder()}
     * @param maxSize a size ({@code 2GB}, {@code 500MiB}), or null/blank for {@value #DEFAULT_MAX_SIZE}
     * @throws ConfigurationException naming the parameter
     */
    public static LayerCacheSettings parse(String folder, String maxSize) {
        long max = ByteSize.parse(MAX_SIZE, maxSize == null || maxSize.isBlank() ? DEFAULT_MAX_SIZE : maxSize)
                .bytes();
        if (folder != null && folder.strip().equalsIgnoreCase(NONE_VALUE)) {
            return NONE;
        }
        return new LayerCacheSettings(UserCache.folder(PARAMETER, folder, defaultFolder()), max);
    }

    public boolean enabled() {
        return folder != null;
    }
}
