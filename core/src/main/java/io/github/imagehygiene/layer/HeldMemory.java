package io.github.imagehygiene.layer;

import java.io.InterruptedIOException;
import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The bytes that the collectors of one {@link LayerScanner} may hold in memory at once, shared by its layer threads.
 * A collector that reads a file faster when it holds it whole (a jar, to read its central directory) leases what it
 * will hold here first, waiting while the other threads hold too much. What the threads hold together then stays a
 * fixed share of the heap however many threads run, while one large file may have most of it: under
 * {@code -Xmx256m} a 59 MB jar with data descriptors (rocksdbjni) is read by its directory in milliseconds instead of
 * being inflated whole (155 MB, half a second).
 * <p>
 * The collector decides what to hold from the file and the heap alone, never from what the pool has free at the
 * moment, so that a report does not depend on what the other threads were reading; a thread takes one lease per file
 * and gives it back before its next, so no two threads can wait for each other.
 * <p>
 * A lease's array is kept when it ends and handed to a later lease it fits in, so that a scan of many jars does not
 * take (and have zeroed, and collected) a new array for each: under {@code -Xmx256m} each of them larger than half a
 * G1 region is a humongous object, and with a new array per jar the large Java image's 1,551 jars had twice the
 * collections (docs/benchmark.md). Kept arrays count against the capacity like held ones and are let go when a
 * lease needs their room; they are kept softly, so that after the layers are read the analyses and reports may have
 * that memory back when they need it.
 */
public final class HeldMemory {
    private final long capacity;
    /** Bytes the leases that have not ended took. */
    private long taken;
    /** Arrays of ended leases, for later ones; {@code taken + kept <= capacity}. */
    private final ArrayDeque<Kept> parked = new ArrayDeque<>();
    private long kept;

    /** A kept array; its length is counted until it is let go, or found taken back by the collector. */
    private record Kept(SoftReference<byte[]> array, int length) {
    }

    /** @param capacity the bytes held at most, together */
    public HeldMemory(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * A quarter of the heap: the rest is for the entry tables (about 100 bytes per file of the image), the collected
     * values and the reports.
     */
    public static HeldMemory ofHeap() {
        return new HeldMemory(Runtime.getRuntime().maxMemory() / 4);
    }

    public long capacity() {
        return capacity;
    }

    /**
     * Takes {@code bytes} (at most {@link #capacity()}), waiting until the other threads have given back enough.
     *
     * @return the lease; close it to give the bytes back
     * @throws InterruptedIOException when the thread is interrupted while it waits
     */
    public synchronized Lease lease(long bytes) throws InterruptedIOException {
        long want = Math.max(0, Math.min(bytes, capacity));
        while (capacity - taken < want) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for memory to hold a file in");
            }
        }
        taken += want;
        // the largest kept array the lease can hold; the others are let go as far as the lease needs their room
        Kept reuse = null;
        for (Iterator<Kept> i = parked.iterator(); i.hasNext();) {
            Kept k = i.next();
            if (k.array().get() == null) {
                i.remove();
                kept -= k.length();
            } else if (k.length() <= want && (reuse == null || k.length() > reuse.length())) {
                reuse = k;
            }
        }
        byte[] array = reuse == null ? null : reuse.array().get();
        if (reuse != null) {
            parked.remove(reuse);
            kept -= reuse.length();
        }
        while (taken + kept > capacity) {
            kept -= parked.removeFirst().length();
        }
        return new Lease(want, array);
    }

    private synchronized void end(Lease lease) {
        taken -= lease.bytes;
        if (lease.array != null) {
            // within what the lease took, so taken + kept stays within the capacity
            parked.addLast(new Kept(new SoftReference<>(lease.array), lease.array.length));
            kept += lease.array.length;
        }
        notifyAll();
    }

    /** The bytes no lease holds now (kept arrays are let go when a lease needs them): for tests. */
    public synchronized long free() {
        return capacity - taken;
    }

    /** The bytes of the arrays kept for later leases (unless the collector took them back since): for tests. */
    public synchronized long kept() {
        return kept;
    }

    /** Bytes taken from the pool until {@link #close()}, with one array to hold a file in. Not thread-safe. */
    public final class Lease implements AutoCloseable {
        private final long bytes;
        private byte[] array;
        private boolean ended;

        private Lease(long bytes, byte[] array) {
            this.bytes = bytes;
            this.array = array;
        }

        /** The bytes taken. */
        public long bytes() {
            return bytes;
        }

        /**
         * An array of at least {@code n} bytes, at most {@link #bytes()}: an earlier lease's (its content is what
         * that one read: use only what is written to it) or a new one. The same array each call while it is large
         * enough, so only one reader of the lease may use it at a time.
         */
        public byte[] array(int n) {
            if (n > bytes) {
                throw new IllegalArgumentException(n + " bytes asked of a lease of " + bytes);
            }
            if (array == null || array.length < n) {
                array = new byte[n];
            }
            return array;
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                end(this);
            }
        }
    }
}
