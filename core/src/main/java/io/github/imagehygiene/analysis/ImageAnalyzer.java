package io.github.imagehygiene.analysis;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.archive.Digests;
import io.github.imagehygiene.archive.Compression;
import io.github.imagehygiene.common.IntegrityException;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.LayerScan;

/** Joins the declared layers with what their scans measured, verifying each blob against its declarations. */
public final class ImageAnalyzer {
    private ImageAnalyzer() {
    }

    public static ImageAnalysis analyze(Image image, List<LayerScan> scans) {
        return analyze(image, scans, java.util.Set.of(), List.of());
    }

    /** As above, recording which content collectors ran, with the settings the derived analyses read. */
    public static ImageAnalysis analyze(Image image, List<LayerScan> scans, java.util.Set<String> collectorIds,
            List<?> settings) {
        List<LayerSummary> layers = new ArrayList<>();
        long size = 0;
        long compressed = 0;
        long content = 0;
        boolean estimated = false;
        for (int i = 0; i < scans.size(); i++) {
            LayerDescriptor d = image.layers().get(i);
            LayerScan s = scans.get(i);
            verify(image.source(), d, s);
            layers.add(new LayerSummary(d.index(), d.digest() != null ? d.digest() : s.blobDigest(), s.diffId(),
                    s.blobSize(), s.compressedSize(), s.compression().id(), s.size(), s.contentSize(),
                    s.entries().size(), d.createdBy(),
                    d.history() == null || d.history().comment() == null ? "" : d.history().comment()));
            size += s.size();
            compressed += s.compressedSize();
            content += s.contentSize();
            estimated |= s.compression() == Compression.NONE && s.gzipSizeEstimate() >= 0;
        }
        return new ImageAnalysis(image, List.copyOf(layers), scans, size, compressed, estimated, content, collectorIds,
                settings);
    }

    private static void verify(String source, LayerDescriptor d, LayerScan s) {
        String where = source + ": layer " + d.index() + " (" + d.archivePath() + ")";
        if (d.size() >= 0 && d.size() != s.blobSize()) {
            throw new IntegrityException(where + " is " + s.blobSize() + " bytes, but the manifest says " + d.size());
        }
        // the blob was hashed with the algorithm of its name (sha256, or sha512 in an OCI layout), which the
        // manifest's digest names too; a digest of another algorithm than the hash cannot be compared
        if (d.digest() != null && Digests.algorithmOf(d.digest()).equals(Digests.algorithmOf(s.blobDigest()))
                && !d.digest().equals(s.blobDigest())) {
            throw new IntegrityException(where + " does not match its digest: expected " + d.digest() + ", content is "
                    + s.blobDigest());
        }
        if (d.diffId() != null && d.diffId().startsWith("sha256:") && !d.diffId().equals(s.diffId())) {
            throw new IntegrityException(where + ": uncompressed content is " + s.diffId()
                    + ", but the config's rootfs.diff_ids says " + d.diffId());
        }
    }
}
