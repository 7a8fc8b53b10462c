package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The read-ahead thread hands over exactly the source's bytes, its failure in place, and lets go when closed. */
class ReadAheadTest {

    @Test
    void passesEveryByteInOrderAndDrainsWhatFollows() throws IOException {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, ReadAhead.BLOCK - 1, ReadAhead.BLOCK, ReadAhead.BLOCK + 1,
            ReadAhead.BLOCK * (ReadAhead.BLOCKS + 3) + 17}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            ByteArrayInputStream after = new ByteArrayInputStream(new byte[1000]);
            try (ReadAhead in = ReadAhead.start(new ByteArrayInputStream(data), after, "test")) {
                // odd read sizes, so that reads straddle the blocks
                byte[] out = new byte[size];
                int at = 0;
                while (at < size) {
                    int n = in.read(out, at, Math.min(size - at, 1 + random.nextInt(70_000)));
                    assertThat(n).isPositive();
                    at += n;
                }
                assertThat(in.read()).isEqualTo(-1);
                assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
                assertThat(out).isEqualTo(data);
                assertThat(after.available()).as("drained after the end").isZero();
            }
        }
    }

    @Test
    void aFailureArrivesAfterTheBytesBeforeIt() throws IOException {
        IOException failure = new IOException("Unexpected end of ZLIB input stream");
        InputStream failing = new InputStream() {
            private int left = ReadAhead.BLOCK + 100;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw failure;
                }
                left--;
                return 'x';
            }
        };
        try (ReadAhead in = ReadAhead.start(failing, null, "test")) {
            byte[] before = in.readNBytes(ReadAhead.BLOCK + 100);
            assertThat(before).hasSize(ReadAhead.BLOCK + 100);
            assertThatThrownBy(in::read).isSameAs(failure);
        }
    }

    @Test
    void aFailureStaysAFailure() throws IOException {
        IOException failure = new IOException("Truncated TAR archive");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        };
        try (ReadAhead in = ReadAhead.start(failing, null, "test")) {
            assertThatThrownBy(in::read).isSameAs(failure);
            // a reader that swallowed it (a collector) and reads on sees it again, not a clean end
            assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isSameAs(failure);
        }
    }

    /** Chained, as a layer is read: closing the first stage ends the second stage's wait instead of leaving it. */
    @Test
    void aStageWaitingForAClosedStageEnds() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        InputStream slow = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    never.await(2, java.util.concurrent.TimeUnit.SECONDS); // a source that stalls, then ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        ReadAhead first = ReadAhead.start(slow, null, "test-read");
        ReadAhead second = ReadAhead.start(first, null, "test-unpack");
        Thread.currentThread().interrupt(); // as at a time limit: the joins return at once
        second.close();
        first.close();
        assertThat(Thread.interrupted()).isTrue();
        Thread.sleep(3000);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("test-read", "test-unpack");
    }

    @Test
    void closingStopsAThreadThatWaitsForTheReader() {
        AtomicLong served = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served.addAndGet(len);
                return len;
            }
        };
        long start = System.nanoTime();
        ReadAhead in = ReadAhead.start(endless, null, "test");
        in.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long after = served.get();
        // bounded: no more than the blocks that may wait, then nothing once closed
        assertThat(after).isLessThanOrEqualTo((long) ReadAhead.BLOCK * (ReadAhead.BLOCKS + 2));
        sleep();
        assertThat(served.get()).isEqualTo(after);
    }

    /**
     * A thread that ends without handing over the stream's end or a failure (here it takes an interrupt as it hands
     * over its bytes; in the wild, it ran out of memory making its failure's block): the reader gets a failure, never
     * a wait without end.
     */
    @Test
    void aThreadThatEndsWithoutAWordFailsTheReader() {
        InputStream interrupted = new InputStream() {
            private int left = 1000;

            @Override
            public int read() {
                if (left == 0) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                left--;
                return 'x';
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ReadAhead in = ReadAhead.start(interrupted, null, "test")) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage(
                        "the thread reading ahead (test) ended without handing over the end of the stream or a failure");
                // and so it stays, as a failed source does
                assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageStartingWith(
                        "the thread reading ahead (test) ended");
            }
        });
    }

    /**
     * A failure the thread could not hand over (here an interrupt stops the hand-over; in the wild, out of memory
     * making its block) still reaches the reader as itself once the thread has ended: an OutOfMemoryError must read
     * as one, not as a damaged layer.
     */
    @Test
    void aFailureThatCouldNotBeHandedOverReachesTheReaderAsItself() {
        IOException failure = new IOException("the disk went away");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                Thread.currentThread().interrupt();
                throw failure;
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ReadAhead in = ReadAhead.start(failing, null, "test")) {
                assertThatThrownBy(in::read).isSameAs(failure);
                assertThatThrownBy(in::read).isSameAs(failure);
            }
        });
    }

    /** Anything the source throws reaches the reader, a checked exception thrown past its declaration too. */
    @Test
    void anUndeclaredCheckedExceptionReachesTheReader() {
        Exception undeclared = new Exception("thrown past its declaration");
        InputStream sneaky = new InputStream() {
            @Override
            public int read() {
                return ReadAheadTest.<RuntimeException>sneakyThrow(undeclared);
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ReadAhead in = ReadAhead.start(sneaky, null, "test")) {
                assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCause(undeclared);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> int sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
