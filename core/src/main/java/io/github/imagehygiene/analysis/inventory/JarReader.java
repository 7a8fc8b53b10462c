package io.github.imagehygiene.analysis.inventory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Identifies Java archives from one streaming read (no random access, so it works inside the layer pass): sha1 of the
 * bytes, every {@code META-INF/maven/**}{@code /pom.properties}, the MANIFEST.MF main section, and every nested
 * archive (Spring Boot's BOOT-INF/lib, a war's WEB-INF/lib, an ear's modules), recursively; and, from the same loop
 * over the outer archive's entries, its {@link JarIndex}. Pure function over a stream.
 */
public final class JarReader {
    /** Nested archives deeper than this are not opened (a jar in a jar in a war in an ear is depth 3). */
    static final int MAX_DEPTH = 4;
    /** Entries read per archive at most: a bound against hostile archives. */
    static final int MAX_ENTRIES = 200_000;
    /** MANIFEST.MF and pom.properties larger than this are not read. */
    private static final int MAX_METADATA = 1 << 20;
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
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jar") || p.endsWith(".war") || p.endsWith(".ear");
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
        read(path, null, in, size, size, 0, out, null);
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
        List<JavaArtifact> out = new ArrayList<>();
        Indexing indexing = new Indexing();
        read(path, null, in, size, size, 0, out, indexing);
        return new JavaArchive(path, indexing.failed ? null : indexing.builder.build(path, size), out);
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

    /**
     * Adds the archive (unless it has no zip entry at all) and then its nested archives to {@code out}; feeds every
     * entry of the archive to {@code index} when not null (the outer archive only).
     */
    private static void read(String path, String parent, InputStream raw, long size, long storedSize, int depth,
            List<JavaArtifact> out, Indexing index) throws IOException {
        MessageDigest sha1 = Sha1.digest();
        DigestingStream in = new DigestingStream(raw, sha1);
        List<JavaArtifact> nested = new ArrayList<>();
        List<PomProperties> poms = new ArrayList<>();
        List<PomProperties> declared = new ArrayList<>();
        Map<String, String> manifest = new LinkedHashMap<>();
        int entries = 0;
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new NonClosing(in), "UTF-8", true, true)) {
            ZipArchiveEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries++;
                // Identification reads MAX_ENTRIES at most; the index (bounded by its own limits) counts them all.
                boolean identify = entries <= MAX_ENTRIES;
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
                long read = 0; // bytes of the entry read here; the index needs them all
                if (!identify) {
                    // only indexed from here on
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    metadata = zip.readNBytes(MAX_METADATA);
                    manifest.putAll(manifest(metadata));
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    metadata = zip.readNBytes(MAX_METADATA);
                    PomProperties pom = pom(metadata, name);
                    if (pom != null) {
                        poms.add(pom);
                    }
                } else if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.xml")) {
                    metadata = zip.readNBytes(MAX_METADATA);
                    declared.addAll(PomXml.dependencies(metadata, name));
                } else if (depth < MAX_DEPTH && isArchive(name)) {
                    CountingStream entry = new CountingStream(zip);
                    read(path + "!/" + name, path, entry, e.getSize(), e.getCompressedSize(), depth + 1, nested,
                            null);
                    read = entry.count;
                }
                if (index == null) {
                    continue;
                }
                if (indexText && metadata == null) {
                    metadata = zip.readNBytes(JarIndex.Builder.TEXT_LIMIT);
                }
                byte[] text = null;
                if (metadata != null) {
                    read = metadata.length;
                    text = !indexText ? null
                            : metadata.length > JarIndex.Builder.TEXT_LIMIT
                                    ? Arrays.copyOf(metadata, JarIndex.Builder.TEXT_LIMIT) : metadata;
                }
                index.entry(name, false, read + index.drain(zip), text);
            }
        } catch (IOException | RuntimeException damaged) {
            if (index != null) {
                index.failed = true; // a zip not read to the end has no index
            }
            // A damaged archive is still listed with what was read of it (a nested one is skipped by its parent).
            if (entries == 0 || depth > 0 && poms.isEmpty() && manifest.isEmpty()) {
                if (depth == 0) {
                    throw damaged;
                }
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
        }
        in.transferTo(OutputStream.nullOutputStream()); // the rest (central directory), for the sha1
        if (entries == 0) {
            return; // not a zip file, whatever its name
        }
        long bytes = size >= 0 ? size : in.count;
        out.add(identify(path, parent, bytes, storedSize >= 0 ? storedSize : bytes,
                HexFormat.of().formatHex(sha1.digest()), poms, manifest, declared));
        out.addAll(nested);
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

    /** Hashes and counts what passes. */
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
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
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

    /** Counts what is read through it (skips included); ignores close(). */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long done = in.skip(n);
            count += Math.max(0, done);
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
