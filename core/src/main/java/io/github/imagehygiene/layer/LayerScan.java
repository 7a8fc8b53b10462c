package io.github.imagehygiene.layer;

import java.util.List;

import io.github.imagehygiene.archive.Compression;

/**
 * What one pass over a layer blob measured.
 *
 * @param blobDigest       sha256 of the blob as stored
 * @param blobSize         bytes of the blob as stored in the archive
 * @param compression      detected from magic bytes
 * @param diffId           sha256 of the uncompressed tar stream
 * @param size             bytes of the uncompressed tar stream
 * @param gzipSizeEstimate for an uncompressed blob, the bytes gzip (level 6, as a push uses) makes of it; else -1
 * @param contentSize      sum of the tar-header sizes of the entries (dive's layer size)
 * @param entries          every entry, in tar order
 * @param collected        what the content collectors kept, in tar order
 */
public record LayerScan(String blobDigest, long blobSize, Compression compression, String diffId, long size,
        long gzipSizeEstimate, long contentSize, List<FileEntry> entries, List<Collected> collected) {

    /** What a registry push transfers for this layer: the blob itself, or its gzip estimate when stored raw. */
    public long compressedSize() {
        return compression == Compression.NONE && gzipSizeEstimate >= 0 ? gzipSizeEstimate : blobSize;
    }
}
