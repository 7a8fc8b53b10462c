package io.github.imagehygiene.layer;

import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * Estimates what gzip at its default level makes of the bytes written to it, without keeping them: the bytes a
 * registry push of an uncompressed layer transfers. Deflating everything would cost far more than reading the layer,
 * so the first {@link #EXACT_PREFIX} bytes are deflated whole and after that one block in {@link #SAMPLE_EVERY}; the
 * rest is extrapolated from the sampled ratio.
 */
final class GzipSizeEstimator extends OutputStream {
    /** gzip header (10) and trailer (8). */
    private static final int GZIP_FRAMING = 18;
    private static final int BLOCK = 64 * 1024;
    private static final long EXACT_PREFIX = 2L * 1024 * 1024;
    private static final int SAMPLE_EVERY = 4;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] out = new byte[1 << 16];
    private long total;
    private long exactIn;
    private long exactOut;
    private long sampledIn;
    private long sampledOut;
    private long blockStart;
    private boolean sampling = true;
    private boolean exactPhase = true;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (total >= EXACT_PREFIX && total - blockStart >= BLOCK) {
                startBlock();
            }
            int n = total < EXACT_PREFIX ? (int) Math.min(len, EXACT_PREFIX - total)
                    : (int) Math.min(len, BLOCK - (total - blockStart));
            if (sampling) {
                deflater.setInput(b, off, n);
                while (!deflater.needsInput()) {
                    count(deflater.deflate(out));
                }
                if (exactPhase) {
                    exactIn += n;
                } else {
                    sampledIn += n;
                }
            }
            total += n;
            off += n;
            len -= n;
        }
    }

    private void count(int produced) {
        if (exactPhase) {
            exactOut += produced;
        } else {
            sampledOut += produced;
        }
    }

    /**
     * Decides whether the next block is sampled. Sampled blocks continue one deflate stream, as if the blocks between
     * them were not there: small blocks spread over the whole layer follow its changes in content.
     */
    private void startBlock() {
        if (exactPhase) {
            // the exact prefix's output is complete once its pending bytes are flushed
            int n;
            while ((n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH)) > 0) {
                count(n);
            }
        }
        exactPhase = false;
        blockStart = total;
        sampling = ((total - EXACT_PREFIX) / BLOCK) % SAMPLE_EVERY == 0;
    }

    private void finishStream() {
        deflater.finish();
        while (!deflater.finished()) {
            count(deflater.deflate(out));
        }
    }

    /** Finishes and returns the estimate; the estimator cannot be used after. */
    long finish() {
        finishStream();
        deflater.end();
        long rest = total - exactIn;
        long restEstimate = sampledIn == 0 ? 0 : Math.round(rest * (sampledOut / (double) sampledIn));
        return exactOut + restEstimate + GZIP_FRAMING;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
