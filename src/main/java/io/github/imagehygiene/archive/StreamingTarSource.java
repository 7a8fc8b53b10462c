package io.github.imagehygiene.archive;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image archive that can only be read front to back (a Docker daemon's {@code docker save} stream, a gzipped
 * archive). Its metadata usually comes last, so every blob that is not metadata is scanned as it passes, and the
 * results are kept until the image is resolved. Nothing is spooled to disk.
 */
final class StreamingTarSource<T> implements ArchiveSource<T> {
    /** Files up to this size are kept as they are; they can be read as metadata or scanned later. */
    private static final int SMALL_FILE = 64 * 1024;
    /** Cap on all kept metadata, so a hostile stream cannot fill the heap with small files. */
    private static final long MAX_KEPT_BYTES = 64L * 1024 * 1024;

    private final String name;
    private final Kind kind;
    private final Map<String, byte[]> kept = new HashMap<>();
    private final Map<String, Object> scanned = new HashMap<>();
    private final BlobScanner<T> scanner;

    StreamingTarSource(InputStream stream, String name, Kind kind, BlobScanner<T> scanner) {
        this.name = name;
        this.kind = kind;
        this.scanner = scanner;
        long keptBytes = 0;
        int files = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String path = ArchivePaths.normalise(e.getName());
                if (path == null || path.isEmpty()) {
                    continue;
                }
                files++;
                BufferedInputStream in = new BufferedInputStream(tar, 1 << 16);
                if (e.getSize() <= SMALL_FILE || (e.getSize() <= MAX_METADATA_BYTES && looksLikeJson(in))) {
                    keptBytes += e.getSize();
                    if (keptBytes > MAX_KEPT_BYTES) {
                        throw new ImageReadException(name + ": more than " + MAX_KEPT_BYTES
                                + " bytes of small files; not an image archive");
                    }
                    kept.put(path, in.readAllBytes());
                } else {
                    scanned.put(path, scanSafely(path, in));
                }
            }
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof ImageReadException) {
                throw (ImageReadException) ex;
            }
            throw new ImageReadException(name + ": not a readable tar stream: " + ParallelScan.describe(ex), ex);
        }
        if (files == 0) {
            throw new ImageReadException(name + ": not an image archive: the tar holds no files");
        }
    }

    /** A blob that fails to scan may not be a layer at all; the failure counts only if it is asked for. */
    private Object scanSafely(String path, InputStream in) throws IOException {
        try {
            T result = scanner.scan(path, in);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return result;
        } catch (IOException | RuntimeException ex) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new ImageReadException(name + ": layer " + path + ": " + ParallelScan.describe(ex), ex);
        }
    }

    private static boolean looksLikeJson(BufferedInputStream in) throws IOException {
        in.mark(64);
        try {
            for (int i = 0; i < 64; i++) {
                int c = in.read();
                if (c == '{' || c == '[') {
                    return true;
                }
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return false;
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public boolean exists(String path) {
        return kept.containsKey(path) || scanned.containsKey(path);
    }

    @Override
    public byte[] read(String path) {
        byte[] data = kept.get(path);
        if (data == null) {
            throw new ImageReadException(name + ": " + path + (scanned.containsKey(path)
                    ? " is too large for image metadata" : " is missing from the archive"));
        }
        return data;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> scan(List<String> paths, int threads) {
        List<T> results = new ArrayList<>();
        for (String path : paths) {
            byte[] small = kept.get(path);
            if (small != null) {
                results.add(ParallelScan.scanOne(name, path, p -> new ByteArrayInputStream(small), scanner));
                continue;
            }
            Object result = scanned.get(path);
            if (result == null) {
                throw new ImageReadException(name + ": layer " + path + " is missing from the archive");
            }
            if (result instanceof ImageReadException) {
                throw (ImageReadException) result;
            }
            results.add((T) result);
        }
        return results;
    }

    @Override
    public void close() {
        kept.clear();
        scanned.clear();
    }
}
