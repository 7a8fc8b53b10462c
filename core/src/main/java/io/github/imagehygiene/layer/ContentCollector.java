package io.github.imagehygiene.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the content of chosen files during the one pass over a layer, so that analyses needing content (os-release,
 * package databases, jars, secrets) never read a layer twice. Layers are scanned in parallel: implementations must
 * be thread-safe, and bounded: read only what they need.
 *
 * @param <T> what is kept per file
 */
public interface ContentCollector<T> {
    /** Names the results; unique among the collectors of one run. */
    String id();

    /** Whether this regular file's content is wanted; called for every file of every layer, so it must be cheap. */
    boolean wants(String path, long size);

    /**
     * Reads what it needs of one file.
     *
     * @param content ends where the file ends; need not be read to the end; must not be closed
     * @return what to keep, or null for nothing
     * @throws IOException when the content is unreadable; the file is then skipped, the layer scan goes on
     */
    T collect(FileEntry entry, InputStream content) throws IOException;

    /**
     * {@link #collect(FileEntry, InputStream)} in a layer scan: a collector that may hold a file in memory to read it
     * faster takes the bytes from {@code memory}, shared by the scan's threads. The default ignores it.
     */
    default T collect(FileEntry entry, InputStream content, HeldMemory memory) throws IOException {
        return collect(entry, content);
    }

    /**
     * What, besides {@link #id()} and the code, decides what this collector keeps of a file (its settings, e.g. a
     * size limit and the paths it reads), in a stable text; part of the {@link LayerCache} key. Null, the default,
     * when its values may not be cached: a layer scanned with such a collector is read every time, never from the
     * cache. A collector returns non-null only when its values are of a type {@link LayerCache} can keep (records,
     * enums, strings, numbers, lists and maps of these) and when it keeps no state across files but what
     * {@link CountingCollector} replays.
     */
    default String cacheSettings() {
        return null;
    }

    /**
     * Texts in {@link #cacheSettings()}: their number, then each text after its length, so that no two lists give
     * the same result ({@code ["/app/**, /etc/**"]} and {@code ["/app/**", "/etc/**"]} print alike as a list).
     */
    static String listed(java.util.Collection<String> texts) {
        StringBuilder sb = new StringBuilder().append(texts.size());
        for (String t : texts) {
            sb.append(':').append(t.length()).append(':').append(t);
        }
        return sb.toString();
    }
}
