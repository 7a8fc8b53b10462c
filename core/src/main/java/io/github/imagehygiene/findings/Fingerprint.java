package io.github.imagehygiene.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's fingerprint: the first 128 bits of SHA-256 over the rule id, the subject and the platform, as 32 hex
 * digits. Nothing that a rebuild changes goes in (no digest, no size, no message), so the same finding of the next
 * build has the same fingerprint: what baselines, SARIF's partialFingerprints and suppressions key on.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(String rule, String subject, String platform) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        // NUL cannot occur in a rule id or platform, and separates a subject from what follows it
        byte[] hash = sha256.digest((rule + '\0' + subject + '\0' + platform).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }
}
