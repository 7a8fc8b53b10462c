package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.TimeLimitException;
import io.github.imagehygiene.common.ImageReadException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.github.imagehygiene.common.ImageHygieneException;

/**
 * An image archive that can only be read front to back (a Docker daemon's {@code docker save} stream, a gzipped
 * archive). Its metadata usually comes last, so every blob that is not metadata is scanned as it passes, and the
 * results are kept until the image is resolved. Nothing is spooled to disk; what is kept is bounded (bytes and
 * members).
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
    /** Links between members: path → target path, or null for a link leading out of the archive. */
    private final Map<String, String> links = new HashMap<>();
    private final BlobScanner<T> scanner;
    private final Deadline deadline;

    StreamingTarSource(InputStream stream, String name, Kind kind, BlobScanner<T> scanner, Deadline deadline) {
        this.name = name;
        this.kind = kind;
        this.scanner = scanner;
        this.deadline = deadline;
        long keptBytes = 0;
        int files = 0;
        int members = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(deadline.guard(stream, "reading the archive"),
                "UTF-8")) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                deadline.check("reading the archive");
                if (!e.isCheckSumOK()) {
                    throw new ImageReadException(name + ": not a readable tar stream: the header of member "
                            + (members + 1) + " fails its checksum");
                }
                if (++members > TarHeaders.MAX_ENTRIES) {
                    throw new ImageReadException(name + ": not an image archive: more than " + TarHeaders.MAX_ENTRIES
                            + " members");
                }
                String path = ArchivePaths.normalise(e.getName());
                if (path == null || path.isEmpty()) {
                    continue;
                }
                byte flag = e.getLinkFlag();
                if (flag == TarConstants.LF_SYMLINK) {
                    link(path, TarHeaders.symlinkTarget(path, e.getLinkName()));
                    continue;
                }
                if (flag == TarConstants.LF_LINK) {
                    String target = ArchivePaths.resolve(e.getLinkName());
                    link(path, target == null || target.isEmpty() ? null : target);
                    continue;
                }
                if (!(flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                        || flag == TarConstants.LF_CONTIG) || e.isSparse()) {
                    continue;
                }
                files++;
                links.remove(path);
                BufferedInputStream in = new BufferedInputStream(tar, 1 << 16);
                if (e.getSize() <= SMALL_FILE || (e.getSize() <= MAX_METADATA_BYTES && looksLikeJson(in))) {
                    keptBytes += e.getSize();
                    if (keptBytes > MAX_KEPT_BYTES) {
                        throw new ImageReadException(name + ": more than " + MAX_KEPT_BYTES
                                + " bytes of small files; not an image archive");
                    }
                    kept.put(path, in.readAllBytes());
                    scanned.remove(path);
                } else {
                    scanned.put(path, scanSafely(path, in));
                    kept.remove(path);
                }
            }
        } catch (ImageHygieneException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            if (deadline.expired()) {
                throw deadline.exceeded("reading the archive");
            }
            throw new ImageReadException(name + ": not a readable tar stream: " + ParallelScan.describe(ex), ex);
        }
        if (files == 0) {
            throw new ImageReadException(name + ": not an image archive: the tar holds no files");
        }
    }

    private void link(String path, String target) {
        links.put(path, target);
        kept.remove(path);
        scanned.remove(path);
    }

    /** A blob that fails to scan may not be a layer at all; the failure counts only if it is asked for. */
    private Object scanSafely(String path, InputStream in) throws IOException {
        try {
            T result = scanner.scan(path, in, deadline);
            in.transferTo(OutputStream.nullOutputStream());
            return result;
        } catch (TimeLimitException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            if (deadline.expired()) {
                throw deadline.exceeded("reading layer " + path);
            }
            in.transferTo(OutputStream.nullOutputStream());
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

    /** The member a path names after links; null for a link leading out of the archive. */
    private String resolve(String path) {
        return TarHeaders.resolve(path, new KeySet(), links);
    }

    /** The members that hold data, as a set view for {@link TarHeaders#resolve}. */
    private final class KeySet extends java.util.AbstractSet<String> {
        @Override
        public boolean contains(Object o) {
            return kept.containsKey(o) || scanned.containsKey(o);
        }

        @Override
        public java.util.Iterator<String> iterator() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int size() {
            return kept.size() + scanned.size();
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
        String target = resolve(path);
        return target != null && (kept.containsKey(target) || scanned.containsKey(target));
    }

    @Override
    public byte[] read(String path) {
        String target = resolve(path);
        if (target == null) {
            throw new ImageReadException(name + ": " + path + " is a link leading outside the archive; refusing to"
                    + " read it");
        }
        byte[] data = kept.get(target);
        if (data == null) {
            throw new ImageReadException(name + ": " + path + (scanned.containsKey(target)
                    ? " is too large for image metadata" : " is missing from the archive"));
        }
        return data;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> scan(List<String> paths, int threads) {
        List<T> results = new ArrayList<>();
        for (String path : paths) {
            String target = resolve(path);
            if (target == null) {
                throw new ImageReadException(name + ": layer " + path + " is a link leading outside the archive;"
                        + " refusing to read it");
            }
            byte[] small = kept.get(target);
            if (small != null) {
                results.add(ParallelScan.scanOne(name, path, p -> new ByteArrayInputStream(small), scanner,
                        deadline));
                continue;
            }
            Object result = scanned.get(target);
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
    public void retain(java.util.Collection<String> paths) {
        java.util.Set<String> keep = new java.util.HashSet<>();
        for (String p : paths) {
            String target = resolve(p);
            if (target != null) {
                keep.add(target);
            }
        }
        scanned.keySet().retainAll(keep);
    }

    @Override
    public void close() {
        kept.clear();
        scanned.clear();
    }
}
