package io.github.imagehygiene.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.archive.Deadline;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.common.TimeLimitException;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.testing.BigLayers;
import io.github.imagehygiene.testing.ForkedJvm;
import io.github.imagehygiene.testing.HostileImages;

/**
 * What a hostile image can cost: a gzip bomb is streamed (never buffered) in a JVM of 64 MB; a layer of a million
 * entries is analysed, its filesystem built and walked, and the whole check run, in a JVM of 256 MB, keeping at most
 * 150 bytes an entry; a run past its time limit ends with one clear error. The images are made at test time (see
 * {@link BigLayers}) and kept under target/hostile-big.
 */
class ResourceBoundsTest {
    private static final int MILLION = 1_000_000;

    @TempDir
    Path tmp;

    static synchronized Path bombImage() throws IOException {
        Path layout = HostileImages.cache().resolve("gzip-bomb");
        if (!Files.exists(layout.resolve("complete"))) {
            Files.createDirectories(HostileImages.cache());
            Path blob = HostileImages.cache().resolve("gzip-bomb.gz");
            BigLayers.gzipBomb(blob);
            HostileImages.withTopLayer(layout, blob, BigLayers.BOMB_DIFF_ID,
                    "application/vnd.oci.image.layer.v1.tar+gzip");
            Files.createFile(layout.resolve("complete"));
        }
        return layout;
    }

    static synchronized Path millionImage() throws IOException {
        Path layout = HostileImages.cache().resolve("million-entries");
        if (!Files.exists(layout.resolve("complete"))) {
            Files.createDirectories(HostileImages.cache());
            Path blob = HostileImages.cache().resolve("million-entries.tar.gz");
            String diffId = BigLayers.manyEntries(blob, MILLION);
            HostileImages.withTopLayer(layout, blob, diffId, "application/vnd.oci.image.layer.v1.tar+gzip");
            Files.createFile(layout.resolve("complete"));
        }
        return layout;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void gzipBombIsStreamedInASmallHeap() throws Exception {
        Path image = bombImage().toAbsolutePath();
        assertThat(Files.size(image.resolve("blobs/sha256/" + topDigest(image)))).isBetween(3_000_000L, 5_000_000L);
        ForkedJvm.Result r = ForkedJvm.run(tmp, List.of("-Xmx64m"), BigLayerProbe.class, image.toString(),
                tmp.resolve("report").toString(), "check-only");
        System.out.println("gzip bomb: " + r.output().strip().replace('\n', ' '));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.lines()).contains("largest=/" + BigLayers.BOMB_FILE + " FILE " + BigLayers.BOMB_FILE_SIZE,
                "topLayerSize=" + (512 + BigLayers.BOMB_FILE_SIZE + 1024), "verdict=PASS");
    }

    /** One forked run for both million-entry tests: reading and layering measured, then the whole check. */
    private static ForkedJvm.Result million;

    private static synchronized ForkedJvm.Result million(Path tmp) throws Exception {
        if (million == null) {
            Path image = millionImage().toAbsolutePath();
            million = ForkedJvm.run(tmp, List.of("-Xmx256m"), BigLayerProbe.class, image.toString(),
                    tmp.resolve("report").toString());
            System.out.println("million entries: " + million.output().strip().replace('\n', ' '));
        }
        return million;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void millionEntriesAreReadAndLayeredIn256MegabytesAtMost150BytesAnEntry() throws Exception {
        ForkedJvm.Result r = million(tmp);
        assertThat(r.exitCode()).as(r.output()).isZero();
        // a million files in a thousand folders on top of tiny's lower layers (4 entries, 3 paths)
        int visible = MILLION + MILLION / 1000 + 3;
        assertThat(r.lines()).contains("entries=" + (visible + 1), "visible=" + visible, "walked=" + visible);
        String measured = r.lines().stream().filter(l -> l.startsWith("retainedBytes=")).findFirst().orElseThrow();
        double perEntry = Double.parseDouble(measured.replaceAll(".*bytesPerEntry=([0-9.]+).*", "$1"));
        assertThat(perEntry).as(measured).isLessThanOrEqualTo(150.0);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void millionEntriesPassTheWholeCheckIn256Megabytes() throws Exception {
        ForkedJvm.Result r = million(tmp);
        assertThat(r.lines()).as(r.output()).noneMatch(l -> l.startsWith("wholeCheck="));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.lines()).as(r.output()).contains("verdict=PASS");
        // every analysis the rules derived (dive's per-path sums, the inventory, ...) kept with the result
        String measured = r.lines().stream().filter(l -> l.startsWith("checkRetainedBytes=")).findFirst()
                .orElseThrow();
        double perEntry = Double.parseDouble(measured.replaceAll(".*bytesPerEntry=([0-9.]+).*", "$1"));
        assertThat(perEntry).as(measured).isLessThanOrEqualTo(150.0);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRunPastItsTimeLimitEndsWithOneClearError() throws Exception {
        Path image = bombImage();
        String name = image.toString();
        String layer = "blobs/sha256/" + topDigest(image);
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (ArchiveSource<LayerScan> source = ArchiveSources.open(name, null, new LayerScanner(false),
                    Deadline.after(Duration.ofSeconds(1)))) {
                List<String> paths = ImageResolver.resolve(source, null, null).layers().stream()
                        .map(LayerDescriptor::archivePath).toList();
                source.scan(paths, 2);
            }
        }).isExactlyInstanceOf(TimeLimitException.class)
                .hasMessage(name + ": gave up after 1s, the time limit (timeout), while reading layer " + layer
                        + "; raise <timeout> (imageHygiene.timeout) if the image is really that large, or check that"
                        + " its source is not stalled");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aStalledStreamIsClosedWhenTheTimeIsUp() throws Exception {
        // what a Docker daemon that stops sending looks like to the reader: a socket read that never returns
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket silent = server.accept();
                InputStream stalled = client.getInputStream()) {
            Deadline deadline = Deadline.after(Duration.ofMillis(300));
            try (Deadline.Watch watch = deadline.watch(stalled)) {
                assertThatThrownBy(stalled::read).isInstanceOf(IOException.class);
            }
            assertThat(deadline.expired()).isTrue();
        }
    }

    @Test
    void noLimitNeverExpires() {
        assertThat(Deadline.after(Duration.ZERO).limit()).isNull();
        assertThat(Deadline.none().expired()).isFalse();
        Deadline.none().check("anything");
        assertThat(Deadline.after(Duration.ofMinutes(30)).toString()).isEqualTo("Deadline[30m]");
        assertThat(Deadline.after(Duration.ofSeconds(5400)).toString()).isEqualTo("Deadline[1h 30m]");
    }

    private static String topDigest(Path layout) throws IOException {
        try (ArchiveSource<Object> source = ArchiveSources.open(layout, layout.toString(), (p, in) -> null)) {
            List<LayerDescriptor> layers = ImageResolver.resolve(source, null, null).layers();
            return layers.get(layers.size() - 1).digest().substring("sha256:".length());
        }
    }
}
