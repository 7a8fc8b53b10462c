package io.github.imagehygiene.layer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import io.github.imagehygiene.archive.ArchivePaths;
import io.github.imagehygiene.archive.BlobScanner;
import io.github.imagehygiene.archive.Compression;
import io.github.imagehygiene.archive.Deadline;
import io.github.imagehygiene.archive.Digests;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.DataStrings;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.common.UserCache;

/**
 * Keeps what one pass over a layer found (its {@link LayerScan}: sizes, diff_id, entries, the collectors' values, and
 * the counts of {@link CountingCollector}s) in a file per layer, so that a later run over the same blob only hashes
 * it: the hash must still equal the digest the blob's name promises (an OCI layout's {@code blobs/sha256/HEX}, Jib's
 * and Docker's {@code HEX.tar.gz}), else the run fails as a damaged blob fails; decompression and parsing are
 * skipped, and the analyses see exactly what a reading would have given them, so the reports do not change.
 *
 * <p>The key is the blob's digest, the tool's version (and the size and time of the jar the code comes from, so a
 * rebuilt snapshot reads no file of the one before), the file format, the JVM's vendor and version, whether gzip
 * sizes are estimated (and what this JDK's deflate makes of a fixed input), and, in the order they run, each
 * collector's id, {@link ContentCollector#cacheSettings() settings} and value {@link ValueCodec#schema() schema}. A
 * blob whose name promises no digest (a legacy {@code docker save}'s {@code ID/layer.tar}) is read every time, as
 * are all layers when a collector's values cannot be cached.
 *
 * <p>Files are written beside their name and renamed over it ({@link UserCache}), so two builds at once (threads, or
 * processes sharing the folder) each see a whole file or none; the last of two writers of one layer wins, both files
 * being equal. Each file ends in a CRC-32C of the rest, checked before anything is believed: a damaged or foreign file
 * counts as missing and is written again; no count or length in it is believed beyond the bytes it has left, so a
 * forged file cannot have a large array made (what a forged file says is believed: the folder is to be trusted). A
 * hit updates the file's modification time; after each write the least recently used files go until the cache's
 * own files (other files of the folder are left alone) take at most {@link LayerCacheSettings#maxSize()} bytes
 * ({@link #evict()}). Reading a file holds what the scan would hold (the packed entry table, the values), never the
 * whole file.
 */
public final class LayerCache {
    /** The file format; part of the key. */
    static final int FORMAT = 1;
    static final String SUFFIX = ".layer";
    /** The length of a file's name before {@link #SUFFIX}: the hex SHA-256 of its key. */
    private static final int KEY_HEX = 64;
    private static final int MAGIC = 0x49484c43; // "IHLC"
    /** A .part file this old is a leftover of a build that ended mid-write. */
    private static final long STALE_PART_MILLIS = 60L * 60 * 1000;

    private final LayerCacheSettings settings;
    private final String toolVersion;
    private final LogSink log;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong damaged = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    /** Whether this run has said that the cache cannot keep a layer: once is enough, the rest go to debug. */
    private final AtomicBoolean warned = new AtomicBoolean();

    public LayerCache(LayerCacheSettings settings, String toolVersion, LogSink log) {
        this.settings = settings;
        this.toolVersion = toolVersion == null ? "unknown" : toolVersion;
        this.log = log;
    }

    /** The digests the image's manifest and config give the layers, by archive path. */
    private final Map<String, Expected> expected = new java.util.concurrent.ConcurrentHashMap<>();

    private record Expected(String digest, String diffId) {
    }

    /**
     * The layers of an image about to be scanned: for a blob whose name promises no digest (a legacy
     * {@code docker save}'s {@code ID/layer.tar}), the manifest's digest or, for an uncompressed one, the config's
     * diff_id is its key. A source read front to back scans before its manifest is read: there only blobs whose
     * names promise a digest are cached.
     */
    public void expect(java.util.Collection<io.github.imagehygiene.image.LayerDescriptor> layers) {
        for (io.github.imagehygiene.image.LayerDescriptor l : layers) {
            if (l.digest() != null || l.diffId() != null) {
                expected.put(l.archivePath(), new Expected(l.digest(), l.diffId()));
            }
        }
    }

    /** What this cache did in the run. */
    public record Stats(long hits, long misses, long writes, long damaged, long evicted) {
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), writes.get(), damaged.get(), evicted.get());
    }

    /** One line for the log: how many layers came from the cache. */
    public String summary() {
        Stats s = stats();
        return "Layer cache " + settings.folder() + ": " + s.hits() + " layer(s) read from the cache, " + s.misses()
                + " read from the image" + (s.writes() == 0 ? "" : ", " + s.writes() + " stored")
                + (s.damaged() == 0 ? "" : ", " + s.damaged() + " damaged cache file(s) ignored")
                + (s.evicted() == 0 ? "" : ", " + s.evicted() + " least recently used removed");
    }

    /**
     * The scanner to open a source with: {@code scanner} itself when the cache is off or a collector's values cannot
     * be cached, else one that reads and fills the cache.
     */
    public BlobScanner<LayerScan> wrap(LayerScanner scanner) {
        if (!settings.enabled()) {
            return scanner;
        }
        StringBuilder key = new StringBuilder();
        key.append("image-hygiene layer cache ").append(FORMAT).append('\n');
        key.append("tool=").append(toolVersion).append(' ').append(codeOf(LayerCache.class)).append('\n');
        // the JDK's own text and number handling, and its zlib (a JDK may use the system's, or zlib-ng), which
        // makes the gzip estimate of an uncompressed layer
        key.append("java=").append(System.getProperty("java.vm.vendor")).append(' ').append(Runtime.version())
                .append('\n');
        key.append("gzipEstimate=").append(scanner.estimatesGzip())
                .append(scanner.estimatesGzip() ? " " + GzipSizeEstimator.fingerprint() : "").append('\n');
        Map<String, ValueCodec> codecs = new LinkedHashMap<>();
        Map<String, ContentCollector<?>> byId = new HashMap<>();
        for (ContentCollector<?> c : scanner.collectors()) {
            byId.put(c.id(), c);
        }
        // in the scanner's order, not sorted: a file too large to share goes to the first collector that wants it,
        // so the same collectors in another order can collect otherwise
        for (ContentCollector<?> c : scanner.collectors()) {
            String cacheSettings = c.cacheSettings();
            if (cacheSettings == null) {
                log.debug("Layer cache not used: the values of collector " + c.id() + " cannot be cached");
                return scanner;
            }
            ValueCodec codec;
            try {
                codec = ValueCodec.forCollector(c);
            } catch (ValueCodec.Unsupported e) {
                log.debug(OneLine.of("Layer cache not used: collector " + c.id() + ": " + e.getMessage()));
                return scanner;
            }
            codecs.put(c.id(), codec);
            // the settings after their length: whatever they hold, they cannot run into the schema or the next line
            key.append("collector=").append(c.id()).append(' ').append(codeOf(c.getClass())).append(" [")
                    .append(cacheSettings.length()).append(':').append(cacheSettings).append("] ")
                    .append(codec.schema()).append('\n');
        }
        return new Caching(scanner, key.toString(), codecs, byId);
    }

    /** The jar a class comes from, as its size and time: a rebuilt snapshot of the same version differs. */
    private static String codeOf(Class<?> c) {
        try {
            java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return "";
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p.getFileName() + ":" + Files.size(p) + ":"
                    + Files.getLastModifiedTime(p).toMillis() : "";
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            return "";
        }
    }

    /** The scanner that reads and fills the cache. */
    private final class Caching implements BlobScanner<LayerScan> {
        private final LayerScanner scanner;
        private final String keyBase;
        private final Map<String, ValueCodec> codecs;
        private final Map<String, ContentCollector<?>> collectors;

        Caching(LayerScanner scanner, String keyBase, Map<String, ValueCodec> codecs,
                Map<String, ContentCollector<?>> collectors) {
            this.scanner = scanner;
            this.keyBase = keyBase;
            this.codecs = codecs;
            this.collectors = collectors;
        }

        @Override
        public LayerScan scan(String path, InputStream in) throws IOException {
            return scan(path, in, Deadline.none());
        }

        @Override
        public LayerScan scan(String path, InputStream raw, Deadline deadline) throws IOException {
            InputStream in = raw;
            String promised = ArchivePaths.digestOf(path);
            if (promised == null) {
                Expected e = expected.get(path);
                if (e != null && e.digest() != null) {
                    promised = e.digest();
                } else if (e != null && e.diffId() != null && e.diffId().startsWith("sha256:")) {
                    // a legacy docker save's ID/layer.tar: an uncompressed blob is its own tar, its digest the diff_id
                    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
                    in = buffered;
                    if (Compression.detect(buffered) == Compression.NONE) {
                        promised = e.diffId();
                    }
                }
            }
            if (promised == null) {
                misses.incrementAndGet();
                return scanner.scan(path, in, deadline);
            }
            String key = keyBase + "blob=" + promised + '\n';
            Path file = settings.folder().resolve(HexFormat.of().formatHex(Digests.sha256().digest(
                    key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + SUFFIX);
            LayerScanner.Counted cached = read(file, key);
            if (cached != null) {
                String algorithm = Digests.algorithmOf(promised);
                MessageDigest md = Digests.newDigest(algorithm);
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md.update(buffer, 0, n);
                }
                String actual = Digests.format(algorithm, md);
                if (!actual.equals(promised)) {
                    // as a reading fails on it (ImageAnalyzer's check): the source names the archive and the layer
                    throw new IOException("does not match its digest: expected " + promised + ", content is "
                            + actual);
                }
                UserCache.touch(file);
                hits.incrementAndGet();
                cached.counts().forEach((id, counts) -> ((CountingCollector<?>) collectors.get(id)).add(counts));
                return cached.scan();
            }
            misses.incrementAndGet();
            LayerScanner.Counted fresh = scanner.scanCounting(path, in, deadline);
            // a blob that is not what its name says is not kept: the run fails on it
            if (fresh.scan().blobDigest().equals(promised)) {
                write(file, key, fresh);
            }
            return fresh.scan();
        }

        /** The cached scan, or null when there is none or it is damaged (then it is counted and written again). */
        private LayerScanner.Counted read(Path file, String key) {
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                log.debug(OneLine.of("Layer cache: cannot read " + file + ": " + e));
                return null;
            }
            try {
                if (size < 16) {
                    throw new IOException(size + " bytes");
                }
                // the checksum first, reading the file once without keeping it, so nothing damaged is believed
                CRC32C crc = new CRC32C();
                long stored;
                try (InputStream raw = Files.newInputStream(file);
                        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
                    byte[] buffer = new byte[1 << 16];
                    long left = size - 8;
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new IOException("shorter than its size");
                        }
                        crc.update(buffer, 0, n);
                        left -= n;
                    }
                    stored = in.readLong();
                }
                if (stored != crc.getValue()) {
                    throw new IOException("checksum mismatch");
                }
                try (InputStream raw = Files.newInputStream(file);
                        CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16),
                                new CRC32C());
                        DataInputStream in = new ValueCodec.Input(checked, size)) {
                    LayerScanner.Counted c = decode(in, key);
                    if (checked.getChecksum().getValue() != stored || in.readLong() != stored || in.read() >= 0) {
                        throw new IOException("not the file whose checksum was read");
                    }
                    return c;
                }
            } catch (IOException | RuntimeException e) {
                // a file cut short by a full disk, damaged, or of another format: read the layer, write it again
                damaged.incrementAndGet();
                log.debug(OneLine.of("Layer cache: ignoring the damaged " + file + " (" + e.getMessage() + ")"));
                return null;
            }
        }

        private LayerScanner.Counted decode(DataInputStream in, String key) throws IOException {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a layer cache file of format " + FORMAT);
            }
            if (!ValueCodec.readString(in).equals(key)) {
                throw new IOException("written for another key");
            }
            String blobDigest = ValueCodec.readString(in);
            long blobSize = in.readLong();
            Compression compression = Compression.valueOf(ValueCodec.readString(in));
            String diffId = ValueCodec.readString(in);
            long size = in.readLong();
            long gzipSizeEstimate = in.readLong();
            long contentSize = in.readLong();
            EntryTable entries = EntryTable.readFrom(in);
            Map<String, long[]> counts = new LinkedHashMap<>();
            int n = ValueCodec.length(in);
            for (int i = 0; i < n; i++) {
                String id = ValueCodec.readString(in);
                ContentCollector<?> c = collectors.get(id);
                int k = ValueCodec.length(in);
                if (!(c instanceof CountingCollector<?> cc) || cc.counters() != k) {
                    throw new IOException("counts of " + id + " that it does not keep");
                }
                long[] values = new long[k];
                for (int j = 0; j < k; j++) {
                    values[j] = in.readLong();
                }
                counts.put(id, values);
            }
            int m = ValueCodec.length(in);
            List<Collected> collected = new ArrayList<>(Math.min(m, 1 << 16));
            for (int i = 0; i < m; i++) {
                String id = ValueCodec.readString(in);
                ValueCodec codec = codecs.get(id);
                if (codec == null) {
                    throw new IOException("a value of collector " + id + ", which does not run");
                }
                String path = ValueCodec.readString(in);
                Object value = codec.read(in);
                if (value == null) {
                    throw new IOException("a null value of " + id);
                }
                collected.add(new Collected(id, path, value));
            }
            return new LayerScanner.Counted(new LayerScan(blobDigest, blobSize, compression, diffId, size,
                    gzipSizeEstimate, contentSize, entries, List.copyOf(collected)), counts);
        }

        private void write(Path file, String key, LayerScanner.Counted counted) {
            LayerScan s = counted.scan();
            if (!(s.entries() instanceof EntryTable entries)) {
                return;
            }
            Path part = null;
            try {
                Files.createDirectories(settings.folder());
                part = Files.createTempFile(settings.folder(), file.getFileName().toString() + ".", UserCache.PART);
                CRC32C crc = new CRC32C();
                try (OutputStream raw = Files.newOutputStream(part);
                        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16),
                                crc);
                        DataOutputStream out = new DataOutputStream(checked)) {
                    out.writeInt(MAGIC);
                    out.writeInt(FORMAT);
                    DataStrings.write(out, key);
                    DataStrings.write(out, s.blobDigest());
                    out.writeLong(s.blobSize());
                    DataStrings.write(out, s.compression().name());
                    DataStrings.write(out, s.diffId());
                    out.writeLong(s.size());
                    out.writeLong(s.gzipSizeEstimate());
                    out.writeLong(s.contentSize());
                    entries.writeTo(out);
                    out.writeInt(counted.counts().size());
                    for (Map.Entry<String, long[]> e : counted.counts().entrySet()) {
                        DataStrings.write(out, e.getKey());
                        out.writeInt(e.getValue().length);
                        for (long v : e.getValue()) {
                            out.writeLong(v);
                        }
                    }
                    out.writeInt(s.collected().size());
                    for (Collected c : s.collected()) {
                        DataStrings.write(out, c.collector());
                        DataStrings.write(out, c.path());
                        codecs.get(c.collector()).write(out, c.value());
                    }
                    out.flush();
                    // the checksum itself is outside what it covers
                    new DataOutputStream(raw).writeLong(crc.getValue());
                }
                long bytes = Files.size(part);
                if (bytes > settings.maxSize()) {
                    warnOnce("Layer cache " + settings.folder() + ": the file of layer " + s.blobDigest()
                            + " would take " + ByteSize.human(bytes) + ", more than " + LayerCacheSettings.MAX_SIZE
                            + " (" + ByteSize.human(settings.maxSize()) + "): that layer is read in full on every run;"
                            + " raise " + LayerCacheSettings.MAX_SIZE);
                    return;
                }
                UserCache.replace(part, file);
                part = null;
                writes.incrementAndGet();
                evict();
            } catch (IOException | RuntimeException e) {
                // the cache is a help, not a need: a full disk or a read-only home leaves the run as it is, said once
                warnOnce("Layer cache " + settings.folder() + " cannot be written (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): each run reads every layer in"
                        + " full; make the folder writable, or set " + LayerCacheSettings.PARAMETER + " to none");
            } finally {
                if (part != null) {
                    try {
                        Files.deleteIfExists(part);
                    } catch (IOException e) {
                        // removed by a later eviction as a stale part
                    }
                }
            }
        }
    }

    private void warnOnce(String message) {
        if (warned.compareAndSet(false, true)) {
            log.warn(OneLine.of(message));
        } else {
            log.debug(OneLine.of(message));
        }
    }

    /** A name this cache gives: the key's hex SHA-256 and {@link #SUFFIX}, or that and a part's ending. */
    static boolean isOwn(String name) {
        if (name.length() < KEY_HEX + SUFFIX.length() || !name.startsWith(SUFFIX, KEY_HEX)) {
            return false;
        }
        for (int i = 0; i < KEY_HEX; i++) {
            char c = name.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        int rest = KEY_HEX + SUFFIX.length();
        return name.length() == rest || name.startsWith(".", rest) && name.endsWith(UserCache.PART);
    }

    /**
     * Removes the least recently used of the cache's own files until they take at most the maximum size, and stale
     * parts; other files of the folder are neither counted nor removed. Every
     * write does it, without a lock (Java's file locks are the whole JVM's, and a build skipping eviction for a held
     * one left what it wrote uncounted): two builds at it at once remove from the same least recently used end, each
     * removal counted once. A file a build has open stays readable; one removed between its checksum pass and its
     * reading counts as damaged, and that layer is read from the image and written again.
     */
    void evict() {
        try {
            record Cached(Path path, long size, long used) {
            }
            List<Cached> files = new ArrayList<>();
            long total = 0;
            long now = System.currentTimeMillis();
            try (DirectoryStream<Path> all = Files.newDirectoryStream(settings.folder())) {
                for (Path p : all) {
                    String name = p.getFileName().toString();
                    try {
                        // only this cache's own files ("<key>.layer") and leftovers ("<key>.layer.<n>.part"):
                        // the folder may be shared, and a user may point it at one holding other files
                        if (!isOwn(name)) {
                            continue;
                        }
                        if (name.length() == KEY_HEX + SUFFIX.length()) {
                            long size = Files.size(p);
                            files.add(new Cached(p, size, Files.getLastModifiedTime(p).toMillis()));
                            total += size;
                        } else if (name.endsWith(UserCache.PART)
                                && now - Files.getLastModifiedTime(p).toMillis() > STALE_PART_MILLIS) {
                            Files.deleteIfExists(p);
                        }
                    } catch (IOException e) {
                        // gone meanwhile
                    }
                }
            }
            if (total <= settings.maxSize()) {
                return;
            }
            files.sort(Comparator.comparingLong(Cached::used).thenComparing(c -> c.path().getFileName().toString()));
            for (Cached c : files) {
                if (total <= settings.maxSize()) {
                    break;
                }
                try {
                    if (Files.deleteIfExists(c.path())) {
                        evicted.incrementAndGet();
                    }
                } catch (IOException e) {
                    // in use (Windows) or gone: counted as gone
                }
                total -= c.size();
            }
        } catch (IOException e) {
            log.debug(OneLine.of("Layer cache: cannot keep " + settings.folder() + " within "
                    + LayerCacheSettings.MAX_SIZE + ": " + e));
        }
    }
}
