package io.github.imagehygiene.analysis;

/**
 * A layer's measured numbers, as the console table and report.json show them.
 *
 * @param index          1-based, bottom layer first
 * @param digest         the blob digest (declared, else measured)
 * @param diffId         sha256 of the uncompressed tar
 * @param blobSize       bytes of the blob in the archive
 * @param compressedSize what a push transfers: the blob, or its gzip estimate when stored uncompressed
 * @param compression    none, gzip or zstd
 * @param size           bytes of the uncompressed tar stream
 * @param contentSize    sum of entry sizes (dive's layer size)
 * @param files          number of tar entries
 * @param createdBy      the history's created_by, or ""
 * @param comment        the history's comment, or "" (Jib names its layers there: dependencies, classes...)
 */
public record LayerSummary(int index, String digest, String diffId, long blobSize, long compressedSize,
        String compression, long size, long contentSize, int files, String createdBy, String comment) {

    /**
     * created_by without the shell wrapper Docker adds ("/bin/sh -c #(nop) COPY x" → "COPY x"); for Jib, which writes
     * the same created_by for every layer, with the layer's name from the comment.
     */
    public String instruction() {
        String s = createdBy.strip();
        if (s.startsWith("jib-") && !comment.isBlank()) {
            return s + ": " + comment.strip();
        }
        if (s.startsWith("/bin/sh -c ")) {
            s = s.substring("/bin/sh -c ".length()).strip();
            if (s.startsWith("#(nop)")) {
                s = s.substring("#(nop)".length()).strip();
            } else {
                s = "RUN " + s;
            }
        }
        // Docker's legacy builder names copied content by a 64-hex hash; 12 digits identify it, as docker does.
        return s.replaceAll("\\s+", " ").replaceAll("\\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{52}\\b", "$1:$2");
    }
}
