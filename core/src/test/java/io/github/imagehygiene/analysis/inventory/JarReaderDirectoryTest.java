package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

import io.github.imagehygiene.inventory.LargeFixtures;
import io.github.imagehygiene.layer.HeldMemory;

/**
 * The reader that holds a jar and reads its central directory gives what the streaming reader gives (the reader as it
 * was before, forced with a bound of 0), field by field, on real jars: every jar of the local Maven repository (jars
 * Maven Central serves; a deterministic sample of the small ones, every large one and every one with nested
 * archives), the Spring Boot and shaded apps of the large fixtures and the jars in the layers of the Jib and Spring
 * Boot images; and on what the directory must not be trusted for: truncated jars, a prefix, trailing bytes. Sizes
 * and sha1 of nested jars are checked against the JDK's own zip reader.
 */
class JarReaderDirectoryTest {
    /** Jars above this size are all compared; smaller ones one in {@link #SAMPLE}. */
    private static final long LARGE = 16L << 20;
    /** One small jar in this many (by sorted path) keeps the comparison near half a minute on two cores. */
    private static final int SAMPLE = 2;

    @Test
    void everyKindOfJarOfTheLocalRepositoryReadsTheSameByItsDirectory() throws IOException {
        List<Path> jars = repositoryJars();
        assertThat(jars).as("jars in the local repository").hasSizeGreaterThan(100);
        List<String> differing = new ArrayList<>();
        List<String> streamed = new ArrayList<>();
        int compared = 0;
        int nestedCompared = 0;
        for (int i = 0; i < jars.size(); i++) {
            Path jar = jars.get(i);
            boolean nested = hasNestedArchive(jar);
            if (!nested && Files.size(jar) <= LARGE && i % SAMPLE != 0) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(jar);
            compared++;
            nestedCompared += nested ? 1 : 0;
            if (!JarReader.readsDirectory(bytes)) {
                streamed.add(jar.toString());
            }
            String held = canonical(jar.toString(), bytes, JarReader.HELD_BOUND);
            String stream = canonical(jar.toString(), bytes, 0);
            if (!held.equals(stream)) {
                differing.add(jar + "\n  held:     " + held + "\n  streamed: " + stream);
            }
            if (nested) {
                // held with no room left for its deflated nested jars (streamed from the directory's inflater), and
                // streamed with room for them (held from the local headers)
                for (long bound : new long[] {bytes.length, bytes.length - 1}) {
                    String other = canonical(jar.toString(), bytes, bound);
                    if (!other.equals(stream)) {
                        differing.add(jar + " (bound " + bound + ")\n  read:     " + other + "\n  streamed: "
                                + stream);
                    }
                }
            }
        }
        System.err.printf("compared %d jars of %d (%d with nested archives); directory not used for %d: %s%n",
                compared, jars.size(), nestedCompared, streamed.size(), streamed);
        assertThat(differing).as("jars read differently").isEmpty();
        // the comparison means something only if the directory is read: every jar from Maven Central is a plain zip
        assertThat(streamed).as("jars whose directory was not used").hasSizeLessThanOrEqualTo(compared / 100);
    }

    @Test
    void springBootAndShadedAppsReadTheSameHeldStreamedAndAboveTheBound() throws IOException {
        for (String name : List.of("inventory-boot-app.jar", "inventory-shaded-app.jar")) {
            Path jar = LargeFixtures.require(name);
            byte[] bytes = Files.readAllBytes(jar);
            assertThat(JarReader.readsDirectory(bytes)).as(name).isTrue();
            String held = canonical(name, bytes, JarReader.MAX_HELD);
            assertThat(held).as(name + " streamed").isEqualTo(canonical(name, bytes, 0));
            // above the bound: the outer jar streamed, its nested jars held (they fit), with the same result
            assertThat(held).as(name + " above the bound").isEqualTo(canonical(name, bytes, bytes.length - 1));
            assertThat(held).as(name + " a nested jar's worth").isEqualTo(canonical(name, bytes, 300_000));
        }
    }

    @Test
    void aLayerScanTakesTheBytesItHoldsFromItsPoolAndGivesThemBack() throws IOException {
        String name = "inventory-shaded-app.jar";
        byte[] bytes = Files.readAllBytes(LargeFixtures.require(name));
        String streamed = canonical(name, bytes, 0);
        for (long capacity : new long[] {2L * JarReader.MAX_HELD, bytes.length, bytes.length - 1, 0}) {
            HeldMemory pool = new HeldMemory(capacity);
            // as readArchive documents it: the whole archive when it fits the pool (and MAX_HELD), with at least a
            // thread's share; else the share, for its nested archives
            long whole = Math.min(JarReader.MAX_HELD, capacity);
            long share = Math.min(JarReader.HELD_BOUND, whole);
            long held = bytes.length <= whole ? Math.max(bytes.length, share) : share;
            long[] freeWhileReading = {-1};
            // the pool as the reader left it while it read the jar's last bytes
            InputStream content = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0 && freeWhileReading[0] < 0 && available() == 0) {
                        freeWhileReading[0] = pool.free();
                    }
                    return n;
                }
            };
            JavaArchive read = JarReader.readArchive(name, content, bytes.length, pool);

            assertThat(read + " " + Objects.hash(read)).as("capacity " + capacity).isEqualTo(streamed);
            assertThat(freeWhileReading[0]).as("free while reading, capacity " + capacity)
                    .isEqualTo(capacity - held);
            assertThat(pool.free()).as("given back, capacity " + capacity).isEqualTo(capacity);
        }
    }

    @Test
    void namesThatAreNotUtf8AreLeftToTheStreamReader() throws IOException {
        // the JDK's zip writer, asked for ISO-8859-1: "café.txt" as the byte E9, no UTF-8 flag
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out,
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\nImplementation-Title: cafe\n".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("caf\u00e9.txt"));
            zip.write('x');
            zip.closeEntry();
        }
        byte[] bytes = out.toByteArray();

        assertThat(JarReader.readsDirectory(bytes)).isFalse();
        assertThat(canonical("/cafe.jar", bytes, JarReader.MAX_HELD)).isEqualTo(canonical("/cafe.jar", bytes, 0))
                .doesNotContain("\uFFFD");
    }

    @Test
    void aJarWaitsForTheBytesOtherThreadsHoldRatherThanReadingDifferently() throws Exception {
        String name = "inventory-shaded-app.jar";
        byte[] bytes = Files.readAllBytes(LargeFixtures.require(name));
        HeldMemory pool = new HeldMemory(Math.max(bytes.length, JarReader.HELD_BOUND));
        long other = pool.reserve(pool.capacity()); // another layer thread holding all of it
        Thread giveBack = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pool.release(other);
        });
        long start = System.nanoTime();
        giveBack.start();
        JavaArchive read = JarReader.readArchive(name, new ByteArrayInputStream(bytes), bytes.length, pool);
        giveBack.join();

        assertThat(System.nanoTime() - start).as("waited for the other thread").isGreaterThan(250_000_000L);
        assertThat(read + " " + Objects.hash(read)).isEqualTo(canonical(name, bytes, bytes.length));
        assertThat(pool.free()).isEqualTo(pool.capacity());
    }

    @Test
    void jarsOfTheJibAndSpringBootImagesReadTheSame() throws IOException {
        int jars = 0;
        for (String image : List.of("inventory-jib-boot.tar", "hygiene-boot-fat.docker.tar",
                "hygiene-boot-layered.docker.tar")) {
            try (TarArchiveInputStream archive = new TarArchiveInputStream(
                    new BufferedInputStream(Files.newInputStream(LargeFixtures.require(image))))) {
                TarArchiveEntry blob;
                while ((blob = archive.getNextEntry()) != null) {
                    String name = blob.getName();
                    if (!name.endsWith(".tar.gz") && !name.endsWith("layer.tar")) {
                        continue;
                    }
                    InputStream layer = name.endsWith(".gz") ? new GzipCompressorInputStream(archive) : archive;
                    TarArchiveInputStream files = new TarArchiveInputStream(layer);
                    TarArchiveEntry file;
                    while ((file = files.getNextEntry()) != null) {
                        if (file.isFile() && JarReader.isArchive(file.getName())) {
                            byte[] bytes = files.readAllBytes();
                            String path = image + ":/" + file.getName();
                            assertThat(JarReader.readsDirectory(bytes)).as(path).isTrue();
                            assertThat(canonical(path, bytes, JarReader.MAX_HELD)).as(path)
                                    .isEqualTo(canonical(path, bytes, 0));
                            jars++;
                        }
                    }
                }
            }
        }
        // as tar -t lists the layers: 35 in the Jib image, 51 in the fat jar's, 20 in the layered one's
        assertThat(jars).isEqualTo(35 + 51 + 20);
    }

    @Test
    void nestedJarsHaveTheSizesAndSha1TheJdkReads() throws Exception {
        Path jar = LargeFixtures.require("inventory-boot-app.jar");
        byte[] bytes = Files.readAllBytes(jar);
        JavaArchive archive = JarReader.readArchive("/app.jar", new ByteArrayInputStream(bytes), bytes.length,
                JarReader.MAX_HELD);
        assertThat(archive.artifacts().get(0).sha1()).isEqualTo(sha1(bytes));
        assertThat(archive.artifacts().get(0).size()).isEqualTo(Files.size(jar));
        List<JavaArtifact> nested = archive.artifacts().subList(1, archive.artifacts().size());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> libs = zip.stream().filter(e -> e.getName().endsWith(".jar")).toList();
            assertThat(nested).hasSize(libs.size()).hasSizeGreaterThan(30);
            for (int i = 0; i < libs.size(); i++) {
                ZipEntry e = libs.get(i);
                JavaArtifact a = nested.get(i);
                assertThat(a.path()).isEqualTo("/app.jar!/" + e.getName());
                assertThat(a.parent()).isEqualTo("/app.jar");
                assertThat(a.size()).as(e.getName()).isEqualTo(e.getSize());
                assertThat(a.storedSize()).as(e.getName()).isEqualTo(e.getCompressedSize());
                try (InputStream in = zip.getInputStream(e)) {
                    assertThat(a.sha1()).as(e.getName()).isEqualTo(sha1(in.readAllBytes()));
                }
            }
        }
    }

    @Test
    void whatTheDirectoryCannotBeTrustedForIsStreamedAlike() throws IOException {
        Path jar = LargeFixtures.require("inventory-boot-app.jar");
        byte[] bytes = Files.readAllBytes(jar);
        byte[] prefixed = concat("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(), bytes);
        byte[] trailing = concat(bytes, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 100);
        byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
        for (byte[] damaged : List.of(prefixed, trailing, truncated, half)) {
            assertThat(JarReader.readsDirectory(damaged)).isFalse();
            assertThat(canonical("/app.jar", damaged, JarReader.MAX_HELD))
                    .isEqualTo(canonical("/app.jar", damaged, 0));
        }
        // a damaged one is listed as far as it was read, without index
        assertThat(canonical("/app.jar", half, JarReader.MAX_HELD)).startsWith("JavaArchive[path=/app.jar, index=null");
    }

    /** The whole result as a string (records print every field, lists and maps in order), or the failure. */
    private static String canonical(String path, byte[] bytes, long held) {
        try {
            JavaArchive a = JarReader.readArchive(path, new ByteArrayInputStream(bytes), bytes.length, held);
            return a + " " + Objects.hash(a);
        } catch (IOException | RuntimeException e) {
            return "failed: " + e;
        }
    }

    private static boolean hasNestedArchive(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> JarReader.isArchive(e.getName()));
        } catch (IOException notAZip) {
            return false;
        }
    }

    /**
     * Every jar of the local repository (or of -DimageHygiene.jarRepository=DIR), sorted; absent: skipped, or failed
     * when large fixtures are required.
     */
    static List<Path> repositoryJars() {
        try (Stream<Path> files = Files.walk(repositoryRoot())) {
            return files.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local repository (or -DimageHygiene.jarRepository=DIR); absent: skipped, or failed when required. */
    static Path repositoryRoot() {
        String configured = System.getProperty("imageHygiene.jarRepository",
                System.getProperty("imageHygiene.localRepository"));
        Path repo = configured != null && !configured.isBlank() && !configured.contains("${") ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (!Files.isDirectory(repo)) {
            String message = "SKIPPED: no local Maven repository at " + repo
                    + " (set -DimageHygiene.jarRepository=DIR)";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return repo;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }
}
