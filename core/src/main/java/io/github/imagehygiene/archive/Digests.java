package io.github.imagehygiene.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256/sha512 as OCI digests ("sha256:hex"). */
public final class Digests {
    private Digests() {
    }

    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance("sha512".equals(algorithm) ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }

    public static MessageDigest sha256() {
        return newDigest("sha256");
    }

    public static String of(String algorithm, byte[] data) {
        return algorithm + ":" + HexFormat.of().formatHex(newDigest(algorithm).digest(data));
    }

    public static String sha256(byte[] data) {
        return of("sha256", data);
    }

    public static String format(String algorithm, MessageDigest done) {
        return algorithm + ":" + HexFormat.of().formatHex(done.digest());
    }

    /** The algorithm part of "sha512:..."; sha256 for anything else. */
    public static String algorithmOf(String digest) {
        return digest != null && digest.startsWith("sha512:") ? "sha512" : "sha256";
    }

    /** "sha256:0123456789ab..." → "0123456789ab", for tables. */
    public static String shortForm(String digest) {
        if (digest == null) {
            return "";
        }
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
