package io.github.imagehygiene.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import io.github.imagehygiene.archive.BlobScanner;
import io.github.imagehygiene.archive.Compression;
import io.github.imagehygiene.archive.Digests;

/**
 * One streaming pass over a layer blob: hashes the blob and its uncompressed tar, counts both, lists the entries
 * (never their content) and, for a blob stored uncompressed, estimates its gzip size on the way.
 */
public final class LayerScanner implements BlobScanner<LayerScan> {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final boolean estimateGzip;

    /** @param estimateGzip whether to estimate the pushed size of uncompressed blobs (costs a deflate pass) */
    public LayerScanner(boolean estimateGzip) {
        this.estimateGzip = estimateGzip;
    }

    @Override
    public LayerScan scan(String path, InputStream raw) throws IOException {
        MeasuringInputStream blob = new MeasuringInputStream(raw, Digests.sha256(), null);
        BufferedInputStream buffered = new BufferedInputStream(blob, 1 << 16);
        Compression compression = Compression.detect(buffered);
        GzipSizeEstimator estimator = compression == Compression.NONE && estimateGzip ? new GzipSizeEstimator() : null;
        List<FileEntry> entries = new ArrayList<>();
        long contentSize = 0;
        MeasuringInputStream tar;
        try {
            tar = new MeasuringInputStream(compression.decompress(buffered), Digests.sha256(), estimator);
            TarArchiveInputStream in = new TarArchiveInputStream(tar);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                FileEntry entry = toEntry(e);
                contentSize += entry.size();
                entries.add(entry);
            }
            if (entries.isEmpty() && tar.count() == 0) {
                throw new IOException("the layer is empty, not a tar archive");
            }
            tar.drain();
            buffered.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | IllegalArgumentException e) {
            if (estimator != null) {
                estimator.close();
            }
            throw new IOException(compression == Compression.NONE ? "not a readable tar: " + message(e)
                    : "not a readable " + compression.id() + " tar: " + message(e), e);
        }
        long estimate = estimator == null ? -1 : estimator.finish();
        return new LayerScan(Digests.format("sha256", blob.digest()), blob.count(), compression,
                Digests.format("sha256", tar.digest()), tar.count(), estimate, contentSize, List.copyOf(entries));
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static FileEntry toEntry(TarArchiveEntry e) {
        String path = normalise(e.getName());
        String base = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        EntryType type;
        if (base.equals(OPAQUE)) {
            type = EntryType.OPAQUE_WHITEOUT;
            path = parent;
        } else if (base.startsWith(WHITEOUT_PREFIX)) {
            type = EntryType.WHITEOUT;
            path = (parent.equals("/") ? "" : parent) + "/" + base.substring(WHITEOUT_PREFIX.length());
        } else if (e.isSymbolicLink()) {
            type = EntryType.SYMLINK;
        } else if (e.isLink()) {
            type = EntryType.HARDLINK;
        } else if (e.isDirectory()) {
            type = EntryType.DIRECTORY;
        } else if (e.isCharacterDevice()) {
            type = EntryType.CHAR_DEVICE;
        } else if (e.isBlockDevice()) {
            type = EntryType.BLOCK_DEVICE;
        } else if (e.isFIFO()) {
            type = EntryType.FIFO;
        } else if (e.isFile()) {
            type = EntryType.FILE;
        } else {
            type = EntryType.OTHER;
        }
        String link = null;
        if (type == EntryType.SYMLINK) {
            link = e.getLinkName();
        } else if (type == EntryType.HARDLINK) {
            link = normalise(e.getLinkName());
        }
        return new FileEntry(path, type, e.getSize(), e.getMode(), e.getLongUserId(), e.getLongGroupId(), link);
    }

    /**
     * "./usr//bin/" → "/usr/bin"; ".." never climbs above the root, as a container runtime resolves it, so a hostile
     * name cannot point outside the image.
     */
    public static String normalise(String name) {
        String[] parts = name.replace('\\', '/').split("/");
        String[] stack = new String[parts.length];
        int depth = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (depth > 0) {
                    depth--;
                }
                continue;
            }
            stack[depth++] = part;
        }
        if (depth == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append('/').append(stack[i]);
        }
        return sb.toString();
    }
}
