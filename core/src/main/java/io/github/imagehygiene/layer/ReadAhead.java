package io.github.imagehygiene.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own, a few blocks ahead of the reader: the blob is read, hashed and decompressed
 * on one core while the tar is hashed, parsed and its files collected on the other (a one-layer image would leave a
 * core idle otherwise). Bounded: at most {@link #BLOCKS} blocks of {@link #BLOCK} bytes wait, so a decompression
 * bomb is still streamed, never buffered. What the source throws reaches the reader at the same place in the
 * stream, so errors read as they would without the thread. When the source ends, {@code afterEnd} is drained too (the
 * compressed bytes after the compressed stream's end, for the blob's digest).
 */
final class ReadAhead extends InputStream {
    static final int BLOCK = 256 * 1024;
    static final int BLOCKS = 6;

    /** A filled block, the end, or a failure, in stream order. */
    private record Block(byte[] data, int length, Throwable failure) {
        static final Block END = new Block(null, -1, null);
    }

    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS + 2);
    private final Thread thread;
    private volatile boolean cancelled;
    private Block current;
    private int position;
    private boolean ended;
    /** The source's failure: every later read fails with it too, as the source would. */
    private Throwable failure;
    /** What ended the thread, for the reader when handing it over failed too (out of memory making its block). */
    private volatile Throwable died;

    private ReadAhead(InputStream source, InputStream afterEnd, String name) {
        for (int i = 0; i < BLOCKS + 2; i++) {
            free.add(new byte[BLOCK]);
        }
        thread = new Thread(() -> fill(source, afterEnd), name);
        thread.setDaemon(true);
    }

    /** Starts reading {@code source} ahead; {@code afterEnd} (may be null) is drained once it ends. */
    static ReadAhead start(InputStream source, InputStream afterEnd, String name) {
        ReadAhead r = new ReadAhead(source, afterEnd, name);
        r.thread.start();
        return r;
    }

    private void fill(InputStream source, InputStream afterEnd) {
        byte[] buffer = null;
        int count = 0;
        try {
            while (!cancelled) {
                buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer == null) {
                    continue;
                }
                count = 0;
                int n = 0;
                while (count < buffer.length && (n = source.read(buffer, count, buffer.length - count)) >= 0) {
                    count += n;
                }
                if (count > 0) {
                    put(new Block(buffer, count, null));
                }
                buffer = null;
                if (n < 0) {
                    if (afterEnd != null) {
                        afterEnd.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    put(Block.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // Commons Compress and the codecs throw runtime exceptions on some damaged input: the reader decides.
            // The bytes read before the failure go first, so that it surfaces where it happened in the stream.
            // Anything (a checked exception thrown past its declaration too): the reader must never wait for a
            // thread that has ended.
            died = e;
            try {
                if (buffer != null && count > 0) {
                    put(new Block(buffer, count, null));
                }
                put(new Block(null, -1, e));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } catch (Throwable again) {
                // out of memory making the block: the reader finds what ended this thread in died
            }
        }
    }

    private void put(Block b) throws InterruptedException {
        while (!cancelled && !filled.offer(b, 100, TimeUnit.MILLISECONDS)) {
            // the reader is busy; wait, unless it gave up
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.data(), position, b, off, n);
        position += n;
        return n;
    }

    /** Makes {@link #current} a block with bytes left; false at the end. */
    private boolean next() throws IOException {
        if (failure != null) {
            rethrow(failure);
        }
        if (ended) {
            return false;
        }
        if (current != null && position < current.length()) {
            return true;
        }
        if (current != null) {
            free.offer(current.data());
            current = null;
        }
        Block b;
        try {
            // once closed, the thread adds nothing more: a reader still waiting (the next stage's thread of a
            // chain) must not wait forever
            while ((b = filled.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (cancelled) {
                    throw new IOException("the read-ahead was closed");
                }
                // an ended thread adds nothing more: what it added just before it ended, else it ended without
                // handing over its end or its failure (out of memory while making the failure's block)
                if (!thread.isAlive()) {
                    b = filled.poll();
                    if (b == null) {
                        Throwable cause = died;
                        failure = cause != null ? cause : new IOException("the thread reading ahead ("
                                + thread.getName() + ") ended without handing over the end of the stream or a failure");
                        rethrow(failure);
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (b.failure() != null) {
            failure = b.failure();
            rethrow(failure);
        }
        if (b == Block.END) {
            ended = true;
            return false;
        }
        current = b;
        position = 0;
        return true;
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t.toString(), t);
    }

    /**
     * Stops reading ahead and waits (a bounded time) for the thread to let go of the source, so that the caller may
     * close or move past it.
     */
    @Override
    public void close() {
        cancelled = true;
        filled.clear();
        // An interrupted reader (the layer threads of a failed run being stopped) still waits a little: the thread
        // leaves at its next turn, within 100 ms, unless its source blocks; a run leaves no thread reading behind it.
        boolean interrupted = Thread.interrupted();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(interrupted ? 1 : 30);
        long left;
        while (thread.isAlive() && (left = end - System.nanoTime()) > 0) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                // interrupted while waiting the long while: a second from now, as if interrupted before
                interrupted = true;
                end = Math.min(end, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
