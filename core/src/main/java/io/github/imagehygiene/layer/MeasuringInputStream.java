package io.github.imagehygiene.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Counts and hashes every byte that passes (unless the digest is null: already hashed elsewhere), and can hand a copy
 * to a sink (the gzip estimator).
 */
final class MeasuringInputStream extends FilterInputStream {
    private final MessageDigest digest;
    private final OutputStream tee;
    private long count;
    private byte[] skipBuffer;
    private boolean dataInFirstBlock;

    MeasuringInputStream(InputStream in, MessageDigest digest, OutputStream tee) {
        super(in);
        this.digest = digest;
        this.tee = tee;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            if (count < 512 && b != 0) {
                dataInFirstBlock = true;
            }
            if (digest != null) {
                digest.update((byte) b);
            }
            if (tee != null) {
                tee.write(b);
            }
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            if (count < 512 && !dataInFirstBlock) {
                for (int i = off, end = off + (int) Math.min(n, 512 - count); i < end; i++) {
                    if (b[i] != 0) {
                        dataInFirstBlock = true;
                        break;
                    }
                }
            }
            if (digest != null) {
                digest.update(b, off, n);
            }
            if (tee != null) {
                tee.write(b, off, n);
            }
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would bypass the digest: read through instead.
        if (skipBuffer == null) {
            skipBuffer = new byte[1 << 16];
        }
        byte[] buf = skipBuffer;
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether any of the first 512 bytes was not zero: a stream that ends with no tar entry was not a tar then. */
    boolean dataInFirstBlock() {
        return dataInFirstBlock;
    }

    long count() {
        return count;
    }

    MessageDigest digest() {
        return digest;
    }
}
