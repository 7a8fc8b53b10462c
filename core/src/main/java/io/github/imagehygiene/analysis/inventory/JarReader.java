package io.github.imagehygiene.analysis.inventory;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.commons.compress.archivers.zip.GeneralPurposeBit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import io.github.imagehygiene.layer.HeldMemory;

/**
 * Identifies Java archives inside the layer pass (which is forward-only: a jar is one tar entry's bytes): sha1 of the
 * bytes, every {@code META-INF/maven/**}{@code /pom.properties} (and pom.xml), the MANIFEST.MF main section, and every
 * nested archive (Spring Boot's BOOT-INF/lib, a war's WEB-INF/lib, an ear's modules), recursively; and, from the same
 * loop over the outer archive's entries, its {@link JarIndex}. Pure function over a stream.
 * <p>
 * Two ways to walk an archive's entries, one loop ({@link #entries}) over both, so that they cannot drift apart:
 * <ul>
 * <li><b>held</b>: an archive that fits the bytes it may hold is collected as it passes (sha1 on the way), and
 * its central directory gives the names and sizes; only MANIFEST.MF, pom.properties, pom.xml, the few texts the
 * index wants and nested archives are inflated, never class files. A nested archive stored uncompressed (Spring
 * Boot's BOOT-INF/lib) is read in place, a slice of its parent's bytes; a deflated one is inflated into its own
 * array while the budget allows, else streamed.</li>
 * <li><b>streamed</b>: the local headers in order, every entry inflated ({@code ZipArchiveInputStream}): for what is
 * too large to hold, and for what the directory cannot be trusted to describe as the local headers do: no readable
 * end record, Zip64 (in the directory, or a local Zip64 field too short for the sizes), a prefix before the first
 * entry (self-extracting), gaps, overlaps or trailing entries, a data descriptor whose signature is not there when it
 * takes 16 bytes (or is when 12), local names, sizes, methods or flags other than the directory's, encryption,
 * methods other than stored and deflated, empty archives. Nested archives of a streamed one are held when small
 * enough. A stored entry behind a data descriptor (Python's zipfile writing to a pipe, Go's archive/zip) is read by
 * the directory's sizes when held; streamed, it is read as damaged, as the stream reader could find its end only by
 * holding all of it.</li>
 * </ul>
 * Both give the same {@link JavaArchive} for intact archives (JarReaderDirectoryTest reads the jars of a local Maven
 * repository and of the fixture images both ways), including the streamed reader's sizes of a nested archive behind
 * a data descriptor (size counted, stored size = size, as the local header says neither). Deliberate differences,
 * on damaged archives only: the held reader does not inflate what it does not need, so deflated data that is corrupt
 * in an entry it skips (a class file) goes unnoticed, where the streamed reader would stop there and drop the
 * index, and deflated data of a skipped entry behind a data descriptor that ends before the directory's compressed
 * size (a jar made to hide entries in that gap from the directory) is passed over, where the streamed reader reads
 * what the gap holds; and the index takes the directory's uncompressed sizes, where the streamed reader counts
 * inflated bytes. The streamed reader, too, passes over an entry it does not read when its local header gives the
 * sizes (no data descriptor), taking that size: only entries behind a data descriptor (jar tools writing as they go)
 * are inflated to be counted.
 * <p>
 * Memory: one held archive's bytes, plus the deflated nested archives inflated while it is read, together at most
 * what it was given: {@link #HELD_BOUND}, or in a layer scan what it reserved of the scan's {@link HeldMemory} (up to
 * {@link #MAX_HELD}); plus its directory and those of the nested archives read while it is open, together at most
 * {@link #MAX_DIRECTORY} bytes of them (their entries are objects; a nested one that does not fit is streamed), so
 * hostile directories of tiny entries stay bounded. Time: a compressed nested archive, inflated whole for its sha1,
 * is refused past its first MiB when it inflates to more than a hundred times its compressed size (a zip bomb): the
 * archive holding it is read up to it, as a damaged one is.
 */
public final class JarReader {
    /** Nested archives deeper than this are not opened (a jar in a jar in a war in an ear is depth 3). */
    static final int MAX_DEPTH = 4;
    /** Entries read per archive at most: a bound against hostile archives. */
    static final int MAX_ENTRIES = 200_000;
    /** MANIFEST.MF and pom.properties larger than this are not read. */
    private static final int MAX_METADATA = 1 << 20;
    /**
     * The most one archive read may hold in memory. Library jars fit (the largest of 1,492 jars from Maven Central in
     * a developer's repository: 8.7 MB) and so do most fat jars; what is larger is streamed with the same result, so
     * the bound trades speed only, never results.
     */
    static final int MAX_HELD = 64 << 20;
    /**
     * Half of {@link HeldMemory#ofHeap()} ({@code -Xmx256m}: 32 MiB of 64), up to {@link #MAX_HELD}: what a read
     * outside a layer scan holds at most, and what a read in one asks the pool for at least, so that a small jar also
     * leaves room for the nested archives it inflates. Of the heap alone, never of the processors: a damaged nested
     * jar, which the held and the streaming reader may see differently, must read the same on every machine (it
     * was the heap over four times the processors, and a report of 8 processors lost a component one of 2 had).
     */
    static final long HELD_BOUND = Math.min(MAX_HELD, io.github.imagehygiene.common.Heap.max() / 8);
    /**
     * A central directory larger than this is not parsed (the archive is streamed): its entries are objects in
     * memory, at most this over 46 bytes of them; real jars have around 100 bytes of directory per entry.
     */
    static final int MAX_DIRECTORY = 4 << 20;
    private static final List<String> MANIFEST_KEYS = List.of("Implementation-Title", "Implementation-Version",
            "Implementation-Vendor", "Implementation-Vendor-Id", "Specification-Title", "Specification-Version",
            "Bundle-SymbolicName", "Bundle-Version", "Bundle-Name", "Bundle-License", "Automatic-Module-Name",
            "Main-Class", "Start-Class", "Spring-Boot-Version");
    /** Gradle/Ivy-style Implementation-Title: "io.micrometer#micrometer-commons;1.15.5". */
    private static final Pattern IVY_TITLE = Pattern.compile("([\\w.\\-]+)#([\\w.\\-]+);(\\S+)");
    /** "spring-core-6.2.12" → spring-core, 6.2.12: the version starts at the first "-digit". */
    private static final Pattern NAME_VERSION = Pattern.compile("(.+?)-(\\d[^/]*)");

    private JarReader() {
    }

    /** Whether a path names a Java archive, by its extension. */
    public static boolean isArchive(String path) {
        // asked of every entry of every jar: no lower-cased copy of the name
        int at = path.length() - 4;
        return at >= 0 && (path.regionMatches(true, at, ".jar", 0, 4) || path.regionMatches(true, at, ".war", 0, 4)
                || path.regionMatches(true, at, ".ear", 0, 4));
    }

    /**
     * Reads an archive and those nested in it.
     *
     * @param path the archive's path in the image
     * @param in   its bytes; read to the end, not closed
     * @param size its size in bytes (as the tar header says)
     * @return the archive first, then the nested ones, depth first in entry order
     */
    public static List<JavaArtifact> read(String path, InputStream in, long size) throws IOException {
        List<JavaArtifact> out = new ArrayList<>();
        read(path, null, in, size, size, size, 0, out, null, new Budget(HELD_BOUND));
        return out;
    }

    /**
     * Reads an archive and those nested in it, and indexes it, in one pass: what {@link JavaArchivesCollector} keeps.
     *
     * @param path the archive's path in the image
     * @param in   its bytes; read to the end, not closed
     * @param size its size in bytes (as the tar header says)
     * @return the archive's index (null when its zip is damaged) and its artifacts as {@link #read} lists them
     */
    public static JavaArchive readArchive(String path, InputStream in, long size) throws IOException {
        return readArchive(path, in, size, HELD_BOUND);
    }

    /** What decides, besides an archive itself, whether it is held or streamed in a layer scan: this heap's bounds. */
    static String heldBounds() {
        return "held " + Math.min(MAX_HELD, HeldMemory.ofHeap().capacity()) + " share " + HELD_BOUND;
    }

    /**
     * {@link #readArchive(String, InputStream, long)} in a layer scan, the bytes held taken from {@code memory}, which
     * the scan's threads share: an archive up to {@link #MAX_HELD} (and the pool's capacity) is held whole, with at
     * least the {@link #HELD_BOUND} share for the nested archives it inflates; a larger one is streamed with that
     * share. The amount depends on the archive and the heap alone (the pool only makes a thread wait for it), so a
     * damaged archive, which the two readers may see differently, reads the same in every run.
     */
    public static JavaArchive readArchive(String path, InputStream in, long size, HeldMemory memory)
            throws IOException {
        long whole = Math.min(MAX_HELD, memory.capacity());
        long share = Math.min(HELD_BOUND, whole);
        long held = memory.reserve(size >= 0 && size <= whole ? Math.max(size, share) : share);
        try {
            return readArchive(path, in, size, held);
        } finally {
            memory.release(held);
        }
    }

    /**
     * {@link #readArchive(String, InputStream, long)} holding at most {@code held} bytes: 0 streams everything, as the
     * reader did before it read central directories (tests compare the two).
     */
    static JavaArchive readArchive(String path, InputStream in, long size, long held) throws IOException {
        List<JavaArtifact> out = new ArrayList<>();
        Indexing indexing = new Indexing();
        read(path, null, in, size, size, size, 0, out, indexing, new Budget(held));
        return new JavaArchive(path, indexing.failed ? null : indexing.builder.build(path, size), out);
    }

    /** Whether a held archive would be read by its central directory (else streamed): for tests. */
    static boolean readsDirectory(byte[] archive) {
        return Directory.open(archive, 0, archive.length, MAX_DIRECTORY) != null;
    }

    /** The index being built of the outer archive, and whether that failed. */
    private static final class Indexing {
        final JarIndex.Builder builder = new JarIndex.Builder();
        final byte[] buffer = new byte[64 * 1024];
        boolean failed;

        void entry(String name, boolean directory, long size, byte[] text) {
            if (failed) {
                return;
            }
            try {
                builder.entry(name, directory, size, text);
            } catch (IOException | RuntimeException e) {
                failed = true; // an unparsable manifest costs the index, not the identification
            }
        }

        /** Reads the rest of the current entry, returning how many bytes it had. */
        long drain(InputStream in) throws IOException {
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
            return total;
        }
    }

    /** Bytes one archive read may still hold: shared by the archive and the nested ones inflated while it is read. */
    private static final class Budget {
        long left;
        /**
         * Directory bytes that may still be opened: the directories of an archive and of the nested ones read while
         * it is open are all in memory at once (their entries as objects), so they share {@link #MAX_DIRECTORY}.
         */
        long directory = MAX_DIRECTORY;

        Budget(long left) {
            this.left = left;
        }
    }

    /** What the loop over an archive's entries gathers. */
    private static final class Found {
        final List<JavaArtifact> nested = new ArrayList<>();
        final List<PomProperties> poms = new ArrayList<>();
        final List<PomProperties> declared = new ArrayList<>();
        final Map<String, String> manifest = new LinkedHashMap<>();
        int entries;
    }

    /** An archive's entries in zip order, whichever way they are read. */
    private interface Cursor {
        /** The next entry, or null after the last. */
        ZipArchiveEntry next() throws IOException;

        /** The first {@code limit} bytes of the current entry (read once per entry). */
        byte[] text(ZipArchiveEntry e, int limit) throws IOException;

        /** Reads the current entry as a nested archive into {@code out}; returns the bytes of it read. */
        long nested(ZipArchiveEntry e, String path, String parent, int depth, List<JavaArtifact> out)
                throws IOException;

        /** The current entry's uncompressed size, {@code read} bytes of it read already. */
        long size(ZipArchiveEntry e, long read, Indexing index) throws IOException;
    }

    /**
     * Adds the archive (unless it has no zip entry at all) and then its nested archives to {@code out}; feeds every
     * entry of the archive to {@code index} when not null (the outer archive only). Holds the archive when
     * {@code length} is known and within the budget, else streams it.
     *
     * @param length     the bytes {@code raw} holds when known, else -1
     * @param size       the size to report, or -1 to count it
     * @param storedSize the stored size to report, or -1 for the size
     */
    private static void read(String path, String parent, InputStream raw, long length, long size, long storedSize,
            int depth, List<JavaArtifact> out, Indexing index, Budget budget) throws IOException {
        if (length < 0 || length > budget.left) {
            stream(path, parent, raw, null, size, storedSize, depth, out, index, budget);
            return;
        }
        int n = (int) length;
        budget.left -= n;
        try {
            MessageDigest sha1 = Sha1.digest();
            DigestingStream in = new DigestingStream(raw, sha1);
            byte[] bytes = new byte[n];
            int got = in.readNBytes(bytes, 0, n);
            int more = got < n ? -1 : in.read();
            if (got < n || more >= 0) {
                // not the length it was said to have: the stream reader sees it as it is
                InputStream rest = new ByteArrayInputStream(bytes, 0, got);
                if (more >= 0) {
                    rest = new SequenceInputStream(rest, new SequenceInputStream(
                            new ByteArrayInputStream(new byte[] {(byte) more}), raw));
                }
                stream(path, parent, rest, null, size, storedSize, depth, out, index, budget);
                return;
            }
            held(path, parent, bytes, 0, n, HexFormat.of().formatHex(sha1.digest()), size, storedSize, depth, out,
                    index, budget);
        } finally {
            budget.left += n;
        }
    }

    /** Reads an archive held in {@code bytes[off, off + len)}, by its central directory when that can be trusted. */
    private static void held(String path, String parent, byte[] bytes, int off, int len, String sha1, long size,
            long storedSize, int depth, List<JavaArtifact> out, Indexing index, Budget budget) throws IOException {
        Directory directory = Directory.open(bytes, off, len, budget.directory);
        if (directory == null) {
            stream(path, parent, new ByteArrayInputStream(bytes, off, len), sha1, size, storedSize, depth, out, index,
                    budget);
            return;
        }
        String hex = sha1 != null ? sha1 : Sha1.hex(bytes, off, len);
        Found found = new Found();
        budget.directory -= directory.size;
        try {
            entries(path, depth, directory.cursor(budget), index, found);
        } catch (IOException | RuntimeException damaged) {
            if (!keepDamaged(damaged, depth, index, found)) {
                return;
            }
        } finally {
            budget.directory += directory.size;
        }
        add(path, parent, size >= 0 ? size : len, storedSize, hex, found, out);
    }

    /** Reads an archive from its local headers, inflating every entry. */
    private static void stream(String path, String parent, InputStream raw, String knownSha1, long size,
            long storedSize, int depth, List<JavaArtifact> out, Indexing index, Budget budget) throws IOException {
        MessageDigest sha1 = knownSha1 == null ? Sha1.digest() : null;
        DigestingStream in = new DigestingStream(raw, sha1);
        Found found = new Found();
        // not a stored entry behind a data descriptor: Commons Compress would hold all of it in memory to find its end
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new NonClosing(in), "UTF-8", true, false)) {
            entries(path, depth, new Streamed(zip, budget), index, found);
        } catch (IOException | RuntimeException damaged) {
            if (!keepDamaged(damaged, depth, index, found)) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
        }
        in.transferTo(OutputStream.nullOutputStream()); // the rest (central directory), for the sha1
        add(path, parent, size >= 0 ? size : in.count, storedSize,
                knownSha1 != null ? knownSha1 : HexFormat.of().formatHex(sha1.digest()), found, out);
    }

    /**
     * After a failure: whether the archive is still listed with what was read of it (a nested one with nothing
     * identifying is skipped by its parent); rethrows for an outer archive with no entry read. A zip not read to the
     * end has no index.
     */
    private static boolean keepDamaged(Exception damaged, int depth, Indexing index, Found found)
            throws IOException {
        if (index != null) {
            index.failed = true;
        }
        if (found.entries == 0 || depth > 0 && found.poms.isEmpty() && found.manifest.isEmpty()) {
            if (depth == 0) {
                if (damaged instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) damaged;
            }
            return false;
        }
        return true;
    }

    /** Adds the archive, identified, then its nested archives; nothing when it had no zip entry (no zip at all). */
    private static void add(String path, String parent, long bytes, long storedSize, String sha1, Found found,
            List<JavaArtifact> out) {
        if (found.entries == 0) {
            return; // not a zip file, whatever its name
        }
        out.add(identify(path, parent, bytes, storedSize >= 0 ? storedSize : bytes, sha1, found.poms,
                found.manifest, found.declared));
        out.addAll(found.nested);
    }

    /** The one loop over an archive's entries: identification, nested archives, and the index when wanted. */
    private static void entries(String path, int depth, Cursor cursor, Indexing index, Found found)
            throws IOException {
        ZipArchiveEntry e;
        while ((e = cursor.next()) != null) {
            found.entries++;
            // Identification reads MAX_ENTRIES at most; the index (bounded by its own limits) counts them all.
            boolean identify = found.entries <= MAX_ENTRIES;
            if (!identify && index == null) {
                break;
            }
            String name = e.getName();
            if (e.isDirectory()) {
                if (index != null) {
                    index.entry(name, true, 0, null);
                }
                continue;
            }
            boolean indexText = index != null && JarIndex.Builder.wantsText(name);
            byte[] metadata = null;
            long read = 0; // bytes of the entry read here; the streamed index needs them all
            if (!identify) {
                // only indexed from here on
            } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                metadata = cursor.text(e, MAX_METADATA);
                found.manifest.putAll(manifest(metadata));
            } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                metadata = cursor.text(e, MAX_METADATA);
                PomProperties pom = pom(metadata, name);
                if (pom != null) {
                    found.poms.add(pom);
                }
            } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml")) {
                metadata = cursor.text(e, MAX_METADATA);
                found.declared.addAll(PomXml.dependencies(metadata, name));
            } else if (depth < MAX_DEPTH && isArchive(name)) {
                read = cursor.nested(e, path + "!/" + name, path, depth + 1, found.nested);
            }
            if (index == null) {
                continue;
            }
            if (indexText && metadata == null) {
                metadata = cursor.text(e, JarIndex.Builder.TEXT_LIMIT);
            }
            byte[] text = null;
            if (metadata != null) {
                read = metadata.length;
                text = !indexText ? null
                        : metadata.length > JarIndex.Builder.TEXT_LIMIT
                                ? Arrays.copyOf(metadata, JarIndex.Builder.TEXT_LIMIT) : metadata;
            }
            index.entry(name, false, cursor.size(e, read, index), text);
        }
    }

    /** Entries from the local headers, as they pass. */
    private static final class Streamed implements Cursor {
        private final ZipArchiveInputStream zip;
        private final Budget budget;

        Streamed(ZipArchiveInputStream zip, Budget budget) {
            this.zip = zip;
            this.budget = budget;
        }

        @Override
        public ZipArchiveEntry next() throws IOException {
            return zip.getNextZipEntry();
        }

        @Override
        public byte[] text(ZipArchiveEntry e, int limit) throws IOException {
            return zip.readNBytes(limit);
        }

        @Override
        public long nested(ZipArchiveEntry e, String path, String parent, int depth, List<JavaArtifact> out)
                throws IOException {
            // sizes as the local header says (-1 behind a data descriptor)
            CountingStream entry = new CountingStream(zip);
            // every method the stream reader decompresses (deflate, deflate64, bzip2, the old PKWARE ones)
            InputStream guarded = e.getMethod() != ZipArchiveEntry.STORED
                    ? new Inflating(entry, zip::getCompressedCount) : entry;
            read(path, parent, guarded, e.getSize(), e.getSize(), e.getCompressedSize(), depth, out, null, budget);
            return entry.count;
        }

        @Override
        public long size(ZipArchiveEntry e, long read, Indexing index) throws IOException {
            if (read == 0 && e.getSize() >= 0 && !e.getGeneralPurposeBit().usesDataDescriptor()) {
                // the local header says the size and where the entry ends: the reader passes over its compressed
                // bytes without inflating them (aws-java-sdk-models: 1.7 GB of JSON in a 91 MB jar), as the held
                // reader takes the directory's sizes
                return e.getSize();
            }
            return read + index.drain(zip);
        }
    }

    /**
     * A held archive's central directory, checked against its local headers: opened only when the entries the
     * directory lists, in the order of their local headers, tile the archive from its first byte to the directory
     * with the same names, methods, flags and sizes, so that the stream reader would meet exactly these entries.
     */
    private static final class Directory {
        private static final int LOCAL = 0x04034b50;
        private static final int CENTRAL = 0x02014b50;
        private static final int END = 0x06054b50;
        private static final int ZIP64_LOCATOR = 0x07064b50;
        private static final int DESCRIPTOR = 0x08074b50;
        private static final int ZIP64_EXTRA = 0x0001;
        private static final int STORED = ZipArchiveEntry.STORED;
        private static final int DEFLATED = ZipArchiveEntry.DEFLATED;

        private final byte[] bytes;
        private final int off;
        /** The directory's bytes, what its entries take of {@link Budget#directory}. */
        private final long size;
        private final List<ZipArchiveEntry> entries;
        /** Per entry: its data's offset in the archive; negative when a data descriptor follows it. */
        private final long[] data;

        private Directory(byte[] bytes, int off, long size, List<ZipArchiveEntry> entries, long[] data) {
            this.bytes = bytes;
            this.off = off;
            this.size = size;
            this.entries = entries;
            this.data = data;
        }

        /**
         * The directory of {@code bytes[off, off + len)}, or null when it cannot be trusted or is larger than
         * {@code maxSize} bytes (then stream).
         */
        static Directory open(byte[] bytes, int off, int len, long maxSize) {
            int end = findEnd(bytes, off, len);
            if (end < 0 || u16(bytes, off + end + 4) != 0 || u16(bytes, off + end + 6) != 0) {
                return null; // no end record, or a multi-disk archive
            }
            int count = u16(bytes, off + end + 10);
            long cdSize = u32(bytes, off + end + 12);
            long cdOffset = u32(bytes, off + end + 16);
            if (count == 0 || count == 0xFFFF || count != u16(bytes, off + end + 8) || cdSize > maxSize
                    || cdOffset + cdSize != end
                    || end >= 20 && i32(bytes, off + end - 20) == ZIP64_LOCATOR) {
                return null; // empty, Zip64, too large, or a gap before the end record
            }
            Listing listing = central(bytes, off, count, cdOffset, cdSize);
            long[] data = listing == null ? null : tile(bytes, off, listing, cdOffset);
            return data == null ? null : new Directory(bytes, off, cdSize, listing.entries(), data);
        }

        /**
         * The directory's entries in the order of their local headers, or null when it is not a plain one (a record
         * that is not one, Zip64 sizes, an Info-ZIP Unicode path, records that do not fill the directory exactly).
         * Read here rather than by Commons Compress's {@code ZipFile}, which for every entry also parses extra fields,
         * converts DOS times through {@code Calendar} and fills a name map: about a third of the time of reading the
         * jars of a large image, for nothing the reader uses.
         */
        private static Listing central(byte[] b, int off, int count, long cdOffset, long cdSize) {
            List<ZipArchiveEntry> entries = new ArrayList<>(count);
            int[] names = new int[count];
            long[] order = new long[count];
            int at = off + (int) cdOffset;
            int end = off + (int) (cdOffset + cdSize);
            for (int i = 0; i < count; i++) {
                if (at + 46 > end || i32(b, at) != CENTRAL) {
                    return null;
                }
                int nameLength = u16(b, at + 28);
                int extraLength = u16(b, at + 30);
                int next = at + 46 + nameLength + extraLength + u16(b, at + 32);
                long csize = u32(b, at + 20);
                long size = u32(b, at + 24);
                long local = u32(b, at + 42);
                if (next > end || csize == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL
                        || hasUnicodePath(b, at + 46 + nameLength, extraLength)) {
                    return null;
                }
                String name = new String(b, at + 46, nameLength, StandardCharsets.UTF_8);
                if (backslashed(name) || !utf8(b, at + 46, nameLength, name)) {
                    return null;
                }
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                e.setMethod(u16(b, at + 10));
                e.setGeneralPurposeBit(GeneralPurposeBit.parse(b, at + 8));
                e.setCompressedSize(csize);
                e.setSize(size);
                names[i] = at + 46;
                // sorted by local header offset below, stable for equal ones: the offset in the high bits
                order[i] = local << 20 | i;
                entries.add(e);
                at = next;
            }
            if (at != end) {
                return null;
            }
            Arrays.sort(order);
            Listing listing = new Listing(new ArrayList<>(count), new long[count], new int[count]);
            for (int i = 0; i < count; i++) {
                int index = (int) (order[i] & 0xFFFFF);
                listing.entries().add(entries.get(index));
                listing.local()[i] = order[i] >>> 20;
                listing.names()[i] = names[index];
            }
            return listing;
        }

        /**
         * Whether {@code b[at, at + length)} is the UTF-8 of {@code name}: bytes that are not UTF-8 decode to U+FFFD
         * here but to '?' in the stream reader, which reads such an archive instead.
         */
        private static boolean utf8(byte[] b, int at, int length, String name) {
            for (int i = at; i < at + length; i++) {
                if (b[i] < 0) {
                    byte[] again = name.getBytes(StandardCharsets.UTF_8);
                    return Arrays.equals(again, 0, again.length, b, at, at + length);
                }
            }
            return true;
        }

        /** Entries in local header order, each with its local header's offset and its name's place in the directory. */
        private record Listing(List<ZipArchiveEntry> entries, long[] local, int[] names) {
        }

        /** The end of central directory record's offset: the last one whose comment reaches the end exactly. */
        private static int findEnd(byte[] b, int off, int len) {
            for (int at = len - 22; at >= 0 && at >= len - 22 - 0xFFFF; at--) {
                if (i32(b, off + at) == END && at + 22 + u16(b, off + at + 20) == len) {
                    return at;
                }
            }
            return -1;
        }

        /**
         * Checks that the local headers say what the directory says and follow each other without gap from offset 0
         * to the directory; returns each entry's data offset (negated when a data descriptor follows), or null.
         */
        private static long[] tile(byte[] b, int off, Listing listing, long cdOffset) {
            List<ZipArchiveEntry> entries = listing.entries();
            long[] data = new long[entries.size()];
            long at = 0;
            boolean descriptor = false;
            for (int i = 0; i <= entries.size(); i++) {
                long next = i < entries.size() ? listing.local()[i] : cdOffset;
                long gap = next - at;
                // a data descriptor: crc and two 4-byte sizes, with its signature when 16 bytes, without when 12 (the
                // stream reader takes the signature where it finds one, and would read 4 bytes more or fewer)
                boolean signed = gap >= 4 && i32(b, off + (int) at) == DESCRIPTOR;
                if (descriptor ? gap != 12 && gap != 16 || signed != (gap == 16) : gap != 0) {
                    return null;
                }
                if (i == entries.size()) {
                    return data;
                }
                ZipArchiveEntry e = entries.get(i);
                if (next + 30 > cdOffset || i32(b, off + (int) next) != LOCAL) {
                    return null;
                }
                int h = off + (int) next;
                int flags = u16(b, h + 6);
                int method = u16(b, h + 8);
                int nameLength = u16(b, h + 26);
                int cdName = listing.names()[i];
                descriptor = (flags & 8) != 0;
                long start = next + 30 + nameLength + u16(b, h + 28);
                long csize = e.getCompressedSize();
                if (method != e.getMethod() || method != STORED && method != DEFLATED
                        || (flags & 1) != 0 || e.getGeneralPurposeBit().usesEncryption()
                        || ((flags & 0x800) != 0) != e.getGeneralPurposeBit().usesUTF8ForNames()
                        || descriptor != e.getGeneralPurposeBit().usesDataDescriptor()
                        || !descriptor && (u32(b, h + 18) != csize || u32(b, h + 22) != e.getSize())
                        || method == STORED && csize != e.getSize()
                        || csize < 0 || e.getSize() < 0 || start + csize > cdOffset
                        || !Arrays.equals(b, h + 30, h + 30 + nameLength, b, cdName, cdName + u16(b, cdName - 18))
                        || hasUnicodePath(b, h + 30 + nameLength, u16(b, h + 28))
                        || shortZip64(b, h + 30 + nameLength, u16(b, h + 28))) {
                    return null;
                }
                data[i] = descriptor ? -start : start;
                at = start + csize;
            }
            return data;
        }

        /**
         * A name the stream reader may rewrite: it turns backslashes into slashes in a name without a slash when the
         * local header's "version needed" says FAT, where the directory has its own "version made by".
         */
        private static boolean backslashed(String name) {
            return name.indexOf('\\') >= 0 && name.indexOf('/') < 0;
        }

        /** Whether local extra fields hold an Info-ZIP Unicode path, which the stream reader would take as name. */
        private static boolean hasUnicodePath(byte[] b, int at, int length) {
            for (int i = at; i + 4 <= at + length; i += 4 + u16(b, i + 2)) {
                if (u16(b, i) == 0x7075) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether local extra fields hold a Zip64 field too short for the two sizes, on which the stream reader fails.
         * A whole one changes nothing the held reader reads (the local sizes, checked against the directory's, are not
         * 0xFFFFFFFF, so the stream reader takes them): Ant writes one on every entry (Tomcat's jars).
         */
        private static boolean shortZip64(byte[] b, int at, int length) {
            for (int i = at; i + 4 <= at + length; i += 4 + u16(b, i + 2)) {
                int size = u16(b, i + 2);
                if (u16(b, i) == ZIP64_EXTRA && size > 0 && size < 16) {
                    return true;
                }
            }
            return false;
        }

        Cursor cursor(Budget budget) {
            return new Cursor() {
                private int i = -1;

                @Override
                public ZipArchiveEntry next() {
                    return ++i < entries.size() ? entries.get(i) : null;
                }

                @Override
                public byte[] text(ZipArchiveEntry e, int limit) throws IOException {
                    try (InputStream in = content(i)) {
                        return in.readNBytes(limit);
                    }
                }

                @Override
                public long nested(ZipArchiveEntry e, String path, String parent, int depth, List<JavaArtifact> out)
                        throws IOException {
                    // the sizes the stream reader reports: the local header's, unknown behind a data descriptor
                    boolean descriptor = data[i] < 0;
                    long size = descriptor ? -1 : e.getSize();
                    long storedSize = descriptor ? -1 : e.getCompressedSize();
                    if (e.getMethod() == STORED) {
                        held(path, parent, bytes, off + (int) Math.abs(data[i]), (int) e.getSize(), null, size,
                                storedSize, depth, out, null, budget);
                    } else {
                        try (InputStream in = content(i)) {
                            read(path, parent, in, e.getSize(), size, storedSize, depth, out, null, budget);
                        }
                    }
                    return e.getSize();
                }

                @Override
                public long size(ZipArchiveEntry e, long read, Indexing index) {
                    return e.getSize();
                }
            };
        }

        /** Entry {@code index}'s uncompressed bytes, read in place. */
        private InputStream content(int index) {
            ZipArchiveEntry e = entries.get(index);
            InputStream stored = new ByteArrayInputStream(bytes, off + (int) Math.abs(data[index]),
                    (int) e.getCompressedSize());
            if (e.getMethod() == STORED) {
                return stored;
            }
            Inflater inflater = new Inflater(true);
            return new Inflating(new InflaterInputStream(stored, inflater, 8192) {
                private boolean ended;

                @Override
                protected void fill() throws IOException {
                    if (ended) {
                        throw new EOFException("Unexpected end of ZLIB input stream");
                    }
                    len = in.read(buf, 0, buf.length);
                    if (len == -1) {
                        // zlib may want one byte past raw deflate data to see its end (as the JDK's ZipFile gives it)
                        buf[0] = 0;
                        len = 1;
                        ended = true;
                    }
                    inf.setInput(buf, 0, len);
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        inflater.end();
                    }
                }
            }, inflater::getBytesRead);
        }

        private static int u16(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        private static long u32(byte[] b, int at) {
            return i32(b, at) & 0xFFFFFFFFL;
        }

        private static int i32(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
        }
    }

    /** Identity from pom.properties, then MANIFEST.MF, then the file name. */
    static JavaArtifact identify(String path, String parent, long size, long storedSize, String sha1,
            List<PomProperties> poms, Map<String, String> manifest, List<PomProperties> declared) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        Matcher nv = NAME_VERSION.matcher(base);
        String fileArtifact = nv.matches() ? nv.group(1) : null;
        String fileVersion = nv.matches() ? nv.group(2) : null;

        PomProperties own = null;
        if (poms.size() == 1) {
            own = poms.get(0);
        } else {
            for (PomProperties p : poms) {
                if (base.equals(p.artifactId() + "-" + p.version()) || base.equals(p.artifactId())) {
                    own = p;
                    break;
                }
            }
            if (own == null && fileArtifact != null) {
                for (PomProperties p : poms) {
                    if (fileArtifact.equals(p.artifactId())) {
                        own = p;
                        break;
                    }
                }
            }
        }
        if (own != null) {
            return new JavaArtifact(path, parent, size, storedSize, sha1, own.groupId(), own.artifactId(),
                    own.version(), null, JavaArtifact.IdentifiedBy.POM_PROPERTIES, "pom.properties", poms, manifest,
                    declared);
        }
        String title = manifest.get("Implementation-Title");
        Matcher ivy = title == null ? null : IVY_TITLE.matcher(title.strip());
        String group = null;
        String artifact;
        String version = firstNonBlank(manifest.get("Implementation-Version"), manifest.get("Bundle-Version"),
                manifest.get("Specification-Version"));
        if (ivy != null && ivy.matches()) {
            group = ivy.group(1);
            artifact = ivy.group(2);
            version = version != null ? version : ivy.group(3);
        } else if (fileArtifact != null) {
            artifact = fileArtifact;
        } else if (title != null && title.strip().matches("[\\w.\\-]+")) {
            artifact = title.strip();
        } else if (manifest.get("Bundle-SymbolicName") != null) {
            artifact = manifest.get("Bundle-SymbolicName").split(";")[0].strip();
        } else {
            artifact = base;
        }
        // Implementation-Vendor-Id alone is not taken here: it names the vendor as often as the group (org.apache,
        // org.glassfish for jakarta.annotation-api); GroupIds takes it, marked, only when Bundle-SymbolicName agrees.
        JavaArtifact.IdentifiedBy by = JavaArtifact.IdentifiedBy.MANIFEST;
        if (version == null) {
            version = fileVersion;
            by = JavaArtifact.IdentifiedBy.FILE_NAME;
        }
        String evidence = group != null ? "manifest Implementation-Title"
                : by == JavaArtifact.IdentifiedBy.MANIFEST ? "manifest" : "file name";
        return new JavaArtifact(path, parent, size, storedSize, sha1, group, artifact, version, null, by, evidence,
                poms, manifest, declared);
    }

    /**
     * The artifactId and version a file name says, Maven's {@code ARTIFACT-VERSION.jar} ("spring-core-6.2.12.jar"
     * → spring-core, 6.2.12: the version starts at the first "-digit"); null when it has no version.
     */
    static String[] nameAndVersion(String fileName) {
        String base = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Matcher nv = NAME_VERSION.matcher(base);
        return nv.matches() ? new String[] {nv.group(1), nv.group(2)} : null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static Map<String, String> manifest(byte[] bytes) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Attributes main = new Manifest(new java.io.ByteArrayInputStream(bytes)).getMainAttributes();
        for (String key : MANIFEST_KEYS) {
            String v = main.getValue(key);
            if (v != null && !v.isBlank()) {
                out.put(key, v.strip());
            }
        }
        return out;
    }

    private static PomProperties pom(byte[] bytes, String location) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.ByteArrayInputStream(bytes));
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g == null || a == null || v == null || g.isBlank() || a.isBlank() || v.isBlank()) {
            return null;
        }
        return new PomProperties(g.strip(), a.strip(), v.strip(), location);
    }

    /** Hashes (unless the digest is null: hashed already) and counts what passes. */
    private static final class DigestingStream extends FilterInputStream {
        private final MessageDigest digest;
        long count;

        DigestingStream(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                if (digest != null) {
                    digest.update((byte) b);
                }
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                if (digest != null) {
                    digest.update(b, off, n);
                }
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }

    /**
     * Inflated bytes of an entry, refused past {@link #MAX_RATIO} times the compressed bytes read for them (and
     * {@link #SLACK}): a zip bomb. A compressed jar nested in another is inflated whole for its sha1 even when it is
     * too large to hold, so three nested levels of 1,000:1 made a 15 KB jar take minutes; real nested jars inflate to
     * about their compressed size, already compressed as they are (among the 893,100 entries of 2,831 jars of Maven
     * repositories, none over 1 MiB inflated more than 24 times). Both readers count what the decompressor took in,
     * so they refuse at the same place.
     */
    private static final class Inflating extends CountingStream {
        static final int MAX_RATIO = 100;
        static final long SLACK = 1 << 20;
        private final java.util.function.LongSupplier compressed;

        Inflating(InputStream in, java.util.function.LongSupplier compressed) {
            super(in);
            this.compressed = compressed;
        }

        @Override
        void counted() throws IOException {
            if (count > SLACK && count > MAX_RATIO * compressed.getAsLong()) {
                throw new IOException("an entry that inflates to more than " + MAX_RATIO
                        + " times its compressed size (a zip bomb)");
            }
        }

        @Override
        public void close() throws IOException {
            in.close(); // the decompressor's, when it is this reader's own
        }
    }

    /** Counts what is read through it (skips included); ignores close(). */
    private static class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        /** After {@link #count} grew: for a subclass to check it. */
        void counted() throws IOException {
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
                counted();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                counted();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long done = in.skip(n);
            count += Math.max(0, done);
            counted();
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            // the caller owns the stream
        }
    }

    /** Keeps the zip reader from closing the stream it reads from. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
