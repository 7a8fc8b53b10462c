package io.github.imagehygiene.bench;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.archive.BlobScanner;
import io.github.imagehygiene.archive.Compression;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.LayerDescriptor;

/**
 * The speed bar: the whole check, every rule on, against a bare decompression pass over the same layers and against
 * the floor of a verifying reader (decompression and both SHA-256 digests, blob and diff_id), with the same
 * parallelism; and the heap the whole check peaked at. Not a unit test: run it by hand on a large image
 * (docs/benchmark.md, core/src/test/fixtures/large/run-benchmark.sh).
 *
 * <p>{@code CheckBenchmark IMAGE [ROUNDS] [OSV_FOLDER]}: with an OSV folder, the vulnerabilities rule matches against
 * it (else it is off: the default source is osv.dev, not reachable offline).
 */
public final class CheckBenchmark {
    private CheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = Runtime.getRuntime().availableProcessors();
        java.nio.file.Path reports = java.nio.file.Files.createTempDirectory("image-hygiene-bench");
        String osv = args.length > 2 ? args[2] : null;
        long bestBare = Long.MAX_VALUE;
        long bestFloor = Long.MAX_VALUE;
        long bestAnalysis = Long.MAX_VALUE;
        long bestCheck = Long.MAX_VALUE;
        long peakHeap = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            long bytes = barePass(image, threads);
            long t1 = System.nanoTime();
            verifyingFloor(image, threads);
            long t2 = System.nanoTime();
            CheckSettings.Builder builder = CheckSettings.builder().image(image).threads(threads).maxSize("100GB")
                    .maxCompressedSize("100GB").maxLayerSize("100GB").maxLayers(1000).reportDirectory(reports)
                    .toolVersion("bench").layerCache("none"); // every round reads the layers (LayerCacheBenchmark)
            if (osv != null) {
                builder.vulnerabilityDatabase(osv);
            } else {
                builder.levels(java.util.Map.of("vulnerabilities", "OFF"));
            }
            CheckSettings config = builder.build();
            new ImageCheck(config, LogSink.NONE).analyse(allCollectors(config));
            long t3 = System.nanoTime();
            System.gc();
            resetPeaks();
            // the whole check, as the goal runs it: every rule, every report and the SBOM
            new ImageCheck(config, LogSink.NONE).run();
            long t4 = System.nanoTime();
            peakHeap = Math.max(peakHeap, peakHeap());
            bestBare = Math.min(bestBare, t1 - t0);
            bestFloor = Math.min(bestFloor, t2 - t1);
            bestAnalysis = Math.min(bestAnalysis, t3 - t2);
            bestCheck = Math.min(bestCheck, t4 - t3);
            System.out.printf(Locale.ROOT, "round %d: bare %.2f s (%d bytes), verifying floor %.2f s, layer pass %.2f s,"
                    + " whole check %.2f s%n", i + 1, (t1 - t0) / 1e9, bytes, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                    (t4 - t3) / 1e9);
        }
        System.out.printf(Locale.ROOT, "best: bare %.2f s, verifying floor %.2f s, layer pass %.2f s, whole check %.2f s;"
                + " whole check / floor %.2f (goal: 1.25), / bare %.2f; peak heap of the whole check %d MiB (max %d MiB)%n",
                bestBare / 1e9, bestFloor / 1e9, bestAnalysis / 1e9, bestCheck / 1e9,
                bestCheck / (double) bestFloor, bestCheck / (double) bestBare, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void resetPeaks() {
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks} (an upper bound of the heap used at once). */
    private static long peakHeap() {
        long sum = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Decompresses every layer and computes both digests the image format requires (the blob's and the
     * uncompressed tar's): the least a reader that verifies what it reads must do.
     */
    static long verifyingFloor(String image, int threads) throws Exception {
        BlobScanner<Long> verify = (path, in) -> {
            java.security.MessageDigest blob = io.github.imagehygiene.archive.Digests.sha256();
            java.security.MessageDigest diff = io.github.imagehygiene.archive.Digests.sha256();
            BufferedInputStream buffered = new BufferedInputStream(new java.security.DigestInputStream(in, blob),
                    1 << 16);
            Compression c = Compression.detect(buffered);
            try (InputStream plain = new java.security.DigestInputStream(c.decompress(buffered), diff)) {
                long n = plain.transferTo(java.io.OutputStream.nullOutputStream());
                buffered.transferTo(java.io.OutputStream.nullOutputStream()); // the blob's digest covers all of it
                blob.digest();
                diff.digest();
                return n;
            }
        };
        return everyLayer(image, threads, verify);
    }

    /** The collectors every rule asks for, as the check would run them. */
    public static List<io.github.imagehygiene.layer.ContentCollector<?>> allCollectors(CheckSettings config) {
        List<io.github.imagehygiene.layer.ContentCollector<?>> all = new ArrayList<>();
        for (var rule : io.github.imagehygiene.rules.catalog.RuleCatalog.rules(config.rules())) {
            for (var c : rule.collectors()) {
                if (all.stream().noneMatch(x -> x.id().equals(c.id()))) {
                    all.add(c);
                }
            }
        }
        return all;
    }

    /** Decompresses every layer and discards it: the least any checker must do. */
    static long barePass(String image, int threads) throws Exception {
        BlobScanner<Long> discard = (path, in) -> {
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            Compression c = Compression.detect(buffered);
            try (InputStream plain = c.decompress(buffered)) {
                return plain.transferTo(java.io.OutputStream.nullOutputStream());
            }
        };
        return everyLayer(image, threads, discard);
    }

    /** Runs {@code scanner} over every layer of the image, {@code threads} at once; the sum of what it returns. */
    private static long everyLayer(String image, int threads, BlobScanner<Long> scanner) throws Exception {
        try (ArchiveSource<Long> source = ArchiveSources.open(image, null, scanner)) {
            Image resolved = ImageResolver.resolve(source, null, null);
            List<String> paths = new ArrayList<>();
            for (LayerDescriptor l : resolved.layers()) {
                paths.add(l.archivePath());
            }
            return source.scan(paths, threads).stream().mapToLong(Long::longValue).sum();
        }
    }
}
