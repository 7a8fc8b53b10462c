package io.github.imagehygiene.archive;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** Blob compression, told by magic bytes: media types can be wrong, and estargz is gzip. */
public enum Compression {
    NONE("none"), GZIP("gzip"), ZSTD("zstd");

    private final String id;

    Compression(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Looks at the first bytes of {@code in}, which must support mark/reset, and leaves it where it was. */
    public static Compression detect(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = new byte[4];
        int n = in.readNBytes(magic, 0, 4);
        in.reset();
        if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (n == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Wraps {@code in} to decompress; concatenated gzip members (estargz) are read as one stream. */
    public InputStream decompress(InputStream in) throws IOException {
        switch (this) {
            case GZIP:
                return new GzipCompressorInputStream(in, true);
            case ZSTD:
                return new ZstdCompressorInputStream(in);
            default:
                return in;
        }
    }
}
