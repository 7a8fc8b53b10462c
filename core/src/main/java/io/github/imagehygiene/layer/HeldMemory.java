package io.github.imagehygiene.layer;

import java.io.InterruptedIOException;

/**
 * The bytes that the collectors of one {@link LayerScanner} may hold in memory at once, shared by its layer threads.
 * A collector that reads a file faster when it holds it whole (a jar, to read its central directory) reserves what it
 * will hold here first, waiting while the other threads hold too much. What the threads hold together then stays a
 * fixed share of the heap however many threads run, while one large file may have most of it: under
 * {@code -Xmx256m} a 59 MB jar with data descriptors (rocksdbjni) is read by its directory in milliseconds instead of
 * being inflated whole (155 MB, half a second).
 * <p>
 * The collector decides what to hold from the file and the heap alone, never from what the pool has free at the
 * moment, so that a report does not depend on what the other threads were reading; a thread reserves once per file
 * and gives it back before its next, so no two threads can wait for each other.
 */
public final class HeldMemory {
    private final long capacity;
    private long free;

    /** @param capacity the bytes held at most, together */
    public HeldMemory(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        this.capacity = capacity;
        this.free = capacity;
    }

    /**
     * A quarter of the heap: the rest is for the entry tables (about 100 bytes per file of the image), the collected
     * values and the reports.
     */
    public static HeldMemory ofHeap() {
        return new HeldMemory(io.github.imagehygiene.common.Heap.max() / 4);
    }

    public long capacity() {
        return capacity;
    }

    /**
     * Takes {@code bytes} (at most {@link #capacity()}), waiting until the other threads have given back enough.
     *
     * @return the bytes taken; give them back with {@link #release}
     * @throws InterruptedIOException when the thread is interrupted while it waits
     */
    public synchronized long reserve(long bytes) throws InterruptedIOException {
        long want = Math.max(0, Math.min(bytes, capacity));
        while (free < want) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for memory to hold a file in");
            }
        }
        free -= want;
        return want;
    }

    /** Gives back bytes {@link #reserve} took. */
    public synchronized void release(long bytes) {
        free = Math.min(capacity, free + Math.max(0, bytes));
        notifyAll();
    }

    /** The bytes not taken now: for tests. */
    public synchronized long free() {
        return free;
    }
}
