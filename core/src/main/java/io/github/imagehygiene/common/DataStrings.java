package io.github.imagehygiene.common;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the binary files the caches keep (the layer cache, the OSV indexes), exactly, whatever they hold (lone
 * surrogates of a damaged name or a JSON escape too, which UTF-8 would turn into '?'): Latin-1 text as its bytes,
 * other text as UTF-16 units, after a length whose sign says which.
 */
public final class DataStrings {
    private DataStrings() {
    }

    public static void write(DataOutputStream out, String s) throws IOException {
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) < 256;
        }
        out.writeInt(latin1 ? s.length() : -1 - s.length());
        if (latin1) {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1)); // one write, not one per char
        } else {
            out.writeChars(s);
        }
    }

    /**
     * A string {@link #write} wrote.
     *
     * @param maxLength longer is refused before anything is allocated for it (a damaged length)
     */
    public static String read(DataInputStream in, int maxLength) throws IOException {
        int n = in.readInt();
        boolean latin1 = n >= 0;
        int length = latin1 ? n : -1 - n;
        if (length < 0 || length > maxLength) {
            throw new IOException("a string of " + length + " characters");
        }
        if (latin1) {
            byte[] b = new byte[length];
            in.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }
}
