package io.github.imagehygiene.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one layer blob, start to end, in a single pass. Archives hand every blob to the scanner they were opened with,
 * so that a streamed source (a Docker daemon) can be read once, in the order it arrives.
 *
 * @param <T> what a scan produces
 */
@FunctionalInterface
public interface BlobScanner<T> {
    /**
     * @param path where the blob sits in the archive, for messages
     * @param in   the blob's bytes; the scanner reads it to the end and does not close it
     */
    T scan(String path, InputStream in) throws IOException;

    /**
     * Scans within a time limit. Sources call this one; the stream they pass already checks the deadline on every
     * read, so a scanner overrides it only to check between reads too (work that expands little input into much,
     * such as decompression).
     *
     * @param deadline the run's limit, naming the archive
     */
    default T scan(String path, InputStream in, Deadline deadline) throws IOException {
        return scan(path, in);
    }
}
