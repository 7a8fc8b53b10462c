package io.github.imagehygiene.layer;

import java.io.OutputStream;
import java.util.zip.Deflater;

/**
 * Estimates what gzip at its default level makes of the bytes written to it, without keeping them: the bytes a
 * registry push of an uncompressed layer transfers. Deflating everything would cost far more than reading the layer,
 * so the first {@link #EXACT_PREFIX} bytes are deflated whole, and after them small blocks are sampled and the rest is
 * extrapolated from what the samples became.
 *
 * <p>Each sample is deflated on its own, primed with the {@link #WINDOW} bytes before it as its dictionary: deflate
 * looks back that far, so a sample compresses as it would inside the whole stream, and small samples cost no accuracy.
 * Many small samples follow a layer's changes in content (binaries, text, archives) better than a few large ones.
 * Sampling thins out as the layer grows: one block in {@link #BASE_EVERY} over the first {@link #FIRST_STRATUM} bytes
 * after the prefix, then half as many each time the distance from the prefix doubles, down to one in
 * {@link #MAX_EVERY}; each such stretch is extrapolated from its own samples. On fifteen real layers of 3 MB to
 * 1.3 GB (docs/benchmark.md, "The gzip estimate") the estimate was within 1 % of the JDK's gzip, in a quarter to an
 * eighth of the time of the former sampling (unprimed 64 KiB blocks, one in four) on the layers of 150 MB and more.
 */
final class GzipSizeEstimator extends OutputStream {
    /** gzip header (10) and trailer (8). */
    private static final int GZIP_FRAMING = 18;
    private static final long EXACT_PREFIX = 2L * 1024 * 1024;
    private static final int BLOCK = 16 * 1024;
    /** deflate's window: how far back a match can reach. */
    private static final int WINDOW = 32 * 1024;
    private static final long FIRST_STRATUM = 16L * 1024 * 1024;
    private static final int BASE_EVERY = 4;
    private static final int MAX_EVERY = 64;
    /** Stretches after the prefix: the last starts 2^62 bytes in, beyond any layer. */
    private static final int STRATA = 40;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] out = new byte[1 << 16];
    /** The last {@link #WINDOW} bytes written, a ring ending at {@link #recentEnd}. */
    private final byte[] recent = new byte[WINDOW];
    private final byte[] dictionary = new byte[WINDOW];
    private int recentEnd;
    private int recentFill;
    private long total;
    private long exactOut;
    /** Per stretch: its bytes, the sampled ones, and what deflate made of those. */
    private final long[] bytes = new long[STRATA];
    private final long[] sampledIn = new long[STRATA];
    private final long[] sampledOut = new long[STRATA];
    private int stratum;
    private long blockStart;
    /** Where the next sampled block starts: only the WINDOW bytes before it are kept. */
    private long nextSample = EXACT_PREFIX;
    private boolean exactPhase = true;
    private boolean sampling;

    /**
     * What this JDK's deflate makes of a fixed input, as its length and CRC-32: zlib versions and forks (zlib-ng, which
     * some JDKs link) compress the same bytes to different sizes, so an estimate kept from another JDK's run is not
     * this one's.
     */
    static String fingerprint() {
        byte[] in = new byte[1 << 16];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < in.length; i++) {
            // text-like: short runs from a small alphabet, repeated with variation, so matches and literals both count
            x = x * 6364136223846793005L + 1442695040888963407L;
            in[i] = (byte) ("etaoin shrdlu\n".charAt((int) ((x >>> 59) % 14)));
        }
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(in);
            d.finish();
            byte[] buffer = new byte[1 << 16];
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            long length = 0;
            while (!d.finished()) {
                int n = d.deflate(buffer);
                crc.update(buffer, 0, n);
                length += n;
            }
            return "deflate " + length + ":" + Long.toHexString(crc.getValue());
        } finally {
            d.end();
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (total >= EXACT_PREFIX && (exactPhase || total - blockStart >= BLOCK)) {
                startBlock();
            }
            int n = exactPhase ? (int) Math.min(len, EXACT_PREFIX - total)
                    : (int) Math.min(len, BLOCK - (total - blockStart));
            if (exactPhase || sampling) {
                deflater.setInput(b, off, n);
                while (!deflater.needsInput()) {
                    count(deflater.deflate(out));
                }
            }
            if (!exactPhase) {
                bytes[stratum] += n;
                if (sampling) {
                    sampledIn[stratum] += n;
                }
            }
            if (total + n > nextSample - WINDOW) {
                remember(b, off, n);
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
            sampledOut[stratum] += produced;
        }
    }

    /**
     * Keeps the last WINDOW bytes, the dictionary of the next sample. Called for every piece reaching into the WINDOW
     * bytes before {@link #nextSample}, so those are all kept, whatever was skipped before them.
     */
    private void remember(byte[] b, int off, int n) {
        if (n >= WINDOW) {
            System.arraycopy(b, off + n - WINDOW, recent, 0, WINDOW);
            recentEnd = 0;
            recentFill = WINDOW;
            return;
        }
        int first = Math.min(n, WINDOW - recentEnd);
        System.arraycopy(b, off, recent, recentEnd, first);
        System.arraycopy(b, off + first, recent, 0, n - first);
        recentEnd = (recentEnd + n) % WINDOW;
        recentFill = Math.min(WINDOW, recentFill + n);
    }

    /** Ends the deflate stream in progress (the prefix, or a sample), counting its last bytes. */
    private void endStream() {
        deflater.finish();
        while (!deflater.finished()) {
            count(deflater.deflate(out));
        }
    }

    /** Decides whether the next block is sampled; a sampled block starts a stream primed with the bytes before it. */
    private void startBlock() {
        if (exactPhase || sampling) {
            endStream();
        }
        exactPhase = false;
        blockStart = total;
        long after = total - EXACT_PREFIX;
        int s = 0;
        while (s < STRATA - 1 && after >= FIRST_STRATUM << s) {
            s++;
        }
        stratum = s;
        // each stretch starts at a multiple of BLOCK × every, so its first block is always sampled, and the next
        // sampled block is the next multiple of this stretch's every
        int every = Math.min(MAX_EVERY, BASE_EVERY << Math.min(s, 8));
        long index = after / BLOCK;
        sampling = index % every == 0;
        nextSample = EXACT_PREFIX + (index / every + 1) * every * BLOCK;
        if (sampling) {
            deflater.reset();
            int start = (recentEnd - recentFill + WINDOW) % WINDOW;
            int first = Math.min(recentFill, WINDOW - start);
            System.arraycopy(recent, start, dictionary, 0, first);
            System.arraycopy(recent, 0, dictionary, first, recentFill - first);
            deflater.setDictionary(dictionary, 0, recentFill);
        }
    }

    /** Finishes and returns the estimate; the estimator cannot be used after. */
    long finish() {
        if (exactPhase || sampling) {
            endStream();
        }
        deflater.end();
        double rest = 0;
        for (int s = 0; s < STRATA; s++) {
            if (sampledIn[s] > 0) {
                rest += bytes[s] * (sampledOut[s] / (double) sampledIn[s]);
            }
        }
        return exactOut + Math.round(rest) + GZIP_FRAMING;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
