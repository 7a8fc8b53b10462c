package io.github.imagehygiene.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * A collector that also counts what it saw without keeping it (a secret scan: files scanned, skipped as binary or too
 * large). The counts of one layer go to an array of {@link #counters()} longs that the {@link LayerScanner} hands to
 * every call for that layer, and reach the collector by {@link #add} once the layer is read: so that the
 * {@link LayerCache}, which keeps each layer's array, can replay a cached layer's counts exactly as a reading would
 * have made them.
 *
 * @param <T> what is kept per file
 */
public interface CountingCollector<T> extends ContentCollector<T> {
    /** How many counts one layer has. */
    int counters();

    /** {@link #wants(String, long)}, counting into this layer's array. */
    boolean wants(String path, long size, long[] counts);

    /** {@link #collect(FileEntry, InputStream)}, counting into this layer's array. */
    T collect(FileEntry entry, InputStream content, long[] counts) throws IOException;

    /** Adds one layer's counts to the run's: once per layer read, or read from the cache. */
    void add(long[] counts);

    @Override
    default boolean wants(String path, long size) {
        long[] counts = new long[counters()];
        boolean wanted = wants(path, size, counts);
        add(counts);
        return wanted;
    }

    @Override
    default T collect(FileEntry entry, InputStream content) throws IOException {
        long[] counts = new long[counters()];
        try {
            return collect(entry, content, counts);
        } finally {
            add(counts);
        }
    }
}
