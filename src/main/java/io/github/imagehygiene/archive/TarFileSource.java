package io.github.imagehygiene.archive;

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

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image archive in an uncompressed tar file. Only the headers are indexed; each blob is read in place through
 * its own channel, so layers can be scanned in parallel without extracting anything.
 */
final class TarFileSource<T> implements ArchiveSource<T> {
    private final Path file;
    private final String name;
    private final BlobScanner<T> scanner;
    private final Map<String, long[]> entries = new HashMap<>();
    private final long fileLength;

    TarFileSource(Path file, String name, BlobScanner<T> scanner) {
        this.file = file;
        this.name = name;
        this.scanner = scanner;
        try (TarFile tar = new TarFile(file)) {
            fileLength = java.nio.file.Files.size(file);
            for (TarArchiveEntry e : tar.getEntries()) {
                if (!e.isFile()) {
                    continue;
                }
                String path = ArchivePaths.normalise(e.getName());
                if (path != null && !path.isEmpty()) {
                    entries.put(path, new long[] {e.getDataOffset(), e.getSize()});
                }
            }
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
        return entries.containsKey(path);
    }

    @Override
    public byte[] read(String path) {
        long[] e = entries.get(path);
        if (e == null) {
            throw new ImageReadException(name + ": " + path + " is missing from the archive");
        }
        if (e[1] > MAX_METADATA_BYTES) {
            throw new ImageReadException(name + ": " + path + " is " + e[1] + " bytes, too large for image metadata");
        }
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new ImageReadException(name + ": " + path + ": " + ParallelScan.describe(ex), ex);
        }
    }

    @Override
    public List<T> scan(List<String> paths, int threads) {
        for (String p : paths) {
            if (!entries.containsKey(p)) {
                throw new ImageReadException(name + ": layer " + p + " is missing from the archive");
            }
        }
        return ParallelScan.run(name, paths, threads, this::open, scanner);
    }

    private InputStream open(String path) throws IOException {
        long[] e = entries.get(path);
        if (e[0] + e[1] > fileLength) {
            throw new EOFException("the archive ends " + (e[0] + e[1] - fileLength) + " bytes before the end of " + path);
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
