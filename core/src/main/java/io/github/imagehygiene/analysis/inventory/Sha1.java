package io.github.imagehygiene.analysis.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex SHA-1 of a stream: how Java archives are told apart (Maven Central publishes the same for every file). */
final class Sha1 {
    private Sha1() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Of {@code bytes[off, off + len)}. */
    static String hex(byte[] bytes, int off, int len) {
        MessageDigest d = digest();
        d.update(bytes, off, len);
        return HexFormat.of().formatHex(d.digest());
    }

    /** Reads the stream to its end. */
    static String of(InputStream in) throws IOException {
        MessageDigest d = digest();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            d.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
