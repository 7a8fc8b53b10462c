package io.github.imagehygiene.image;

/**
 * A layer as the image's metadata declares it, before its blob is read.
 *
 * @param index        1-based position, bottom layer first
 * @param archivePath  where the blob sits in the archive or layout folder
 * @param digest       the blob digest the manifest declares, or null when the format names none (legacy docker save)
 * @param size         the blob size the manifest declares, or -1
 * @param mediaType    the declared media type, or null; informative only, compression is detected from content
 * @param diffId       the config's {@code rootfs.diff_ids} entry for this layer
 * @param history      the non-empty history entry that made this layer, or null when the history does not say
 */
public record LayerDescriptor(int index, String archivePath, String digest, long size, String mediaType,
        String diffId, HistoryEntry history) {

    /** The history's {@code created_by}, or an empty string. */
    public String createdBy() {
        return history == null || history.createdBy() == null ? "" : history.createdBy();
    }
}
