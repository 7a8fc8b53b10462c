package io.github.imagehygiene.analysis;

import java.util.List;

import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.layer.LayerScan;

/**
 * Everything measured about one image; the input of every rule.
 *
 * @param image               the image model
 * @param layers              per-layer numbers, bottom first
 * @param scans               per-layer entries, same order
 * @param size                uncompressed bytes, the sum of the layers' tar streams (what {@code docker images} shows)
 * @param compressedSize      what a registry push transfers
 * @param compressedEstimated whether some layer's compressed size is a gzip estimate
 * @param contentSize         sum of all entries' sizes
 */
public record ImageAnalysis(Image image, List<LayerSummary> layers, List<LayerScan> scans, long size,
        long compressedSize, boolean compressedEstimated, long contentSize) {
}
