package io.github.imagehygiene.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Scans blobs of a random-access source on a small pool of its own (one per run: no shared static state). */
final class ParallelScan {
    private ParallelScan() {
    }

    /** Opens a blob for scanning. */
    interface Opener {
        InputStream open(String path) throws IOException;
    }

    static <T> List<T> run(String archive, List<String> paths, int threads, Opener opener, BlobScanner<T> scanner) {
        int n = Math.max(1, Math.min(threads, paths.size()));
        if (n == 1) {
            List<T> results = new ArrayList<>();
            for (String path : paths) {
                results.add(scanOne(archive, path, opener, scanner));
            }
            return results;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "image-hygiene-layer-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String path : paths) {
                futures.add(pool.submit(() -> scanOne(archive, path, opener, scanner)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
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
            throw new ImageReadException(archive + ": " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
    }

    static <T> T scanOne(String archive, String path, Opener opener, BlobScanner<T> scanner) {
        try (InputStream in = opener.open(path)) {
            return scanner.scan(path, in);
        } catch (IOException e) {
            throw new ImageReadException(archive + ": layer " + path + ": " + describe(e), e);
        }
    }

    /** An exception's message, or its type when it has none (EOFException often has none). */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.io.EOFException) {
            return "unexpected end of data (truncated)" + (m == null ? "" : ": " + m);
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
