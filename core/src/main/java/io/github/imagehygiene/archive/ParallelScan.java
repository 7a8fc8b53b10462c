package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.ImageReadException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.imagehygiene.common.ImageHygieneException;

/** Scans blobs of a random-access source on a small pool of its own (one per run: no shared static state). */
final class ParallelScan {
    private ParallelScan() {
    }

    /** Opens a blob for scanning. */
    interface Opener {
        InputStream open(String path) throws IOException;
    }

    static <T> List<T> run(String archive, List<String> paths, int threads, Opener opener, BlobScanner<T> scanner,
            Deadline deadline) {
        if (paths.isEmpty()) {
            return List.of(); // an image of no layers (an attestation manifest's)
        }
        // One thread too is the pool's, the caller waiting for it with the time limit: a blob whose source stalls
        // (a read that never returns) keeps the thread that reads it, never the caller.
        int n = Math.max(1, Math.min(threads, paths.size()));
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "image-hygiene-layer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        String current = paths.get(0);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String path : paths) {
                futures.add(pool.submit(() -> scanOne(archive, path, opener, scanner, deadline)));
            }
            List<T> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                current = paths.get(i);
                long left = deadline.remainingNanos();
                results.add(left == Long.MAX_VALUE ? futures.get(i).get()
                        : futures.get(i).get(left, TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (TimeoutException e) {
            throw deadline.exceeded("reading layer " + current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageReadException(archive + ": interrupted while reading layers");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new ImageReadException(archive + ": " + describe(cause), cause);
        } finally {
            pool.shutdownNow();
            awaitEnd(pool);
        }
    }

    /**
     * Waits a little for the layer threads a failed, timed out or interrupted run stopped: the run leaves no thread
     * reading behind it. They end within milliseconds (a thread inflating a held jar sees the interrupt only at the
     * jar's end); one blocked in a source that does not answer is left to end when its source is closed.
     */
    private static void awaitEnd(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Scans one blob. Whatever the scanner throws on a damaged blob becomes one {@link ImageReadException} naming the
     * archive and the blob: an unexpected runtime exception of a decoder is still a damaged input, not a crash.
     */
    static <T> T scanOne(String archive, String path, Opener opener, BlobScanner<T> scanner, Deadline deadline) {
        deadline.check("reading layer " + path);
        try (InputStream in = deadline.guard(opener.open(path), "reading layer " + path)) {
            return scanner.scan(path, in, deadline);
        } catch (IOException e) {
            if (deadline.expired()) {
                throw deadline.exceeded("reading layer " + path);
            }
            throw new ImageReadException(archive + ": layer " + path + ": " + describe(e), e);
        } catch (ImageHygieneException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageReadException(archive + ": layer " + path + ": " + describe(e), e);
        }
    }

    /** An exception's message, or its type when it has none (EOFException often has none); always one line. */
    static String describe(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return printable(io.github.imagehygiene.common.FileProblem.of(f, null));
        }
        String m = e.getMessage();
        if (m != null) {
            m = m.strip();
            int nl = m.indexOf('\n');
            if (nl >= 0) {
                m = m.substring(0, nl).strip();
            }
        }
        if (m != null) {
            m = printable(m);
        }
        if (e instanceof java.io.EOFException) {
            return "unexpected end of data (truncated)" + (m == null || m.isEmpty() ? "" : ": " + m);
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Control characters (libraries quote the damaged bytes they met) as '?', so a message stays one clean line. */
    static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD') {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
