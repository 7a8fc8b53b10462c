package io.github.imagehygiene.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalises the paths that archives and manifests use, and refuses ones that leave the archive. */
public final class ArchivePaths {
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/(sha256|sha512)/([0-9a-f]{64}|[0-9a-f]{128})");
    private static final Pattern HEX_NAME = Pattern.compile("([0-9a-f]{64})(?:\\.json|\\.tar|\\.tar\\.gz|\\.tgz)?");
    private static final Pattern DIGEST = Pattern.compile("(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})");

    private ArchivePaths() {
    }

    /** "./a//b/" → "a/b"; null when the path climbs out with "..". */
    public static String normalise(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return null;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    /**
     * Resolves "." and ".." as a filesystem would, within the archive: "a/b/../c" → "a/c"; null when the path climbs
     * above the archive's root (or is absolute).
     */
    public static String resolve(String path) {
        if (path.startsWith("/") || path.startsWith("\\")) {
            return null;
        }
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** The layout path of a blob: {@code sha256:abc} → {@code blobs/sha256/abc}; null for a malformed digest. */
    public static String blobPath(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return null;
        }
        int colon = digest.indexOf(':');
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /**
     * The digest a file name promises: {@code blobs/sha256/HEX} and Jib's or docker save's {@code HEX.tar.gz} /
     * {@code HEX.json}; null when the name promises nothing (legacy {@code ID/layer.tar}).
     */
    public static String digestOf(String path) {
        Matcher blob = BLOB_PATH.matcher(path);
        if (blob.matches()) {
            return blob.group(1) + ":" + blob.group(2);
        }
        String base = path.substring(path.lastIndexOf('/') + 1);
        Matcher hex = HEX_NAME.matcher(base);
        return hex.matches() ? "sha256:" + hex.group(1) : null;
    }
}
