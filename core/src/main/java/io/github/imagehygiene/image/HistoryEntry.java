package io.github.imagehygiene.image;

/** One entry of the config's {@code history}; {@code emptyLayer} entries (ENV, CMD...) own no layer. */
public record HistoryEntry(String created, String createdBy, String comment, boolean emptyLayer) {
}
