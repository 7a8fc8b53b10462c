package io.github.imagehygiene.analysis.inventory;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Reading jars by their central directory against streaming every entry (the reader before: a bound of 0): every
 * jar under a directory, read from files as the layer pass hands them over (a buffered stream, its size known), on
 * one thread per processor. Not a unit test (docs/benchmark.md):
 *
 * <pre>java -Xmx256m -cp core/target/test-classes:core/target/classes:DEPS \
 *     io.github.imagehygiene.analysis.inventory.JarReadBenchmark ~/.m2/repository 5</pre>
 */
public final class JarReadBenchmark {
    private JarReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Path> jars;
        try (Stream<Path> files = Files.walk(root)) {
            jars = files.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        }
        long bytes = 0;
        for (Path p : jars) {
            bytes += Files.size(p);
        }
        System.out.printf(Locale.ROOT, "%d jars, %.1f MB, %d threads, held bound %d MiB, heap %d MiB%n", jars.size(),
                bytes / 1e6, threads, JarReader.HELD_BOUND >> 20, Runtime.getRuntime().maxMemory() >> 20);
        long bestStreamed = Long.MAX_VALUE;
        long bestHeld = Long.MAX_VALUE;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < rounds; i++) {
                long streamed = time(pool, threads, jars, 0);
                long held = time(pool, threads, jars, JarReader.HELD_BOUND);
                bestStreamed = Math.min(bestStreamed, streamed);
                bestHeld = Math.min(bestHeld, held);
                System.out.printf(Locale.ROOT, "round %d: streamed %.2f s, held %.2f s%n", i + 1, streamed / 1e9,
                        held / 1e9);
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf(Locale.ROOT, "best of %d: streamed %.2f s, held %.2f s (%.1fx)%n", rounds,
                bestStreamed / 1e9, bestHeld / 1e9, bestStreamed / (double) bestHeld);
    }

    /** Reads every jar once, on {@code threads} threads; returns the nanoseconds taken. */
    private static long time(ExecutorService pool, int threads, List<Path> jars, long held) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                long artifacts = 0;
                int i;
                while ((i = next.getAndIncrement()) < jars.size()) {
                    Path jar = jars.get(i);
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(jar), 1 << 16)) {
                        artifacts += JarReader.readArchive(jar.toString(), in, Files.size(jar), held).artifacts()
                                .size();
                    } catch (java.io.IOException damaged) {
                        // counted as nothing, both ways
                    }
                }
                return artifacts;
            }));
        }
        for (Future<Long> f : done) {
            f.get();
        }
        return System.nanoTime() - t0;
    }
}
