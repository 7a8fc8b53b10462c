package io.github.imagehygiene.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.archive.BlobScanner;
import io.github.imagehygiene.archive.Compression;
import io.github.imagehygiene.archive.Deadline;
import io.github.imagehygiene.archive.ArchivePaths;
import io.github.imagehygiene.archive.Digests;
import io.github.imagehygiene.common.TimeLimitException;

/**
 * One streaming pass over a layer blob: hashes the blob and its uncompressed tar, counts both, lists the entries
 * (never their content) and, for a blob stored uncompressed, estimates its gzip size on the way.
 */
public final class LayerScanner implements BlobScanner<LayerScan> {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    /** Files up to this size are copied when several collectors want them. */
    private static final int SHARED_COPY_LIMIT = 8 * 1024 * 1024;

    private final boolean estimateGzip;
    private final List<ContentCollector<?>> collectors;
    /** What the collectors may hold in memory, together, across this scanner's threads. */
    private final HeldMemory memory = HeldMemory.ofHeap();

    /** @param estimateGzip whether to estimate the pushed size of uncompressed blobs (costs a deflate pass) */
    public LayerScanner(boolean estimateGzip) {
        this(estimateGzip, List.of());
    }

    /**
     * @param estimateGzip whether to estimate the pushed size of uncompressed blobs (costs a deflate pass)
     * @param collectors   readers of chosen files' content, fed during the same pass
     */
    public LayerScanner(boolean estimateGzip, List<ContentCollector<?>> collectors) {
        this.estimateGzip = estimateGzip;
        this.collectors = List.copyOf(collectors);
    }

    @Override
    public LayerScan scan(String path, InputStream raw) throws IOException {
        return scan(path, raw, Deadline.none());
    }

    /**
     * Reads the blob once. Whatever the blob holds (not a tar, a damaged or truncated stream, absurd header fields)
     * ends in an {@link IOException} saying what is wrong, never another exception; the deadline is checked between
     * entries and while data passes, so a decompression bomb cannot hold the run past its time limit.
     */
    @Override
    public LayerScan scan(String path, InputStream raw, Deadline deadline) throws IOException {
        return scanCounting(path, raw, deadline).scan();
    }

    /** The collectors this scanner feeds. */
    List<ContentCollector<?>> collectors() {
        return collectors;
    }

    /** Whether uncompressed blobs get a gzip estimate. */
    boolean estimatesGzip() {
        return estimateGzip;
    }

    /** A scan and what its {@link CountingCollector}s counted in it (already added to them). */
    record Counted(LayerScan scan, java.util.Map<String, long[]> counts) {
    }

    /** {@link #scan(String, InputStream, Deadline)}, with the layer's counts, for the {@link LayerCache}. */
    Counted scanCounting(String path, InputStream raw, Deadline deadline) throws IOException {
        java.util.Map<String, long[]> counts = new java.util.LinkedHashMap<>();
        for (ContentCollector<?> c : collectors) {
            if (c instanceof CountingCollector<?> cc) {
                counts.put(c.id(), new long[cc.counters()]);
            }
        }
        try {
            return new Counted(scanBlob(path, raw, deadline, counts), counts);
        } finally {
            // counted as the layer was read, whether it ended well or not, as each file is seen
            for (ContentCollector<?> c : collectors) {
                if (c instanceof CountingCollector<?> cc) {
                    cc.add(counts.get(c.id()));
                }
            }
        }
    }

    private LayerScan scanBlob(String path, InputStream raw, Deadline deadline, java.util.Map<String, long[]> counts)
            throws IOException {
        // Three threads share a layer: one reads the blob and hashes it, one decompresses it, and this one hashes,
        // parses and collects the tar; a one-layer image keeps both cores busy, the decompressor never waits for a
        // digest. A blob stored uncompressed is its own tar: its digest is the diff_id, hashed once.
        // the blob is hashed with the algorithm its name promises (an OCI layout's blobs/sha512/...), else sha256
        String algorithm = Digests.algorithmOf(ArchivePaths.digestOf(path));
        MeasuringInputStream blob = new MeasuringInputStream(raw, Digests.newDigest(algorithm), null);
        ReadAhead read = ReadAhead.start(blob, null, "image-hygiene read " + path);
        try {
            return scan(path, algorithm, blob, read, deadline, counts);
        } finally {
            read.close();
        }
    }

    private LayerScan scan(String path, String algorithm, MeasuringInputStream blob, ReadAhead read, Deadline deadline,
            java.util.Map<String, long[]> counts) throws IOException {
        String activity = "reading layer " + path;
        BufferedInputStream buffered = new BufferedInputStream(read, 1 << 16);
        Compression compression = Compression.detect(buffered);
        GzipSizeEstimator estimator = compression == Compression.NONE && estimateGzip ? new GzipSizeEstimator() : null;
        EntryTable entries = new EntryTable();
        List<Collected> collected = new ArrayList<>();
        byte[] drain = new byte[1 << 16];
        long contentSize = 0;
        // the diff_id is sha256 of the tar; an uncompressed blob hashed with sha256 is that hash already
        boolean blobIsDiffId = compression == Compression.NONE && "sha256".equals(algorithm);
        MeasuringInputStream tar;
        MeasuringInputStream hashed = null; // zstd: the diff_id hashed on the decompressing thread
        FileEntry reading = null;
        ReadAhead ahead = null;
        try {
            InputStream plain = buffered;
            // zstd decompresses several times faster than gzip: its thread has room for the diff_id's digest too,
            // which the tar thread (parsing, collecting) otherwise computes on top of its own work
            if (compression != Compression.NONE) {
                InputStream decompressed = compression.decompress(buffered);
                if (compression == Compression.ZSTD) {
                    hashed = new MeasuringInputStream(decompressed, Digests.sha256(), null);
                    decompressed = hashed;
                }
                ahead = ReadAhead.start(decompressed, buffered, "image-hygiene unpack " + path);
                plain = ahead;
            }
            tar = new MeasuringInputStream(plain, blobIsDiffId || hashed != null ? null : Digests.sha256(),
                    estimator);
            // The tar reader asks for 512-byte records; hashing and deflating want large reads.
            BufferedInputStream records = new BufferedInputStream(tar, 1 << 16);
            // Names are UTF-8 whatever the platform's encoding; bytes that are not UTF-8 read as '?'.
            TarArchiveInputStream in = new TarArchiveInputStream(records, "UTF-8");
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                deadline.check(activity);
                if (!e.isCheckSumOK()) {
                    // Commons Compress only notes it; tar and the runtimes refuse such a header
                    throw new IOException("the header of entry " + (entries.size() + 1) + " fails its checksum");
                }
                FileEntry entry = toEntry(e);
                contentSize = saturatedAdd(contentSize, entry.size());
                entries.append(entry);
                reading = entry;
                if (entry.type() == EntryType.FILE && !collectors.isEmpty()) {
                    collect(entry, in, collected, counts);
                }
                // Reading the rest of the entry in large blocks is several times faster than letting the tar
                // reader skip it in small ones.
                while (in.read(drain, 0, drain.length) > 0) {
                    // the digests and the estimator see these bytes on the way
                    deadline.check(activity);
                }
                reading = null;
            }
            if (entries.isEmpty() && tar.count() == 0) {
                throw new IOException("the layer is empty, not a tar archive");
            }
            if (entries.isEmpty() && tar.dataInFirstBlock()) {
                throw new IOException("no tar header in the first " + Math.min(512, tar.count())
                        + " bytes, not a tar archive");
            }
            // the rest of the tar stream (its end blocks, padding); the decompressing thread drains the blob after it
            records.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (TimeLimitException e) {
            if (estimator != null) {
                estimator.close();
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            // Commons Compress and the codecs throw runtime exceptions on some damaged input: still damage.
            if (estimator != null) {
                estimator.close();
            }
            // a failure inside an entry's data names the entry: "entry /x of 8589934591 bytes: Truncated TAR archive"
            String where = reading == null ? "" : "entry " + reading.path() + " of " + reading.size() + " bytes: ";
            throw new IOException(OneLine.of((compression == Compression.NONE ? "not a readable tar: "
                    : "not a readable " + compression.id() + " tar: ") + where + message(e)), e);
        } finally {
            if (ahead != null) {
                ahead.close();
            }
        }
        long estimate = estimator == null ? -1 : estimator.finish();
        String blobDigest = Digests.format(algorithm, blob.digest());
        // the digest thread's digest is complete: the tar stream was read to its end, after the last block it hashed
        String diffId = blobIsDiffId ? blobDigest : Digests.format("sha256", (hashed != null ? hashed : tar).digest());
        return new LayerScan(blobDigest, blob.count(), compression, diffId, tar.count(), estimate, contentSize,
                entries.seal(), List.copyOf(collected));
    }

    /**
     * Feeds one file to the collectors that want it. The tar stream cannot rewind: when several want the same file
     * they share a copy, bounded by {@link #SHARED_COPY_LIMIT}; a larger file goes to the first one only (collectors
     * of large files, such as jars, are shared by the analyses that need them).
     */
    private void collect(FileEntry entry, InputStream in, List<Collected> out, java.util.Map<String, long[]> counts)
            throws IOException {
        List<ContentCollector<?>> wanting = new ArrayList<>();
        for (ContentCollector<?> c : collectors) {
            if (c instanceof CountingCollector<?> cc ? cc.wants(entry.path(), entry.size(), counts.get(c.id()))
                    : c.wants(entry.path(), entry.size())) {
                wanting.add(c);
            }
        }
        if (wanting.isEmpty()) {
            return;
        }
        GuardedInputStream source = new GuardedInputStream(in);
        byte[] shared = wanting.size() > 1 && entry.size() <= SHARED_COPY_LIMIT
                ? source.readNBytes((int) entry.size()) : null;
        for (ContentCollector<?> c : shared != null ? wanting : wanting.subList(0, 1)) {
            InputStream content = shared != null ? new java.io.ByteArrayInputStream(shared) : source;
            try {
                Object value = c instanceof CountingCollector<?> cc ? cc.collect(entry, content, counts.get(c.id()))
                        : c.collect(entry, content, memory);
                if (value != null) {
                    out.add(new Collected(c.id(), entry.path(), value));
                }
            } catch (IOException | RuntimeException e) {
                // A file the collector cannot parse (a damaged jar, binary where text was expected) is skipped;
                // a failure of the layer stream itself ends the scan.
                if (source.failure != null) {
                    throw source.failure;
                }
            }
        }
    }

    /** Remembers failures of the layer stream, so they are not mistaken for a collector's parse errors. */
    private static final class GuardedInputStream extends java.io.FilterInputStream {
        IOException failure;

        GuardedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // the tar stream belongs to the scanner
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static boolean isRegular(byte flag) {
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    /** One line: the first line of the message, or the exception's type. */
    private static String message(Exception e) {
        if (e instanceof java.io.EOFException) {
            return "unexpected end of data (truncated)";
        }
        String m = e.getMessage();
        if (m != null) {
            int nl = m.indexOf('\n');
            m = (nl >= 0 ? m.substring(0, nl) : m).strip().replaceAll("[\\p{Cntrl}\\uFFFD]", "?");
        }
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
            // ".wh." hides its own directory, ".wh.." too, ".wh..." the one above (clamped at the root), as the
            // runtimes join the name to the directory
            path = normalise(parent + "/" + base.substring(WHITEOUT_PREFIX.length()));
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
        } else if (isRegular(e.getLinkFlag())) {
            // not TarArchiveEntry.isFile(): that counts every unknown type flag as a file
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
        // one pass, no split: this runs for every entry of every layer, and in a first run the compiler's time for
        // String.split was more than the work
        String s = name.indexOf('\\') >= 0 ? name.replace('\\', '/') : name;
        int n = s.length();
        StringBuilder out = new StringBuilder(n + 1);
        int i = 0;
        while (i < n) {
            int end = s.indexOf('/', i);
            if (end < 0) {
                end = n;
            }
            int length = end - i;
            if (length == 2 && s.charAt(i) == '.' && s.charAt(i + 1) == '.') {
                // every kept segment is "/" and a non-empty name without one: the last "/" begins the last segment
                if (out.length() > 0) {
                    out.setLength(out.lastIndexOf("/"));
                }
            } else if (length > 1 || length == 1 && s.charAt(i) != '.') {
                out.append('/').append(s, i, end);
            }
            i = end + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
