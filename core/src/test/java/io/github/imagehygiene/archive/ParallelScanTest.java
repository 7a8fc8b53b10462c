package io.github.imagehygiene.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagehygiene.common.TimeLimitException;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.testing.Fixtures;

/**
 * The time limit holds when a blob's source stalls (a read that never returns, as a network file system's or a
 * socket's), with one layer thread as with several; and the run leaves no thread of its own behind. With one thread
 * the layer used to be read on the caller's thread, which then waited for ever.
 */
class ParallelScanTest {
    /** Gives the first half of a real gzip layer, then blocks, deaf to interrupts, until it is closed. */
    static final class Stalling extends InputStream {
        private final InputStream head;
        private volatile boolean closed;

        Stalling(byte[] head) {
            this.head = new ByteArrayInputStream(head);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = head.read(b, off, len);
            if (n > 0) {
                return n;
            }
            while (!closed) {
                LockSupport.parkNanos(20_000_000L);
            }
            throw new IOException("closed while reading");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "3, 1"})
    void aStalledSourceEndsAtTheTimeLimit(int layers, int threads) throws Exception {
        byte[] half = halfOfTheLayer();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            paths.add("blobs/sha256/" + "%064d".formatted(i));
        }
        Deadline deadline = Deadline.after(Duration.ofSeconds(2));
        long start = System.nanoTime();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> ParallelScan.run("stalled",
                paths, threads, p -> new Stalling(half), new LayerScanner(true), deadline))
                .isInstanceOf(TimeLimitException.class));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        // the layer threads have ended; the threads reading ahead end once their sources are closed
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ownThreads().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(ownThreads()).isEmpty();
    }

    private static List<String> ownThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("image-hygiene")).toList();
    }

    /** The first half of the gzip layer of the committed tiny image (skopeo's OCI archive). */
    private static byte[] halfOfTheLayer() throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(Fixtures.image(
                "tiny.oci.tar")))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().startsWith("blobs/sha256/")) {
                    byte[] blob = tar.readAllBytes();
                    if (blob.length > 2 && (blob[0] & 0xff) == 0x1f && (blob[1] & 0xff) == 0x8b) {
                        return Arrays.copyOf(blob, blob.length / 2);
                    }
                }
            }
        }
        throw new IllegalStateException("no gzip layer in tiny.oci.tar");
    }
}
