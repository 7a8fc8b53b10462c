package io.github.imagehygiene.layer;

/**
 * What a {@link ContentCollector} kept of one file of one layer.
 *
 * @param collector the collector's id
 * @param path      the file's path in the image
 * @param value     what the collector returned
 */
public record Collected(String collector, String path, Object value) {
}
