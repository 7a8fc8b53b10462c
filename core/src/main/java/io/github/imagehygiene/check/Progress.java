package io.github.imagehygiene.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.archive.BlobScanner;
import io.github.imagehygiene.archive.Deadline;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.report.Output;

/**
 * A line as each layer of a large image is read, so that a CI log shows the check working on a long run:
 * {@code Read layer 3 of 12: 180.2 MB stored, 512.3 MB of files in 4.2 s}. Below {@link #THRESHOLD} bytes of layers
 * nothing is said (a small image is read in a moment). Layers read in parallel report as they end.
 */
final class Progress implements BlobScanner<LayerScan> {
    /** From how many stored layer bytes on the lines are written. */
    static final long THRESHOLD = 200L * 1000 * 1000;
    /**
     * A streamed source (a gzipped archive, a Docker daemon) hands over its layers before the image's manifest is
     * read, so before {@link #start}: then a layer this large is reported by itself, by its name in the archive.
     */
    static final long STREAMED_LAYER = 50L * 1000 * 1000;

    private final BlobScanner<LayerScan> scanner;
    private final Output out;
    private final long threshold;
    private volatile Map<String, Integer> index = Map.of();
    private volatile int layers;
    private volatile boolean started;
    private final java.util.concurrent.atomic.AtomicInteger early = new java.util.concurrent.atomic.AtomicInteger();

    Progress(BlobScanner<LayerScan> scanner, Output out, long threshold) {
        this.scanner = scanner;
        this.out = out;
        this.threshold = threshold;
    }

    /**
     * Once the image is resolved: its layers, and whether it is large enough to report on.
     *
     * @param archiveBytes the archive file's size, for the layers whose size no manifest gives (a legacy
     *                     {@code docker save}); 0 when there is no such file
     */
    void start(List<LayerDescriptor> descriptors, long archiveBytes) {
        started = true;
        long stored = 0;
        boolean allKnown = true;
        for (LayerDescriptor d : descriptors) {
            stored += Math.max(0, d.size());
            allKnown &= d.size() >= 0;
        }
        if (!allKnown) {
            stored = Math.max(stored, archiveBytes);
        }
        if (stored < threshold) {
            return;
        }
        Map<String, Integer> byPath = new HashMap<>();
        for (int i = 0; i < descriptors.size(); i++) {
            byPath.putIfAbsent(descriptors.get(i).archivePath(), i + 1);
        }
        layers = descriptors.size();
        index = byPath;
        int before = early.get();
        out.info("Reading " + layers + " layers, " + ByteSize.human(stored) + (allKnown ? " stored" : " of archive")
                + (before == 0 ? "" : " (" + before + " read before the image's manifest came)"));
    }

    @Override
    public LayerScan scan(String path, InputStream in) throws IOException {
        return scan(path, in, Deadline.none());
    }

    @Override
    public LayerScan scan(String path, InputStream in, Deadline deadline) throws IOException {
        long start = System.nanoTime();
        LayerScan scan = scanner.scan(path, in, deadline);
        Integer i = index.get(path);
        if (i == null && !started && scan.blobSize() >= STREAMED_LAYER) {
            early.incrementAndGet();
            out.info(String.format(java.util.Locale.ROOT, "Read layer %s: %s stored, %s of files in %.1f s",
                    io.github.imagehygiene.common.OneLine.of(path), ByteSize.human(scan.blobSize()),
                    ByteSize.human(scan.contentSize()), (System.nanoTime() - start) / 1e9));
        } else if (i != null) {
            out.info(String.format(java.util.Locale.ROOT, "Read layer %d of %d: %s stored, %s of files in %.1f s", i,
                    layers, ByteSize.human(scan.blobSize()), ByteSize.human(scan.contentSize()),
                    (System.nanoTime() - start) / 1e9));
        }
        return scan;
    }
}
