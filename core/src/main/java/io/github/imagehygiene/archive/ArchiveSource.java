package io.github.imagehygiene.archive;

import java.io.Closeable;
import java.util.List;

/**
 * The files of an image archive or layout folder, by their normalised relative path ({@code manifest.json},
 * {@code blobs/sha256/...}). Metadata is read whole (it is small and bounded); layer blobs only ever pass through the
 * {@link BlobScanner} the source was opened with.
 *
 * @param <T> what the scanner produces per blob
 */
public interface ArchiveSource<T> extends Closeable {
    /** The largest metadata file (manifest, index, config) that is read into memory. */
    int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    /** What the user named, for messages. */
    String name();

    /** The kind of container, before the image inside is identified. */
    Kind kind();

    boolean exists(String path);

    /** Reads a metadata file whole; fails when it is missing or larger than {@link #MAX_METADATA_BYTES}. */
    byte[] read(String path);

    /**
     * Scans the given blobs, at most {@code threads} at a time where the source allows random access, and returns
     * the results in the order of {@code paths}.
     */
    List<T> scan(List<String> paths, int threads);

    /**
     * Lets go of what the source keeps of every blob but these (a streamed source keeps every blob's scan, since its
     * manifest may come last): called with the layers the images of the run still need, so that a blob no image
     * needs (any more) is not held to the end. A source that reads on demand keeps nothing.
     */
    default void retain(java.util.Collection<String> paths) {
    }

    @Override
    void close();

    /** Where the files come from. */
    enum Kind {
        TAR, DIRECTORY, DAEMON
    }
}
