package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.ImageReadException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.common.ImageHygieneException;

/**
 * An image archive in an uncompressed tar file. Only the headers are indexed, by seeking from one to the next (blobs
 * are never read for that, and the index is bounded by {@link TarHeaders#MAX_ENTRIES}); each blob is then read in
 * place through its own channel, so layers can be scanned in parallel without extracting anything.
 */
final class TarFileSource<T> implements ArchiveSource<T> {
    private final Path file;
    private final String name;
    private final BlobScanner<T> scanner;
    private final Deadline deadline;
    /** path → {data offset, size}. */
    private final Map<String, long[]> entries = new HashMap<>();
    /** Links between members: path → target path (normalised), or null for a link leading out of the archive. */
    private final Map<String, String> links = new HashMap<>();
    private final long fileLength;

    TarFileSource(Path file, String name, BlobScanner<T> scanner, Deadline deadline) {
        this.file = file;
        this.name = name;
        this.scanner = scanner;
        this.deadline = deadline;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            fileLength = channel.size();
            TarHeaders.walk(channel, fileLength, deadline, (path, type, offset, size, link) -> {
                if (type == TarHeaders.FILE) {
                    entries.put(path, new long[] {offset, size});
                    links.remove(path);
                } else {
                    links.put(path, link);
                    entries.remove(path);
                }
            });
        } catch (ImageHygieneException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageReadException(name + ": not a readable tar archive: " + ParallelScan.describe(e), e);
        }
        if (entries.isEmpty()) {
            throw new ImageReadException(name + ": not an image archive: the tar holds no files");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.TAR;
    }

    @Override
    public boolean exists(String path) {
        return entries.containsKey(TarHeaders.resolve(path, entries.keySet(), links));
    }

    /**
     * The member a path names, following links inside the archive; fails for a link leading out of it.
     *
     * @param what "" or "layer ", for the message
     */
    private long[] entry(String path, String what) {
        String target = TarHeaders.resolve(path, entries.keySet(), links);
        if (target == null) {
            throw new ImageReadException(name + ": " + what + path + " is a link leading outside the archive;"
                    + " refusing to read it");
        }
        long[] e = entries.get(target);
        if (e == null) {
            throw new ImageReadException(name + ": " + what + path + " is missing from the archive");
        }
        return e;
    }

    @Override
    public byte[] read(String path) {
        long[] e = entry(path, "");
        if (e[1] > MAX_METADATA_BYTES) {
            throw new ImageReadException(name + ": " + path + " is " + e[1] + " bytes, too large for image metadata");
        }
        try (InputStream in = open(e)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new ImageReadException(name + ": " + path + ": " + ParallelScan.describe(ex), ex);
        }
    }

    @Override
    public List<T> scan(List<String> paths, int threads) {
        Map<String, long[]> regions = new HashMap<>();
        for (String p : paths) {
            regions.put(p, entry(p, "layer "));
        }
        return ParallelScan.run(name, paths, threads, p -> open(regions.get(p)), scanner, deadline);
    }

    private InputStream open(long[] e) throws IOException {
        if (e[0] + e[1] > fileLength) {
            throw new EOFException("the archive ends " + (e[0] + e[1] - fileLength) + " bytes early");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new BufferedInputStream(new RegionInputStream(channel, e[0], e[1]), 1 << 16);
    }

    @Override
    public void close() {
        // every blob stream owns and closes its channel
    }

    /** A region of a file read with positional reads; fails on a short file rather than returning less. */
    private static final class RegionInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private long remaining;

        RegionInputStream(FileChannel channel, long start, long length) {
            this.channel = channel;
            this.position = start;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
            if (n < 0) {
                throw new EOFException("the archive ends " + remaining + " bytes early");
            }
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
