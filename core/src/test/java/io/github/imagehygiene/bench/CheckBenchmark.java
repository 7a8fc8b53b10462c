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
 * The speed bar: the whole check, every rule on, against a bare decompression pass over the same layers (same
 * parallelism). Not a unit test: run it by hand on a large image (docs/benchmark.md).
 *
 * <pre>./mvnw -q test-compile exec:java ...</pre> or from an IDE: {@code CheckBenchmark IMAGE [ROUNDS]}.
 */
public final class CheckBenchmark {
    private CheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = Runtime.getRuntime().availableProcessors();
        java.nio.file.Path reports = java.nio.file.Files.createTempDirectory("image-hygiene-bench");
        long bestBare = Long.MAX_VALUE;
        long bestAnalysis = Long.MAX_VALUE;
        long bestCheck = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            long bytes = barePass(image, threads);
            long t1 = System.nanoTime();
            CheckSettings config = CheckSettings.builder().image(image).threads(threads).maxSize("100GB")
                    .maxCompressedSize("100GB").maxLayerSize("100GB").maxLayers(1000).reportDirectory(reports)
                    .toolVersion("bench").layerCache("none").build();
            new ImageCheck(config, LogSink.NONE).analyse(allCollectors(config));
            long t2 = System.nanoTime();
            // the whole check, as the goal runs it: every rule, report.json and the SBOM
            new ImageCheck(config, LogSink.NONE).run();
            long t3 = System.nanoTime();
            bestBare = Math.min(bestBare, t1 - t0);
            bestAnalysis = Math.min(bestAnalysis, t2 - t1);
            bestCheck = Math.min(bestCheck, t3 - t2);
            System.out.printf(Locale.ROOT, "round %d: bare %.2f s (%d bytes), layer pass %.2f s, whole check %.2f s%n",
                    i + 1, (t1 - t0) / 1e9, bytes, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        }
        System.out.printf(Locale.ROOT, "best: bare %.2f s, layer pass %.2f s (%.2f), whole check %.2f s, ratio %.2f"
                + " (bar: 1.25)%n", bestBare / 1e9, bestAnalysis / 1e9, bestAnalysis / (double) bestBare,
                bestCheck / 1e9, bestCheck / (double) bestBare);
    }

    /** The collectors every rule asks for, as the check would run them. */
    static List<io.github.imagehygiene.layer.ContentCollector<?>> allCollectors(CheckSettings config) {
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
        try (ArchiveSource<Long> source = ArchiveSources.open(image, null, discard)) {
            Image resolved = ImageResolver.resolve(source, null, null);
            List<String> paths = new ArrayList<>();
            for (LayerDescriptor l : resolved.layers()) {
                paths.add(l.archivePath());
            }
            return source.scan(paths, threads).stream().mapToLong(Long::longValue).sum();
        }
    }
}
