package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.testing.ForkedJvm;

/**
 * Jars made to read one way by their central directory and another by their local headers, or to take the reader's
 * memory or time: the held reader leaves what it cannot vouch for to the streamed one, so both read them alike, and
 * neither holds more than its bounds. Each starts from a jar the JDK's own {@link ZipOutputStream} writes, changed in
 * the one place the case is about, or from one Python's zipfile writes (src/test/fixtures/jars/make-jars.py); the
 * streamed stored entry behind a data descriptor of 256 MiB is written here, byte by byte.
 */
class JarReaderHostileTest {
    private static final int LOCAL = 0x04034b50;
    private static final int DESCRIPTOR = 0x08074b50;

    /** A jar the JDK writes: a pom.properties naming it, then a text file, both deflated behind data descriptors. */
    private static byte[] jar(byte[] pomExtra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry pom = new ZipEntry("META-INF/maven/org.example/demo/pom.properties");
            if (pomExtra != null) {
                pom.setExtra(pomExtra);
            }
            zip.putNextEntry(pom);
            zip.write("groupId=org.example\nartifactId=demo\nversion=1.2.3\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write("text".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String canonical(byte[] bytes, long held) {
        try {
            JavaArchive a = JarReader.readArchive("/demo.jar", new ByteArrayInputStream(bytes), bytes.length, held);
            return a + " " + Objects.hash(a);
        } catch (IOException | RuntimeException e) {
            return "failed: " + e;
        }
    }

    @Test
    void theJdksJarReadsTheSameBothWays() throws IOException {
        byte[] jar = jar(null);
        assertThat(JarReader.readsDirectory(jar)).isTrue();
        assertThat(canonical(jar, JarReader.HELD_BOUND)).isEqualTo(canonical(jar, 0))
                .contains("org.example", "demo", "1.2.3");
    }

    /**
     * A 16-byte data descriptor whose signature is damaged (one byte, as a flipped bit does): the stream reader takes
     * its first four bytes for the crc and loses its place, so the held reader must not take the directory's word.
     */
    @Test
    void aDataDescriptorWithoutItsSignatureIsReadAsTheStreamReaderReadsIt() throws IOException {
        byte[] jar = jar(null);
        ByteBuffer b = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        int second = indexOf(jar, LOCAL, 4); // the second entry's local header: the first's descriptor is before it
        assertThat(b.getInt(second - 16)).isEqualTo(DESCRIPTOR);
        jar[second - 14] = 0; // PK\7\8 → PK\0\8

        assertThat(JarReader.readsDirectory(jar)).isFalse();
        assertThat(canonical(jar, JarReader.HELD_BOUND)).isEqualTo(canonical(jar, 0));
    }

    /**
     * A local Zip64 extra field (header 0x0001) the directory does not have: the stream reader takes its sizes from it,
     * or fails on it when it is malformed (here 8 bytes, where the sizes take 16).
     */
    @Test
    void aLocalZip64ExtraFieldIsReadAsTheStreamReaderReadsIt() throws IOException {
        byte[] extra = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xCAFE)
                .putShort((short) 8).putLong(0).array();
        byte[] jar = jar(extra);
        ByteBuffer b = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        int at = 30 + (b.getShort(26) & 0xFFFF); // the first local header's extra field
        assertThat(b.getShort(at) & 0xFFFF).isEqualTo(0xCAFE);
        b.putShort(at, (short) 0x0001); // in the local header only: the directory keeps 0xCAFE

        assertThat(JarReader.readsDirectory(jar)).isFalse();
        assertThat(canonical(jar, JarReader.HELD_BOUND)).isEqualTo(canonical(jar, 0));
    }

    /**
     * A whole local Zip64 field (both sizes) on an entry whose local header gives its sizes, as Ant writes on every
     * entry (Tomcat's jars): the stream reader takes the local header's sizes, so the directory is read.
     */
    @Test
    void aWholeLocalZip64FieldBeforeNoDescriptorIsReadByTheDirectory() throws IOException {
        byte[] text = "groupId=org.example\nartifactId=demo\nversion=1.2.3\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry pom = new ZipEntry("META-INF/maven/org.example/demo/pom.properties");
            pom.setMethod(ZipEntry.STORED);
            pom.setSize(text.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(text);
            pom.setCrc(crc.getValue());
            pom.setExtra(ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xCAFE)
                    .putShort((short) 16).putLong(text.length).putLong(text.length).array());
            zip.putNextEntry(pom);
            zip.write(text);
        }
        byte[] jar = bytes.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        int at = 30 + (b.getShort(26) & 0xFFFF);
        assertThat(b.getShort(6) & 8).as("no data descriptor").isZero();
        b.putShort(at, (short) 0x0001);

        assertThat(JarReader.readsDirectory(jar)).isTrue();
        assertThat(canonical(jar, JarReader.HELD_BOUND)).isEqualTo(canonical(jar, 0)).contains("version=1.2.3");
    }

    /**
     * A jar Python's zipfile wrote to a pipe (src/test/fixtures/jars/make-jars.py): stored entries, each behind a data
     * descriptor. Held, it is read by its directory, as the JDK's own zip reader reads it; streamed (too large to
     * hold), it would be read as damaged.
     */
    @Test
    void storedEntriesBehindDataDescriptorsAreReadByTheDirectory() throws IOException {
        Path jar = Path.of("src/test/resources/jars/stored-behind-descriptor.jar");
        byte[] bytes = java.nio.file.Files.readAllBytes(jar);
        List<String> names;
        String pom;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            names = zip.stream().map(ZipEntry::getName).toList();
            ZipEntry entry = zip.getEntry("META-INF/maven/org.example/piped/pom.properties");
            assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
            pom = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(6) & 8).as("data descriptor")
                .isEqualTo(8);
        assertThat(pom).contains("artifactId=piped", "version=2.0");

        assertThat(JarReader.readsDirectory(bytes)).isTrue();
        JavaArchive held = JarReader.readArchive("/piped.jar", new ByteArrayInputStream(bytes), bytes.length,
                JarReader.HELD_BOUND);
        assertThat(held.index()).isNotNull();
        assertThat(held.index().entries()).isEqualTo(names.size());
        assertThat(held.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.groupId()).isEqualTo("org.example");
            assertThat(a.artifactId()).isEqualTo("piped");
            assertThat(a.version()).isEqualTo("2.0");
        });
        assertThat(canonical(bytes, 0)).startsWith("JavaArchive[path=/demo.jar, index=null");
    }

    /**
     * That jar stored behind a data descriptor in another written the same way (a nested library, as Spring Boot
     * stores them): read in place, at the data's offset, with the sha1 of the file it was made from.
     */
    @Test
    void aNestedJarStoredBehindADataDescriptorIsReadInPlace() throws Exception {
        Path jars = Path.of("src/test/resources/jars");
        byte[] inner = java.nio.file.Files.readAllBytes(jars.resolve("stored-behind-descriptor.jar"));
        byte[] outer = java.nio.file.Files.readAllBytes(jars.resolve("nested-behind-descriptor.jar"));
        String sha1 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                .digest(inner));

        assertThat(JarReader.readsDirectory(outer)).isTrue();
        JavaArchive a = JarReader.readArchive("/n.jar", new ByteArrayInputStream(outer), outer.length,
                JarReader.HELD_BOUND);
        assertThat(a.artifacts()).hasSize(2);
        JavaArtifact nested = a.artifacts().get(1);
        assertThat(nested.path()).isEqualTo("/n.jar!/lib/piped.jar");
        assertThat(nested.sha1()).isEqualTo(sha1);
        assertThat(nested.artifactId()).isEqualTo("piped");
        assertThat(nested.version()).isEqualTo("2.0");
    }

    /**
     * A stored entry behind a data descriptor (its size unknown until its end) of 256 MiB: Commons Compress can read
     * one only by holding all of it; the reader refuses it as a damaged entry, in a 64 MiB heap.
     */
    @Test
    void aStoredEntryBehindADataDescriptorIsNotHeldInMemory(@TempDir Path dir) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(dir, List.of("-Xmx64m"), StoredBehindDescriptor.class);
        assertThat(r.output()).contains("read: JavaArchive[path=/stored.jar, index=null");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    /** Reads the jar of {@link #aStoredEntryBehindADataDescriptorIsNotHeldInMemory} streamed, as one too large is. */
    public static final class StoredBehindDescriptor {
        public static void main(String[] args) throws IOException {
            long n = 256L << 20;
            ByteBuffer local = ByteBuffer.allocate(30 + 5).order(ByteOrder.LITTLE_ENDIAN).putInt(LOCAL)
                    .putShort((short) 10).putShort((short) 8).putShort((short) 0).putInt(0).putInt(0).putInt(0)
                    .putInt(0).putShort((short) 5).putShort((short) 0).put("x.bin".getBytes(StandardCharsets.UTF_8));
            InputStream zeros = new InputStream() {
                private long left = n;

                @Override
                public int read() {
                    return left-- > 0 ? 0 : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int k = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + k, (byte) 0);
                    left -= k;
                    return k;
                }
            };
            ByteBuffer descriptor = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(DESCRIPTOR)
                    .putInt(0).putInt((int) n).putInt((int) n);
            InputStream jar = new SequenceInputStream(Collections.enumeration(List.of(
                    new ByteArrayInputStream(local.array()), zeros, new ByteArrayInputStream(descriptor.array()))));
            JavaArchive a = JarReader.readArchive("/stored.jar", jar, 35 + n + 16, 0);
            System.out.println("read: " + a);
        }
    }

    /**
     * Five jars each stored in the one before, each with 65,000 empty entries (a directory of 3 MB, within the 4 MiB
     * one directory may take; 18 MB as entry objects): the directories open at once share that bound, so the nested
     * ones are streamed, and a held read in a 140 MiB heap does not run out of it.
     */
    @Test
    void nestedDirectoriesOpenAtOnceShareOneBound(@TempDir Path dir) throws Exception {
        byte[] jar = null;
        for (int level = 0; level < 5; level++) {
            jar = NestedDirectories.storedJar(jar, 65_000);
        }
        java.nio.file.Files.write(dir.resolve("outer.jar"), jar);
        ForkedJvm.Result r = ForkedJvm.run(dir, List.of("-Xmx140m"), NestedDirectories.class, "outer.jar");
        assertThat(r.output()).contains("read 5 archives");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    /** Reads the jar of {@link #nestedDirectoriesOpenAtOnceShareOneBound}, held (64 MiB). */
    public static final class NestedDirectories {
        public static void main(String[] args) throws IOException {
            byte[] jar = java.nio.file.Files.readAllBytes(Path.of(args[0]));
            JavaArchive a = JarReader.readArchive("/outer.jar", new ByteArrayInputStream(jar), jar.length,
                    JarReader.MAX_HELD);
            System.out.println("read " + a.artifacts().size() + " archives");
        }

        /** A jar of {@code entries} empty stored entries, then {@code nested} stored as lib/n.jar when not null. */
        static byte[] storedJar(byte[] nested, int entries) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.setMethod(ZipOutputStream.STORED);
                java.util.zip.CRC32 empty = new java.util.zip.CRC32();
                for (int i = 0; i < entries; i++) {
                    ZipEntry e = new ZipEntry(Integer.toString(i, 36));
                    e.setSize(0);
                    e.setCrc(empty.getValue());
                    zip.putNextEntry(e);
                }
                if (nested != null) {
                    ZipEntry e = new ZipEntry("lib/n.jar");
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(nested);
                    e.setSize(nested.length);
                    e.setCrc(crc.getValue());
                    zip.putNextEntry(e);
                    zip.write(nested);
                }
            }
            return bytes.toByteArray();
        }
    }

    /**
     * A jar nested in a jar, holding a deflated jar whose first entry is 64 MiB of stored zeros (1,000:1 as its parent
     * stores it) and whose pom.properties comes after: too large to hold, it was inflated whole (three such levels
     * made a 15 KB jar take minutes); now it is refused as a zip bomb after its first MiB, so what follows is not
     * seen, the same held and streamed, and its parent is listed as read.
     */
    @Test
    void aNestedZipBombIsRefused() throws IOException {
        byte[] bomb = storedJar(64L << 20);
        byte[] outer = deflatedJar("lib/a.jar", new BytesEntry(deflatedJar("lib/b.jar", new BytesEntry(bomb))));
        assertThat(outer.length).isLessThan(1 << 20);

        String held = canonical(outer, JarReader.HELD_BOUND);
        assertThat(held).isEqualTo(canonical(outer, 0)).contains("path=/demo.jar!/lib/a.jar,")
                .doesNotContain("lib/b.jar,").doesNotContain("artifactId=bomb");
    }

    /**
     * The same bomb compressed with bzip2 (src/test/fixtures/jars/make-jars.py: 80 MiB in 674 bytes of jar), a method
     * only the streamed reader decompresses: refused alike.
     */
    @Test
    void aNestedBzip2BombIsRefused() throws IOException {
        byte[] jar = java.nio.file.Files.readAllBytes(Path.of("src/test/resources/jars/bzip2-bomb.jar"));
        assertThat(JarReader.readsDirectory(jar)).isFalse();
        assertThat(canonical(jar, JarReader.HELD_BOUND)).contains("artifactId=outer")
                .doesNotContain("lib/b.jar,").doesNotContain("artifactId=bomb");
    }

    /** A jar of {@code zeros} stored zero bytes, then a pom.properties naming it "bomb". */
    private static byte[] storedJar(long zeros) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] block = new byte[1 << 16];
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            for (long left = zeros; left > 0; left -= block.length) {
                crc.update(block, 0, (int) Math.min(block.length, left));
            }
            ZipEntry e = new ZipEntry("zeros.bin");
            e.setMethod(ZipEntry.STORED);
            e.setSize(zeros);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            for (long left = zeros; left > 0; left -= block.length) {
                zip.write(block, 0, (int) Math.min(block.length, left));
            }
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.example/bomb/pom.properties"));
            zip.write("groupId=org.example\nartifactId=bomb\nversion=1\n".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private interface Content {
        void writeTo(ZipOutputStream zip) throws IOException;
    }

    private record BytesEntry(byte[] bytes) implements Content {
        @Override
        public void writeTo(ZipOutputStream zip) throws IOException {
            zip.write(bytes);
        }
    }

    /** A jar of a pom.properties naming it, then {@code name} deflated. */
    private static byte[] deflatedJar(String name, Content content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/maven/org.example/" + name.hashCode() + "/pom.properties"));
            zip.write(("groupId=org.example\nartifactId=" + name.hashCode() + "\nversion=1\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(name));
            content.writeTo(zip);
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] b, int signature, int from) {
        ByteBuffer buffer = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i + 4 <= b.length; i++) {
            if (buffer.getInt(i) == signature) {
                return i;
            }
        }
        throw new IllegalStateException("no signature " + Integer.toHexString(signature));
    }
}
