package io.github.imagehygiene.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.io.output.CountingOutputStream;
import org.apache.commons.io.output.NullOutputStream;

/**
 * The pushed-size estimate of uncompressed layers against the JDK's gzip at its default level, and what the estimate
 * costs: for every layer of at least 2 MiB in the given archives ({@code docker save}, or OCI archives whose gzip
 * layers it unpacks first), the gzip size, the estimate, its error and the estimator's time alone (best of three).
 * Not a unit test (speed is never asserted in one): run it by hand (docs/benchmark.md, "The gzip estimate").
 *
 * <p>{@code GzipEstimateBenchmark ARCHIVE...}; the classpath as for {@code CheckBenchmark}.
 */
public final class GzipEstimateBenchmark {
    private static final long SMALLEST = 2L * 1024 * 1024;

    private GzipEstimateBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("layer | tar bytes | JDK gzip | estimate | error | estimator time");
        for (String archive : args) {
            try (TarFile tar = new TarFile(Path.of(archive))) {
                for (TarArchiveEntry e : tar.getEntries()) {
                    if (!e.isFile() || e.getSize() < SMALLEST / 4) {
                        continue;
                    }
                    String name = Path.of(archive).getFileName() + ":" + e.getName();
                    long[] pass = onePass(tar, e);
                    if (pass == null) {
                        continue; // not a layer
                    }
                    long best = Long.MAX_VALUE;
                    for (int round = 0; round < 3; round++) {
                        best = Math.min(best, estimate(tar, e, null)[2]);
                    }
                    System.out.printf(Locale.ROOT, "%s | %,d | %,d | %,d | %+.2f %% | %.2f s%n", name, pass[0], pass[1],
                            pass[2], 100.0 * (pass[2] - pass[1]) / pass[1], best / 1e9);
                }
            }
        }
    }

    /** The layer's tar length, its gzip size and the estimate, in one reading; null for a small blob or no tar. */
    private static long[] onePass(TarFile tar, TarArchiveEntry e) throws IOException {
        CountingOutputStream gzipped = new CountingOutputStream(NullOutputStream.INSTANCE);
        long[] lengthAndEstimate;
        try (GZIPOutputStream gz = new GZIPOutputStream(gzipped, 1 << 16)) {
            lengthAndEstimate = estimate(tar, e, gz);
        }
        if (lengthAndEstimate == null) {
            return null;
        }
        return new long[] {lengthAndEstimate[0], gzipped.getByteCount(), lengthAndEstimate[1]};
    }

    /** The tar's length, the estimate and the nanoseconds spent in the estimator (not in reading or unpacking). */
    private static long[] estimate(TarFile tar, TarArchiveEntry e, OutputStream alsoTo) throws IOException {
        try (InputStream raw = new BufferedInputStream(tar.getInputStream(e), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            byte[] buffer = new byte[1 << 16];
            int n = in.readNBytes(buffer, 0, 512);
            // a tar's first header holds "ustar" at 257
            if (n < 512 || buffer[257] != 'u' || buffer[258] != 's' || buffer[259] != 't') {
                return null;
            }
            GzipSizeEstimator estimator = new GzipSizeEstimator();
            long length = 0;
            long spent = 0;
            do {
                long start = System.nanoTime();
                estimator.write(buffer, 0, n);
                spent += System.nanoTime() - start;
                if (alsoTo != null) {
                    alsoTo.write(buffer, 0, n);
                }
                length += n;
            } while ((n = in.read(buffer)) > 0);
            long start = System.nanoTime();
            long estimate = estimator.finish();
            spent += System.nanoTime() - start;
            return length < SMALLEST ? null : new long[] {length, estimate, spent};
        }
    }
}
