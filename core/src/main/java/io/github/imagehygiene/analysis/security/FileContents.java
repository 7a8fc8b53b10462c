package io.github.imagehygiene.analysis.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Keeps the text of chosen files (those whose content the user asserts), read as UTF-8, during the layer pass. Every
 * layer's copy is kept (each at most {@link #maxSize()} bytes); the final filesystem tells which one is visible.
 */
public final class FileContents implements ContentCollector<String> {
    public static final String ID = "security.fileContents";

    private final Set<String> paths;
    private final long maxSize;

    /**
     * @param paths   absolute, normalised paths
     * @param maxSize larger files are not read
     */
    public FileContents(Set<String> paths, long maxSize) {
        this.paths = Set.copyOf(paths);
        this.maxSize = maxSize;
    }

    @Override
    public String id() {
        return ID;
    }

    public long maxSize() {
        return maxSize;
    }

    public Set<String> paths() {
        return paths;
    }

    /** The paths and the size limit: what decides which files are kept. */
    @Override
    public String cacheSettings() {
        return "maxSize=" + maxSize + ";paths=" + ContentCollector.listed(new java.util.TreeSet<>(paths));
    }

    @Override
    public boolean wants(String path, long size) {
        return size <= maxSize && paths.contains(path);
    }

    @Override
    public String collect(FileEntry entry, InputStream content) throws IOException {
        return new String(content.readNBytes((int) Math.min(entry.size(), maxSize)), StandardCharsets.UTF_8);
    }
}
