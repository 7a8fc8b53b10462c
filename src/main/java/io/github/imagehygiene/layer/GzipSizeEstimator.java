package io.github.imagehygiene.layer;

import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * Counts what gzip at its default level would make of the bytes written to it, without keeping them: the bytes a
 * registry push of an uncompressed layer transfers (within a few bytes of header).
 */
final class GzipSizeEstimator extends OutputStream {
    /** gzip header (10) and trailer (8). */
    private static final int GZIP_FRAMING = 18;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] out = new byte[1 << 16];
    private long compressed;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            compressed += deflater.deflate(out);
        }
    }

    /** Finishes the stream and returns its size; the estimator cannot be used after. */
    long finish() {
        deflater.finish();
        while (!deflater.finished()) {
            compressed += deflater.deflate(out);
        }
        deflater.end();
        return compressed + GZIP_FRAMING;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
