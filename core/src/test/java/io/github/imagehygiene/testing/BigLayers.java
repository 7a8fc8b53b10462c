package io.github.imagehygiene.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The hostile layers too big to commit, made at test time (deterministically, so they are cached under target/):
 * a gzip bomb and a layer of a million entries.
 */
public final class BigLayers {
    /** The bomb's one file: 4 GiB of zeros. */
    public static final long BOMB_FILE_SIZE = 4L << 30;
    public static final String BOMB_FILE = "zeros";
    /**
     * sha256 of the bomb's uncompressed tar (header, 4 GiB of zeros, end-of-archive blocks): hashing 4 GiB costs
     * seconds, so it is computed once ({@code gunzip -c BLOB | sha256sum}) and kept here; {@link #gzipBomb} writes
     * exactly these bytes.
     */
    public static final String BOMB_DIFF_ID = "sha256:0eb53aaea0b723685da4d6e510653324b3a2932c1f1e1455c0ad8444fc291f3b";
    private static final int CHUNK = 1 << 20;

    private BigLayers() {
    }

    /**
     * A gzip layer of about 4 MB holding one 4 GiB file of zeros. The deflate stream is made from one compressed
     * megabyte of zeros repeated: after a full flush, the compressor writes the same bytes for the same input, so
     * 4 GiB need not be deflated (which would take a minute).
     */
    public static void gzipBomb(Path out) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(BOMB_FILE);
        entry.setSize(BOMB_FILE_SIZE);
        entry.setModTime(0);
        entry.setMode(0644);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        byte[] zeros = new byte[CHUNK];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        CRC32 crc = new CRC32();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            file.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}); // gzip header, mtime 0, unix
            file.write(deflate(deflater, header, false));
            crc.update(header);
            byte[] chunk = deflate(deflater, zeros, false);
            for (long done = 0; done < BOMB_FILE_SIZE; done += CHUNK) {
                file.write(chunk);
                crc.update(zeros);
            }
            byte[] end = new byte[1024];
            file.write(deflate(deflater, end, true));
            crc.update(end);
            long length = 512 + BOMB_FILE_SIZE + 1024;
            file.write(le32(crc.getValue()));
            file.write(le32(length));
        } finally {
            deflater.end();
        }
    }

    /** Deflates {@code input} and ends with a full flush (or the end of the stream). */
    private static byte[] deflate(Deflater deflater, byte[] input, boolean finish) {
        deflater.setInput(input);
        if (finish) {
            deflater.finish();
        }
        byte[] buf = new byte[CHUNK];
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            int n = deflater.deflate(buf, 0, buf.length, finish ? Deflater.NO_FLUSH : Deflater.FULL_FLUSH);
            out.write(buf, 0, n);
            if (finish ? deflater.finished() : n < buf.length && deflater.needsInput()) {
                return out.toByteArray();
            }
        }
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    /** Path of the i-th file of {@link #manyEntries}: 1,000 files a folder, as package trees look. */
    public static String manyEntriesPath(int i) {
        return "usr/share/doc/package-" + pad(i / 1000, 4) + "/file-" + pad(i, 6) + ".txt";
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    /**
     * A gzip layer of {@code files} empty files in folders of a thousand (each folder has its own entry first), in
     * the ustar format GNU tar writes. Headers are formatted here rather than by a tar library: a million of them
     * must take a second, not half a minute.
     *
     * @return the diff_id (sha256 of the uncompressed tar)
     */
    public static String manyEntries(Path out, int files) throws IOException {
        MessageDigest md = HostileImages.sha256();
        byte[] header = new byte[512];
        try (OutputStream file = Files.newOutputStream(out);
                GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                OutputStream tar = new DigestOutputStream(new BufferedOutputStream(gzip, 1 << 16), md)) {
            for (int i = 0; i < files; i++) {
                if (i % 1000 == 0) {
                    String dir = manyEntriesPath(i);
                    ustar(header, dir.substring(0, dir.lastIndexOf('/') + 1), '5', 0755);
                    tar.write(header);
                }
                ustar(header, manyEntriesPath(i), '0', 0644);
                tar.write(header);
            }
            tar.write(new byte[1024]); // end of archive
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /** A ustar header of an empty member owned by root, mtime 0. */
    static void ustar(byte[] h, String name, char type, int mode) {
        java.util.Arrays.fill(h, (byte) 0);
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (n.length > 100) {
            throw new IllegalArgumentException(name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, 0);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
    }

    /** {@code width - 1} octal digits and a NUL. */
    private static void octal(byte[] h, int at, int width, long value) {
        long v = value;
        for (int i = at + width - 2; i >= at; i--) {
            h[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        h[at + width - 1] = 0;
    }
}
