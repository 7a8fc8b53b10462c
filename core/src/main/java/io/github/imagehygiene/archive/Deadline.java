package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.TimeLimitException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The wall-clock limit of one check ({@code timeout}): readers call {@link #check(String)} as they go, so that a
 * pathological input (a layer of many gigabytes, millions of entries) ends with a clear error instead of holding CI
 * for hours, and {@link #watch(Closeable)} closes a stream that blocks without sending anything (a stalled Docker
 * daemon) when the time is up. One per run; {@link #none()} never expires.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(null, Long.MAX_VALUE, null);

    private final Duration limit;
    private final long expiresAt;
    private final String source;
    private final Watchdog watchdog;

    private Deadline(Duration limit, long expiresAt, String source) {
        this(limit, expiresAt, source, limit == null ? null : new Watchdog());
    }

    private Deadline(Duration limit, long expiresAt, String source, Watchdog watchdog) {
        this.limit = limit;
        this.expiresAt = expiresAt;
        this.source = source;
        this.watchdog = watchdog;
    }

    /** No limit. */
    public static Deadline none() {
        return NONE;
    }

    /**
     * A limit starting now.
     *
     * @param limit how long the run may take; null, zero or negative for no limit
     */
    public static Deadline after(Duration limit) {
        if (limit == null || limit.isZero() || limit.isNegative()) {
            return NONE;
        }
        long now = System.nanoTime();
        long nanos;
        try {
            nanos = limit.toNanos();
        } catch (ArithmeticException e) {
            return NONE; // longer than ~292 years
        }
        return new Deadline(limit, now + nanos, null);
    }

    /** The same limit, naming the archive in its message. */
    public Deadline forSource(String name) {
        return limit == null ? this : new Deadline(limit, expiresAt, name, watchdog);
    }

    /** The limit, or null when there is none. */
    public Duration limit() {
        return limit;
    }

    public boolean expired() {
        return limit != null && System.nanoTime() - expiresAt >= 0;
    }

    /** Nanoseconds left (at least 0), or {@link Long#MAX_VALUE} without a limit. */
    public long remainingNanos() {
        return limit == null ? Long.MAX_VALUE : Math.max(0, expiresAt - System.nanoTime());
    }

    /**
     * Fails when the time is up.
     *
     * @param activity what the reader is doing, for the message ("reading layer blobs/sha256/...")
     * @throws TimeLimitException when the limit has passed
     */
    public void check(String activity) {
        if (limit != null && System.nanoTime() - expiresAt >= 0) {
            throw exceeded(activity);
        }
    }

    /** The error for a run that ran out of time while doing {@code activity}. */
    public TimeLimitException exceeded(String activity) {
        return new TimeLimitException((source == null ? "" : source + ": ") + "gave up after " + format(limit)
                + ", the time limit (timeout), while " + activity + "; raise <timeout> (imageHygiene.timeout) if"
                + " the image is really that large, or check that its source is not stalled");
    }

    /**
     * Closes {@code resource} when the time is up (from another thread), which ends a read blocked on it.
     *
     * @return closing the returned handle (in try-with-resources) cancels the watch; it never throws
     */
    public Watch watch(Closeable resource) {
        if (limit == null) {
            return () -> {
            };
        }
        return watchdog.schedule(resource, remainingNanos());
    }

    /** {@code in}, checking the limit on every read; {@code in} itself without a limit. */
    public InputStream guard(InputStream in, String activity) {
        return limit == null ? in : new Guarded(in, this, activity);
    }

    /** "30m", "1h 30m", "45s", "250ms". */
    public static String format(Duration d) {
        if (d == null) {
            return "no limit";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            out.append(out.length() > 0 ? " " : "").append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0) {
            out.append(out.length() > 0 ? " " : "").append(s % 60).append('s');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Deadline[" + format(limit) + "]";
    }

    private static final class Guarded extends FilterInputStream {
        private final Deadline deadline;
        private final String activity;
        private int singles;

        Guarded(InputStream in, Deadline deadline, String activity) {
            super(in);
            this.deadline = deadline;
            this.activity = activity;
        }

        @Override
        public int read() throws IOException {
            if ((++singles & 0xfff) == 0) {
                deadline.check(activity);
            }
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            deadline.check(activity);
            return in.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            deadline.check(activity);
            return in.skip(n);
        }
    }

    /** A cancellable watch. */
    @FunctionalInterface
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** One daemon thread per run, started on the first watch, gone a second after the last one ends. */
    private static final class Watchdog {
        private ScheduledThreadPoolExecutor executor;

        synchronized Watch schedule(Closeable resource, long delayNanos) {
            if (executor == null) {
                executor = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "image-hygiene-deadline");
                    t.setDaemon(true);
                    return t;
                });
                executor.setRemoveOnCancelPolicy(true);
                executor.setKeepAliveTime(1, TimeUnit.SECONDS);
                executor.allowCoreThreadTimeOut(true);
            }
            ScheduledFuture<?> task = executor.schedule(() -> {
                try {
                    resource.close();
                } catch (IOException | RuntimeException e) {
                    // the reader fails on the closed stream and reports the time limit
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
            return () -> task.cancel(false);
        }
    }
}
