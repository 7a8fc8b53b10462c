package io.github.imagehygiene.layer;

/**
 * The bytes that the collectors of one {@link LayerScanner} may hold in memory at once, shared by its layer threads.
 * A collector that reads a file faster when it holds it whole (a jar, to read its central directory) reserves the
 * file's size here, and reads it as a stream, with the same result, when the pool cannot give that much. What the
 * threads hold together then stays a fixed share of the heap however many threads run, and one large file may have
 * the whole share while the other threads hold little: under {@code -Xmx256m} a 59 MB jar with data descriptors
 * (rocksdbjni) is read by its directory in 10 ms instead of being inflated whole (155 MB, half a second).
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
        return new HeldMemory(Runtime.getRuntime().maxMemory() / 4);
    }

    public long capacity() {
        return capacity;
    }

    /**
     * Takes up to {@code want} bytes.
     *
     * @return the bytes taken, from 0 to {@code want}; give them back with {@link #release}
     */
    public synchronized long reserve(long want) {
        long got = Math.max(0, Math.min(want, free));
        free -= got;
        return got;
    }

    /** Gives back bytes {@link #reserve} took. */
    public synchronized void release(long bytes) {
        free = Math.min(capacity, free + Math.max(0, bytes));
    }
}
