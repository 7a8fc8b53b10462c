package io.github.imagehygiene.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The layer cache's goal: the whole check run a second time over unchanged layers, reading them from the cache, takes
 * at most 0.35× the first run, which read them and filled an empty cache. Not a unit test: run it by hand on a large
 * image (docs/benchmark.md), {@code LayerCacheBenchmark IMAGE [ROUNDS]}; each round starts from an empty cache.
 */
public final class LayerCacheBenchmark {
    private LayerCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path reports = Files.createTempDirectory("image-hygiene-bench");
        long bestNone = Long.MAX_VALUE;
        long bestFirst = Long.MAX_VALUE;
        long bestSecond = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            Path cache = Files.createTempDirectory("image-hygiene-layer-cache");
            long t0 = System.nanoTime();
            ImageCheck.check(settings(image, "none", reports), LogSink.NONE);
            long t1 = System.nanoTime();
            ImageCheck.check(settings(image, cache.toString(), reports), LogSink.NONE);
            long t2 = System.nanoTime();
            ImageCheck.check(settings(image, cache.toString(), reports), LogSink.NONE);
            long t3 = System.nanoTime();
            long bytes;
            try (Stream<Path> files = Files.list(cache)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            delete(cache);
            bestNone = Math.min(bestNone, t1 - t0);
            bestFirst = Math.min(bestFirst, t2 - t1);
            bestSecond = Math.min(bestSecond, t3 - t2);
            System.out.printf(Locale.ROOT, "round %d: no cache %.2f s, first (filling) %.2f s, second (from the cache)"
                    + " %.2f s, cache %d bytes%n", i + 1, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, bytes);
        }
        System.out.printf(Locale.ROOT, "best: no cache %.2f s, first %.2f s, second %.2f s, ratio second/first %.2f"
                + " (goal: 0.35)%n", bestNone / 1e9, bestFirst / 1e9, bestSecond / 1e9,
                bestSecond / (double) bestFirst);
    }

    private static CheckSettings settings(String image, String cache, Path reports) {
        return CheckSettings.builder().image(image).maxSize("100GB").maxCompressedSize("100GB").maxLayerSize("100GB")
                .maxLayers(1000).reportDirectory(reports).toolVersion("bench").layerCache(cache).build();
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
