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
 * A lease's array is kept when it ends and handed to a later lease that asks for one of its length, so that a scan of
 * many jars does not take (and have zeroed, and collected) a new array for each: under {@code -Xmx256m} each of them
 * larger than half a G1 region is a humongous object: the large Java image's 1,551 jars have a third fewer
 * collections so (docs/benchmark.md). Lengths are powers of two ({@link #arrayLength}), and the holder
 * charges the whole length to what it holds: what a file is charged depends on its size alone, never on which array
 * it got. Kept arrays count against the capacity like held ones and are let go when a lease needs their room, the
 * oldest first; they are kept softly, so that after the layers are read the analyses and reports may have that memory
 * back when they need it.
 */
public final class HeldMemory {
    /**
     * Arrays this long or longer are kept: under {@code -Xmx256m} G1's regions are 1 MiB, and an array of half a
     * region or more is a humongous object; smaller ones come cheaply from the thread's allocation buffer.
     */
    public static final int MIN_KEPT = 256 << 10;

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
     * @param hold the bytes the holder will ask {@link Lease#array} for, or -1: a kept array of their
     *             {@link #arrayLength} goes to the lease before any is let go to make room for it
     * @return the lease; close it to give the bytes back
     * @throws InterruptedIOException when the thread is interrupted while it waits
     */
    public synchronized Lease lease(long bytes, long hold) throws InterruptedIOException {
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
        Lease lease = new Lease(want);
        if (hold >= MIN_KEPT && hold <= want && hold <= Integer.MAX_VALUE) {
            lease.array = reuse(arrayLength((int) hold, want));
        }
        // kept arrays make room, the oldest first
        while (taken + kept > capacity) {
            kept -= parked.removeFirst().length();
        }
        return lease;
    }

    /** A kept array of exactly {@code length} bytes, no longer kept (the lease took it); null when there is none. */
    private byte[] reuse(int length) {
        for (Iterator<Kept> i = parked.iterator(); i.hasNext();) {
            Kept k = i.next();
            byte[] array = k.array().get();
            if (array == null || k.length() == length) {
                i.remove();
                kept -= k.length();
                if (array != null) {
                    return array;
                }
            }
        }
        return null;
    }

    private synchronized void end(Lease lease) {
        if (lease.ended) {
            return;
        }
        lease.ended = true;
        taken -= lease.bytes;
        byte[] array = lease.array;
        if (array != null && array.length >= MIN_KEPT) {
            // within what the lease took, so taken + kept stays within the capacity
            parked.addLast(new Kept(new SoftReference<>(array), array.length));
            kept += array.length;
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

    /**
     * The length of the array {@link Lease#array} gives for {@code n} bytes within a lease of {@code bytes}: below
     * {@link #MIN_KEPT}, {@code n}; else the next power of two, unless that is more than the lease. Arrays come in
     * few lengths so that a kept one fits later files; what a file is charged depends on its size alone.
     */
    public static int arrayLength(int n, long bytes) {
        if (n < MIN_KEPT) {
            return n;
        }
        long up = Long.highestOneBit(n - 1L) << 1;
        return up <= bytes && up <= Integer.MAX_VALUE - 8 ? (int) up : n;
    }

    /** Bytes taken from the pool until {@link #close()}, with one array to hold a file in. Not thread-safe. */
    public final class Lease implements AutoCloseable {
        private final long bytes;
        /** The array taken from the kept ones when the lease began, or the one given. */
        private byte[] array;
        private boolean given;
        private boolean ended;

        private Lease(long bytes) {
            this.bytes = bytes;
        }

        /** The bytes taken. */
        public long bytes() {
            return bytes;
        }

        /**
         * An array of {@link #arrayLength arrayLength(n, bytes())} bytes, once per lease: the kept one the lease
         * began with when of that length (holding what an earlier file left in it: use only what is written to it),
         * or a new one. A lease that gives none still keeps the one it began with, as it took it within its bytes.
         */
        public byte[] array(int n) {
            if (given) {
                throw new IllegalStateException("one array per lease");
            }
            if (n > bytes) {
                throw new IllegalArgumentException(n + " bytes asked of a lease of " + bytes);
            }
            given = true;
            int length = arrayLength(n, bytes);
            if (array == null || array.length != length) {
                array = new byte[length];
            }
            return array;
        }

        @Override
        public void close() {
            end(this);
        }
    }
}
