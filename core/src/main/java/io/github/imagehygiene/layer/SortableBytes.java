package io.github.imagehygiene.layer;

/**
 * Strings as compact bytes that sort exactly as the strings do ({@link String#compareTo}) and decode back to the same
 * string, whatever it holds (lone surrogates included): each UTF-16 unit on its own, as CESU-8 does, with U+0000 as
 * one zero byte. ASCII takes one byte a character; '/' is always the single byte 0x2F and occurs nowhere else.
 */
final class SortableBytes {
    private SortableBytes() {
    }

    static int length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return n;
    }

    /** Writes {@code s} at {@code off} (the array must have room for {@link #length}); returns the end. */
    static int encode(String s, byte[] out, int off) {
        int p = off;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xc0 | c >> 6);
                out[p++] = (byte) (0x80 | c & 0x3f);
            } else {
                out[p++] = (byte) (0xe0 | c >> 12);
                out[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return p;
    }

    static byte[] encode(String s) {
        byte[] out = new byte[length(s)];
        encode(s, out, 0);
        return out;
    }

    static String decode(byte[] b, int off, int len) {
        // Paths are nearly always ASCII: the JDK decodes that with a vectorised test and a copy. A byte over 0x7F
        // becomes U+FFFD there, a character no ASCII string holds, and the loop below decodes the bytes instead.
        String ascii = new String(b, off, len, java.nio.charset.StandardCharsets.US_ASCII);
        if (ascii.indexOf('\uFFFD') < 0) {
            return ascii;
        }
        char[] chars = new char[len];
        int n = 0;
        int p = off;
        int end = off + len;
        while (p < end) {
            int c = b[p++] & 0xff;
            if (c < 0x80) {
                chars[n++] = (char) c;
            } else if (c < 0xe0) {
                chars[n++] = (char) ((c & 0x1f) << 6 | b[p++] & 0x3f);
            } else {
                chars[n++] = (char) ((c & 0x0f) << 12 | (b[p++] & 0x3f) << 6 | b[p++] & 0x3f);
            }
        }
        return new String(chars, 0, n);
    }

    /** Unsigned lexicographic order: the order of the strings encoded. */
    static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return java.util.Arrays.compareUnsigned(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
    }
}
