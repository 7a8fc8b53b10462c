package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.ImageReadException;
import io.github.imagehygiene.report.ReportFormat;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.testing.ForkedJvm;

/**
 * The layer cache seen from outside: the whole check run twice, first filling an empty cache and then reading from
 * it, writes the same bytes in every report as a run without any cache; damaged files are ignored and rewritten; two
 * checks filling one folder at once (threads, and another JVM) leave only whole files; the folder is kept within its
 * size, least recently used out first.
 */
class LayerCacheTest {
    private static final List<String> ALL_FORMATS = Arrays.stream(ReportFormat.values()).map(ReportFormat::id)
            .toList();

    /** One whole check; the log's cache line is returned with the reports. */
    record Run(Map<String, byte[]> reports, String cacheLine) {
    }

    static Run check(Path image, Path cache, Path reports) throws IOException {
        return check(image, cache, reports, b -> {
        });
    }

    static Run check(Path image, Path cache, Path reports, java.util.function.Consumer<CheckSettings.Builder> more)
            throws IOException {
        CapturedLog log = new CapturedLog();
        CheckSettings.Builder builder = CheckSettings.builder().image(image.toString()).reportDirectory(reports)
                .formats(ALL_FORMATS).layerCache(cache == null ? "none" : cache.toString()).tool("image-hygiene",
                        "test-1");
        more.accept(builder);
        CheckSettings settings = builder.build();
        ImageCheck.check(settings, log);
        String line = log.lines().stream().filter(l -> l.startsWith("[DEBUG] Layer cache ")).findFirst().orElse(null);
        return new Run(reports(reports), line);
    }

    private static Map<String, byte[]> reports(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameReports(Run actual, Run expected) {
        assertThat(actual.reports().keySet()).isEqualTo(expected.reports().keySet());
        assertThat(actual.reports().keySet()).contains("report.json", "sbom.cdx.json", "report.sarif",
                "TEST-image-hygiene.xml", "report.html", "summary.md");
        // as text (every report is UTF-8): a difference then reads as one
        expected.reports().forEach((name, bytes) -> assertThat(new String(actual.reports().get(name),
                java.nio.charset.StandardCharsets.UTF_8)).as(name).isEqualTo(new String(bytes,
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Small committed images of every kind of source the cache keys differently. */
    @ParameterizedTest
    @ValueSource(strings = {"tiny.oci.tar", "tiny-oci-dir", "tiny-zstd.oci.tar", "tiny-uncompressed.oci.tar",
            "tiny.docker.tar", "busybox-app.docker.tar", "jib-app.tar", "hygiene/paths.docker.tar"})
    void aSecondRunReadsEveryLayerFromTheCacheAndWritesTheSameReports(String name, @TempDir Path dir)
            throws IOException {
        sameReportsTwice(Fixtures.image(name), dir);
    }

    /** The secrets image unpacked from its gzip: a docker save archive read by its manifest, not streamed. */
    private static Path secretsTar(Path dir) throws IOException {
        Path tar = dir.resolve("secrets.docker.tar");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.image(
                "security/secrets.docker.tar.gz")))) {
            Files.copy(in, tar);
        }
        return tar;
    }

    /** A secret scan's counts (in the rule's summary) come back from the cache too. */
    @Test
    void secretScanCountsAreReplayed(@TempDir Path dir) throws IOException {
        Path tar = secretsTar(dir);
        Run first = sameReportsTwice(tar, dir);
        assertThat(new String(first.reports().get("report.json"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("text files scanned");
    }

    /**
     * Settings that print alike as a list are still different settings: the one exclude {@code "/app/config/**,
     * /home/**"} (a list of one, as a pom's or YAML's list may give) excludes no file of this image, the two excludes
     * {@code /app/config/**} and {@code /home/**} its config files and home folder. A cache filled under the two
     * answered for the one (both printed {@code [/app/config/**, /home/**]} in the key), and the secrets in those
     * files went missing from the report.
     */
    @Test
    void excludesThatPrintAlikeDoNotShareAFile(@TempDir Path dir) throws IOException {
        Path tar = secretsTar(dir);
        Path cache = dir.resolve("cache");
        List<String> two = List.of("/app/config/**", "/home/**");
        List<String> one = List.of("/app/config/**, /home/**");
        Run twoFilled = check(tar, cache, dir.resolve("two"), b -> b.security(s -> s.secretScanExcludes(two)));
        Run oneNone = check(tar, null, dir.resolve("one-none"), b -> b.security(s -> s.secretScanExcludes(one)));
        Run oneCached = check(tar, cache, dir.resolve("one"), b -> b.security(s -> s.secretScanExcludes(one)));

        assertThat(twoFilled.reports().get("report.json")).isNotEqualTo(oneNone.reports().get("report.json"));
        assertSameReports(oneCached, oneNone);
        assertThat(oneCached.cacheLine()).contains(": 0 layer(s) read from the cache,");
    }

    /** Texts in a collector's cache settings: their number, then each after its length. */
    @Test
    void listedTextsAreToldApart() {
        assertThat(ContentCollector.listed(List.of("/app/**, /etc/**"))).isEqualTo("1:16:/app/**, /etc/**");
        assertThat(ContentCollector.listed(List.of("/app/**", "/etc/**"))).isEqualTo("2:7:/app/**:7:/etc/**");
        assertThat(ContentCollector.listed(List.of())).isEqualTo("0");
        assertThat(ContentCollector.listed(List.of(""))).isEqualTo("1:0:");
    }

    /**
     * A gzipped archive is read front to back, its layers scanned as they pass, before its manifest: a legacy layer
     * ({@code ID/layer.tar}, no digest in its name) is then read every time. Its layers of at most 64 KiB are kept as
     * they pass and scanned once the manifest is read, so those come from the cache: of this image's five layers
     * (2,560, 4,608, 3,072, 44,032 and 1,216,000 bytes, as tar lists them) one is read again.
     */
    @Test
    void aStreamedLegacyArchiveReadsItsLargeLayersEveryTime(@TempDir Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        Run none = check(Fixtures.image("security/secrets.docker.tar.gz"), null, dir.resolve("none"));
        Run first = check(Fixtures.image("security/secrets.docker.tar.gz"), cache, dir.resolve("first"));
        Run second = check(Fixtures.image("security/secrets.docker.tar.gz"), cache, dir.resolve("second"));
        assertSameReports(first, none);
        assertSameReports(second, none);
        assertThat(first.cacheLine()).endsWith(": 0 layer(s) read from the cache, 5 read from the image, 4 stored");
        assertThat(second.cacheLine()).endsWith(": 4 layer(s) read from the cache, 1 read from the image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hygiene-boot-layered.docker.tar", "hygiene-boot-jib.tar", "debian-12.docker.tar",
            "base-java-app.docker.tar"})
    void largeImages(String name, @TempDir Path dir) throws IOException {
        sameReportsTwice(large(name), dir);
    }

    /**
     * Without a cache, then filling an empty one, then from it: the same reports each time; the second cached run
     * reads no layer from the image.
     */
    private static Run sameReportsTwice(Path image, Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        Run none = check(image, null, dir.resolve("none"));
        Run first = check(image, cache, dir.resolve("first"));
        Run second = check(image, cache, dir.resolve("second"));
        assertThat(none.cacheLine()).isNull();
        assertThat(first.cacheLine()).contains(": 0 layer(s) read from the cache,");
        assertThat(second.cacheLine()).contains(" read from the cache, 0 read from the image")
                .doesNotContain(": 0 layer(s) read from the cache");
        assertSameReports(first, none);
        assertSameReports(second, none);
        return none;
    }

    @Test
    void damagedFilesAreIgnoredAndWrittenAgain(@TempDir Path dir) throws IOException {
        Path image = Fixtures.image("busybox-app.docker.tar");
        Path cache = dir.resolve("cache");
        Run first = check(image, cache, dir.resolve("first"));
        List<Path> files = cacheFiles(cache);
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        Map<Path, byte[]> written = new TreeMap<>();
        for (Path f : files) {
            written.put(f, Files.readAllBytes(f));
        }
        // one cut short (a full disk), one with a byte flipped in the middle, one of a foreign format
        byte[] a = written.get(files.get(0));
        Files.write(files.get(0), Arrays.copyOf(a, a.length / 2));
        byte[] b = written.get(files.get(1)).clone();
        b[b.length / 2] ^= 0x40;
        Files.write(files.get(1), b);
        Files.writeString(files.get(2), "not a cache file");

        Run second = check(image, cache, dir.resolve("second"));

        assertSameReports(second, first);
        assertThat(second.cacheLine()).contains(", 3 read from the image, 3 stored, 3 damaged cache file(s) ignored");
        for (Path f : files) {
            assertThat(Files.readAllBytes(f)).as("rewritten " + f).isEqualTo(written.get(f));
        }
        Run third = check(image, cache, dir.resolve("third"));
        assertThat(third.cacheLine()).contains(" read from the image").contains(", 0 read from the image")
                .doesNotContain("damaged");
    }

    /**
     * A file whose checksum holds but whose counts were forged (a cache folder others can write into): the entry
     * table's count set to 2^31 - 16 entries, which as an array of offsets would take 8 GiB, is refused against the
     * bytes the file has left; the file is ignored as damaged, the run's reports are those of a run without it.
     */
    @Test
    void aForgedCountIsNotBelieved(@TempDir Path dir) throws IOException {
        Path image = Fixtures.image("busybox-app.docker.tar");
        Path cache = dir.resolve("cache");
        Run first = check(image, cache, dir.resolve("first"));
        Path file = cacheFiles(cache).get(0);
        byte[] b = Files.readAllBytes(file);
        java.nio.ByteBuffer.wrap(b).putInt(entryTableAt(b), 0x7FFFFFF0);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b, 0, b.length - 8);
        java.nio.ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
        Files.write(file, b);

        Run second = check(image, cache, dir.resolve("second"));

        assertSameReports(second, first);
        assertThat(second.cacheLine()).contains(", 1 read from the image, 1 stored, 1 damaged cache file(s) ignored");
    }

    private static boolean gzipped(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where a cache file's entry table starts: after the header the file format gives (LayerCache's write). */
    private static int entryTableAt(byte[] file) throws IOException {
        java.io.ByteArrayInputStream bytes = new java.io.ByteArrayInputStream(file);
        java.io.DataInputStream in = new java.io.DataInputStream(bytes);
        in.readInt(); // magic
        in.readInt(); // format
        io.github.imagehygiene.common.DataStrings.read(in, file.length); // key
        io.github.imagehygiene.common.DataStrings.read(in, file.length); // blob digest
        in.readLong(); // blob size
        io.github.imagehygiene.common.DataStrings.read(in, file.length); // compression
        io.github.imagehygiene.common.DataStrings.read(in, file.length); // diff_id
        in.readLong(); // size
        in.readLong(); // gzip estimate
        in.readLong(); // content size
        return file.length - bytes.available();
    }

    /**
     * The same collectors in another order do not share a layer's file: a file too large to share goes to the first
     * collector that wants it, so another order can collect otherwise.
     */
    @Test
    void collectorsInAnotherOrderDoNotShareAFile(@TempDir Path dir) throws IOException {
        Path layout = dir.resolve("layout");
        untar(Fixtures.image("tiny.oci.tar"), layout);
        Path blob;
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            blob = blobs.filter(LayerCacheTest::gzipped).findFirst().orElseThrow(); // its one layer
        }
        String path = "blobs/sha256/" + blob.getFileName();
        CheckSettings settings = CheckSettings.builder().image(layout.toString()).build();
        List<ContentCollector<?>> collectors = io.github.imagehygiene.bench.CheckBenchmark.allCollectors(settings);
        assertThat(collectors).hasSizeGreaterThan(2);
        List<ContentCollector<?>> reversed = new ArrayList<>(collectors);
        java.util.Collections.reverse(reversed);
        Path cache = dir.resolve("cache");
        LayerCacheSettings cacheSettings = new LayerCacheSettings(cache, 1_000_000);

        for (List<ContentCollector<?>> order : List.of(collectors, reversed, collectors, reversed)) {
            LayerCache c = new LayerCache(cacheSettings, "test", io.github.imagehygiene.common.LogSink.NONE);
            try (InputStream in = Files.newInputStream(blob)) {
                c.wrap(new LayerScanner(true, order)).scan(path, in);
            }
        }

        assertThat(cacheFiles(cache)).hasSize(2);
        LayerCache again = new LayerCache(cacheSettings, "test", io.github.imagehygiene.common.LogSink.NONE);
        try (InputStream in = Files.newInputStream(blob)) {
            again.wrap(new LayerScanner(true, reversed)).scan(path, in);
        }
        assertThat(again.stats().hits()).isOne();
    }

    /** A blob whose content no longer matches its name fails the run, from the cache as without it. */
    @Test
    void aCachedLayerIsStillCheckedAgainstItsDigest(@TempDir Path dir) throws IOException {
        Path layout = dir.resolve("layout");
        untar(Fixtures.image("tiny-uncompressed.oci.tar"), layout);
        Path cache = dir.resolve("cache");
        check(layout, cache, dir.resolve("first"));
        Path blob = largestBlob(layout);
        byte[] bytes = Files.readAllBytes(blob);
        // the last byte of the last file's data: still a readable tar, no longer the same one
        int last = bytes.length - 1;
        while (bytes[last] == 0) {
            last--;
        }
        bytes[last] ^= 1;
        Files.write(blob, bytes);
        String digest = "sha256:" + blob.getFileName();

        assertThatThrownBy(() -> check(layout, null, dir.resolve("none"))).isInstanceOf(ImageReadException.class)
                .hasMessageContaining("does not match its digest: expected " + digest);
        assertThatThrownBy(() -> check(layout, cache, dir.resolve("cached"))).isInstanceOf(ImageReadException.class)
                .hasMessageContaining("does not match its digest: expected " + digest);
    }

    /** Two checks in this JVM and one in another fill one empty folder at once: every file is whole. */
    @Test
    void buildsFillingOneFolderAtOnceLeaveWholeFiles(@TempDir Path dir) throws Exception {
        Path image = Fixtures.image("busybox-app.docker.tar");
        Path cache = dir.resolve("cache");
        Run none = check(image, null, dir.resolve("none"));
        CompletableFuture<ForkedJvm.Result> other = CompletableFuture.supplyAsync(() -> {
            try {
                return ForkedJvm.run(dir, List.of("-Xmx256m"), OtherBuild.class, image.toAbsolutePath().toString(),
                        cache.toString(), dir.resolve("other").toString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        List<CompletableFuture<Run>> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path reports = dir.resolve("thread" + i);
            threads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return check(image, cache, reports);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Run> t : threads) {
            assertSameReports(t.join(), none);
        }
        ForkedJvm.Result forked = other.join();
        assertThat(forked.exitCode()).as(forked.output()).isZero();
        try (Stream<Path> parts = Files.list(cache)) {
            assertThat(parts.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
        Run after = check(image, cache, dir.resolve("after"));
        assertSameReports(after, none);
        assertThat(after.cacheLine()).contains(", 0 read from the image").doesNotContain("damaged");
    }

    /** The check of the forked JVM in {@link #buildsFillingOneFolderAtOnceLeaveWholeFiles}. */
    public static final class OtherBuild {
        public static void main(String[] args) throws IOException {
            System.out.println(check(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])).cacheLine());
        }
    }

    /** Filling the cache and reading from it hold no more than a reading does: the largest image in a small heap. */
    @Test
    void aLargeImageFromTheCacheInASmallHeap(@TempDir Path dir) throws Exception {
        Path image = large("base-java-app.docker.tar").toAbsolutePath();
        Path cache = dir.resolve("cache");
        for (String run : List.of("first", "second")) {
            ForkedJvm.Result r = ForkedJvm.run(dir, List.of("-Xmx256m"), OtherBuild.class, image.toString(),
                    cache.toString(), dir.resolve(run).toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.lines()).as(r.output()).anyMatch(l -> l.contains(run.equals("first")
                    ? ": 0 layer(s) read from the cache," : " read from the cache, 0 read from the image"));
        }
    }

    /** The name the cache gives a file whose key hashes to the hex digits {@code tag}, zeros before it. */
    private static String own(String tag) {
        return "0".repeat(64 - tag.length()) + tag + LayerCache.SUFFIX;
    }

    @Test
    void leastRecentlyUsedFilesGoFirst(@TempDir Path cache) throws IOException {
        long now = System.currentTimeMillis();
        String[] names = {"a", "b", "c", "d"};
        for (int i = 0; i < names.length; i++) {
            Path f = cache.resolve(own(names[i]));
            Files.write(f, new byte[100]);
            // b was used last, then d, c, a
            long age = switch (names[i]) {
                case "a" -> 4000;
                case "b" -> 1000;
                case "c" -> 3000;
                default -> 2000;
            };
            Files.setLastModifiedTime(f, FileTime.fromMillis(now - age));
        }
        Path part = cache.resolve(own("e") + ".123.part");
        Files.write(part, new byte[10]);
        Files.setLastModifiedTime(part, FileTime.fromMillis(now - 2 * 60 * 60 * 1000));

        LayerCache c = new LayerCache(new LayerCacheSettings(cache, 250), "test", io.github.imagehygiene.common
                .LogSink.NONE);
        c.evict();

        assertThat(cacheFiles(cache).stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(own("b"), own("d"));
        assertThat(part).doesNotExist();
        assertThat(c.stats().evicted()).isEqualTo(2);
    }

    /**
     * The folder may hold files that are not the cache's (a shared folder, or one a user named): only names the cache
     * gives (64 lower-case hex digits, ".layer", or that and a part's ".N.part") are counted and removed.
     */
    @Test
    void filesOfOthersInTheFolderAreLeftAlone(@TempDir Path cache) throws IOException {
        long old = System.currentTimeMillis() - 3 * 60 * 60 * 1000;
        List<String> others = List.of("floorplan.layer", "e.layer.123.part", own("E"), "x" + own("e"),
                own("e").substring(1), own("e") + ".bak", own("e") + ".1.part.txt");
        for (String name : others) {
            Files.write(cache.resolve(name), new byte[1000]);
            Files.setLastModifiedTime(cache.resolve(name), FileTime.fromMillis(old));
        }
        Path mine = cache.resolve(own("a"));
        Files.write(mine, new byte[100]);
        Path part = cache.resolve(own("b") + ".7.part");
        Files.write(part, new byte[10]);
        Files.setLastModifiedTime(part, FileTime.fromMillis(old));

        LayerCache c = new LayerCache(new LayerCacheSettings(cache, 150), "test", io.github.imagehygiene.common
                .LogSink.NONE);
        c.evict();

        // the others' 7,000 bytes do not count: the cache's own 100 are within the bound of 150
        assertThat(mine).exists();
        assertThat(part).doesNotExist();
        assertThat(others).allMatch(name -> Files.exists(cache.resolve(name)));
        assertThat(c.stats().evicted()).isZero();
    }

    /**
     * Builds keeping one folder within its bound at once (here two caches evicting together, twenty times over): the
     * same least recently used files go, each counted once, and the folder ends within the bound.
     */
    @Test
    void buildsEvictingAtOnceRemoveTheSameFilesOnce(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        for (int round = 0; round < 20; round++) {
            Path cache = Files.createDirectory(dir.resolve("r" + round));
            for (int i = 0; i < 10; i++) {
                Path f = cache.resolve(own("f" + i));
                Files.write(f, new byte[100]);
                Files.setLastModifiedTime(f, FileTime.fromMillis(now - 10_000 + i * 1000L)); // f0 oldest
            }
            LayerCache a = new LayerCache(new LayerCacheSettings(cache, 450), "test",
                    io.github.imagehygiene.common.LogSink.NONE);
            LayerCache b = new LayerCache(new LayerCacheSettings(cache, 450), "test",
                    io.github.imagehygiene.common.LogSink.NONE);
            CompletableFuture<Void> first = CompletableFuture.runAsync(a::evict);
            CompletableFuture<Void> second = CompletableFuture.runAsync(b::evict);
            first.get();
            second.get();

            assertThat(cacheFiles(cache).stream().map(p -> p.getFileName().toString())).as("round " + round)
                    .containsExactly(own("f6"), own("f7"), own("f8"), own("f9"));
            assertThat(a.stats().evicted() + b.stats().evicted()).as("round " + round).isEqualTo(6);
        }
    }

    /**
     * A build of an earlier version evicted only while it held the folder's {@code .lock}, and a build finding it held
     * skipped eviction, leaving what it wrote uncounted: the folder is now kept within its bound whoever holds it.
     */
    @Test
    void aHeldLockFileDoesNotStopEviction(@TempDir Path cache) throws IOException {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 4; i++) {
            Path f = cache.resolve(own("f" + i));
            Files.write(f, new byte[100]);
            Files.setLastModifiedTime(f, FileTime.fromMillis(now - 10_000 + i * 1000L));
        }
        LayerCache c = new LayerCache(new LayerCacheSettings(cache, 250), "test",
                io.github.imagehygiene.common.LogSink.NONE);
        try (java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(cache.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock = held.lock()) {
            c.evict();
        }
        assertThat(cacheFiles(cache).stream().map(p -> p.getFileName().toString()))
                .containsExactly(own("f2"), own("f3"));
    }

    /** A bound smaller than an image's layers: the run still reports the same, the folder stays within it. */
    @Test
    void aSmallBoundKeepsTheFolderWithinIt(@TempDir Path dir) throws IOException {
        Path image = Fixtures.image("busybox-app.docker.tar");
        Path all = dir.resolve("all");
        check(image, all, dir.resolve("all-reports"));
        List<Long> sizes = new ArrayList<>();
        for (Path f : cacheFiles(all)) {
            sizes.add(Files.size(f));
        }
        long largest = sizes.stream().mapToLong(Long::longValue).max().orElseThrow();
        Path cache = dir.resolve("cache");
        CapturedLog log = new CapturedLog();
        CheckSettings settings = CheckSettings.builder().image(image.toString()).reportDirectory(dir.resolve("r"))
                .layerCache(cache.toString()).layerCacheMaxSize(String.valueOf(largest)).build();
        ImageCheck.check(settings, log);
        long total = 0;
        for (Path f : cacheFiles(cache)) {
            total += Files.size(f);
        }
        assertThat(total).isLessThanOrEqualTo(largest).isPositive();
    }

    /**
     * A folder that cannot be made (here below a file; a read-only home, a full disk) leaves the run as it is: the
     * same reports as without a cache, and one warning for the run, not one per layer.
     */
    @Test
    void aFolderThatCannotBeWrittenIsSaidOnce(@TempDir Path dir) throws IOException {
        Path image = Fixtures.image("busybox-app.docker.tar");
        Path cache = Files.writeString(dir.resolve("a-file"), "x").resolve("layers");
        Run none = check(image, null, dir.resolve("none"));
        CapturedLog log = new CapturedLog();
        CheckSettings settings = CheckSettings.builder().image(image.toString()).reportDirectory(dir.resolve("r"))
                .formats(ALL_FORMATS).layerCache(cache.toString()).tool("image-hygiene", "test-1").build();
        ImageCheck.check(settings, log);

        // the cause as the OS words it (ENOTDIR: "Not a directory" in English)
        assertThat(log.warnings()).filteredOn(l -> l.startsWith("Layer cache ")).singleElement().asString()
                .startsWith("Layer cache " + cache + " cannot be written (FileSystemException: " + cache + ": ")
                .endsWith("): each run reads every layer in full; make the folder writable, or set layerCache to none");
        // four layers (its manifest.json lists them): the first said as a warning, the other three in debug lines
        assertThat(log.lines()).filteredOn(l -> l.startsWith("[DEBUG] Layer cache " + cache + " cannot be written"))
                .hasSize(3);
        assertSameReports(new Run(reports(dir.resolve("r")), null), none);
    }

    /** A bound below what one layer's file takes: every layer is read, and the run says so once. */
    @Test
    void aBoundBelowALayersFileIsSaidOnce(@TempDir Path dir) throws IOException {
        Path image = Fixtures.image("busybox-app.docker.tar");
        Path cache = dir.resolve("cache");
        CapturedLog log = new CapturedLog();
        CheckSettings settings = CheckSettings.builder().image(image.toString()).reportDirectory(dir.resolve("r"))
                .layerCache(cache.toString()).layerCacheMaxSize("1").build();
        ImageCheck.check(settings, log);

        assertThat(log.warnings()).filteredOn(l -> l.startsWith("Layer cache ")).singleElement().asString()
                .matches("Layer cache " + java.util.regex.Pattern.quote(cache.toString())
                + ": the file of layer sha256:[0-9a-f]{64} would take [0-9.]+ [KM]?B, more"
                + " than layerCacheMaxSize \\(1 B\\): that layer is read in full on every run; raise"
                + " layerCacheMaxSize");
        assertThat(cacheFiles(cache)).isEmpty();
    }

    @Test
    void settings(@TempDir Path dir) throws IOException {
        assertThat(LayerCacheSettings.parse("none", null)).isEqualTo(LayerCacheSettings.NONE);
        assertThat(LayerCacheSettings.parse(" NONE ", null).enabled()).isFalse();
        assertThat(LayerCacheSettings.parse(null, null)).isEqualTo(new LayerCacheSettings(Path.of(System
                .getProperty("user.home"), ".cache", "image-hygiene", "layers"), 2_000_000_000L));
        assertThat(LayerCacheSettings.parse("~/lc", "500MiB")).isEqualTo(new LayerCacheSettings(Path.of(System
                .getProperty("user.home"), "lc"), 500L * 1024 * 1024));
        assertThatThrownBy(() -> LayerCacheSettings.parse(null, "lots")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid value for layerCacheMaxSize: 'lots' is not a size");
        assertThatThrownBy(() -> LayerCacheSettings.parse(null, "0")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid value for layerCacheMaxSize: 0;");
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> LayerCacheSettings.parse(file.toString(), null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for layerCache: " + file + " is a file, not a folder");
    }

    /** A collector that does not say its values can be cached keeps every layer out of the cache. */
    @Test
    void aCollectorWithoutCacheSettingsTurnsTheCacheOff(@TempDir Path cache) {
        ContentCollector<String> plain = new ContentCollector<>() {
            @Override
            public String id() {
                return "plain";
            }

            @Override
            public boolean wants(String path, long size) {
                return true;
            }

            @Override
            public String collect(FileEntry entry, InputStream content) {
                return "x";
            }
        };
        LayerScanner scanner = new LayerScanner(true, List.of(plain));
        LayerCache c = new LayerCache(new LayerCacheSettings(cache, 1000), "test",
                io.github.imagehygiene.common.LogSink.NONE);
        assertThat(c.wrap(scanner)).isSameAs(scanner);
        assertThat(c.wrap(new LayerScanner(true, List.of()))).isNotInstanceOf(LayerScanner.class);
    }

    private static List<Path> cacheFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(LayerCache.SUFFIX)).sorted().toList();
        }
    }

    private static Path largestBlob(Path layout) throws IOException {
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            return blobs.max(java.util.Comparator.comparingLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            })).orElseThrow();
        }
    }

    private static void untar(Path archive, Path to) throws IOException {
        try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream in =
                new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(archive))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path target = to.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

    /** A large fixture; skipped visibly when absent, failed under -DimageHygiene.it.docker=required. */
    static Path large(String name) {
        String dir = System.getProperty("imageHygiene.largeFixtures", System.getenv("IMAGE_HYGIENE_LARGE_FIXTURES"));
        Path p = Path.of(dir != null && !dir.isBlank() ? dir : "target/large-fixtures").resolve(name);
        if (!Files.exists(p)) {
            String message = "SKIPPED: large fixture " + p.toAbsolutePath() + " is absent; run bash"
                    + " core/src/test/fixtures/large/build-hygiene-fixtures.sh";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return p;
    }
}
