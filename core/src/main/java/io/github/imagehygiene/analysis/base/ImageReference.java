package io.github.imagehygiene.analysis.base;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference as a build names its base, normalised the way Docker resolves it:
 * {@code registry/namespace/name[:tag][@digest]}, with {@code docker.io} implied for a first component that is not
 * a host ({@code amazoncorretto:17} is {@code docker.io/library/amazoncorretto:17}). {@code scratch} is the empty
 * base. References that name no registry image (Jib's {@code tar://PATH}) are kept as written and are
 * {@linkplain #isRegistry() not registry references}.
 */
public final class ImageReference {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]++(?:[.+_-][a-z0-9]++)*+:[0-9a-fA-F]{32,}+");

    private final String written;
    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;
    private final Kind kind;

    /** What a reference names. */
    public enum Kind {
        /** An image in a registry or a daemon, by name. */
        REGISTRY,
        /** {@code FROM scratch}: no base at all. */
        SCRATCH,
        /** A file ({@code tar://PATH}): no name to check, only content to fingerprint. */
        FILE
    }

    private ImageReference(String written, String registry, String repository, String tag, String digest, Kind kind) {
        this.written = written;
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.kind = kind;
    }

    /**
     * Parses a reference; Jib's {@code docker://} and {@code registry://} prefixes are dropped, {@code tar://} makes a
     * {@link Kind#FILE} reference. Returns null for a blank or malformed value (spaces, empty parts, a bad digest).
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("tar://")) {
            return new ImageReference(s, null, null, null, null, Kind.FILE);
        }
        if (s.startsWith("docker://")) {
            s = s.substring("docker://".length());
        } else if (s.startsWith("registry://")) {
            s = s.substring("registry://".length());
        }
        if (s.equalsIgnoreCase("scratch")) {
            return new ImageReference(text.strip(), null, "scratch", null, null, Kind.SCRATCH);
        }
        if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return null;
            }
        }
        String tag = null;
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (tag.isEmpty()) {
                return null;
            }
        }
        String[] hostAndPath = splitHost(s);
        if (hostAndPath == null) {
            return null;
        }
        return new ImageReference(text.strip(), hostAndPath[0], hostAndPath[1], tag, digest, Kind.REGISTRY);
    }

    /** {@code [registry, repository]} with Docker's defaults applied; null when a part is empty. */
    private static String[] splitHost(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        String registry;
        String path;
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            registry = first.toLowerCase(Locale.ROOT);
            path = name.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = name;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            return null;
        }
        return new String[] {registry, path};
    }

    /**
     * A policy pattern in the normalised form, so that short names match as Docker resolves them:
     * {@code openjdk:*} becomes {@code docker.io/library/openjdk:*}; a pattern that starts with a wildcard or names a
     * host stays as written; {@code scratch} stays {@code scratch}.
     */
    public static String normalisePattern(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty() || p.equals("scratch") || p.startsWith("*") || p.startsWith("?")) {
            return p;
        }
        int slash = p.indexOf('/');
        String first = slash < 0 ? p : p.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || (first.contains(":") && !first.contains("*"))
                || first.equals("localhost"))) {
            return p.substring(0, slash).toLowerCase(Locale.ROOT) + p.substring(slash);
        }
        return DOCKER_HUB + "/" + (slash < 0 ? "library/" : "") + p;
    }

    /**
     * Whether this reference matches a glob pattern ({@code *} any characters, {@code ?} one) on its
     * {@linkplain #normalised() normalised} form. A pattern without a tag matches every tag and digest of the
     * repository; a pattern with a tag but no digest matches that tag with or without a digest.
     */
    public boolean matches(String pattern) {
        String p = normalisePattern(pattern);
        if (p.isEmpty()) {
            return false;
        }
        if (kind == Kind.SCRATCH) {
            return p.equals("scratch") || p.equals("*");
        }
        if (kind != Kind.REGISTRY) {
            return glob(p).matcher(written).matches();
        }
        String full = normalised();
        if (glob(p).matcher(full).matches()) {
            return true;
        }
        int lastSlash = p.lastIndexOf('/');
        boolean patternHasTag = p.indexOf(':', lastSlash + 1) >= 0;
        boolean patternHasDigest = p.contains("@");
        String repo = registry + "/" + repository;
        String withTag = repo + ":" + effectiveTag();
        if (!patternHasTag && !patternHasDigest && glob(p).matcher(repo).matches()) {
            return true;
        }
        return patternHasTag && !patternHasDigest && glob(p).matcher(withTag).matches();
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** As written in the build (Jib's prefixes included). */
    public String written() {
        return written;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRegistry() {
        return kind == Kind.REGISTRY;
    }

    public boolean isScratch() {
        return kind == Kind.SCRATCH;
    }

    /** The registry host, {@code docker.io} by default; null unless a registry reference. */
    public String registry() {
        return registry;
    }

    /** namespace/name, {@code library/} implied on Docker Hub; null for a file reference. */
    public String repository() {
        return repository;
    }

    /** The tag as written, or null (Docker then uses {@code latest}, unless a digest pins the image). */
    public String tag() {
        return tag;
    }

    /** The tag a pull uses: the written one, else {@code latest}. */
    public String effectiveTag() {
        return tag != null ? tag : "latest";
    }

    /** The digest as written after {@code @}, or null. */
    public String digest() {
        return digest;
    }

    /**
     * {@code registry/repository[:tag][@digest]}, with {@code :latest} when neither tag nor digest is written;
     * {@code scratch}; a file reference as written.
     */
    public String normalised() {
        if (kind == Kind.SCRATCH) {
            return "scratch";
        }
        if (kind == Kind.FILE) {
            return written;
        }
        String s = registry + "/" + repository;
        if (tag != null || digest == null) {
            s += ":" + effectiveTag();
        }
        return digest == null ? s : s + "@" + digest;
    }

    /** The same repository (registry and path), whatever the tag and digest. */
    public boolean sameRepository(ImageReference other) {
        return other != null && kind == other.kind && java.util.Objects.equals(registry, other.registry)
                && java.util.Objects.equals(repository, other.repository);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference r && r.normalised().equals(normalised());
    }

    @Override
    public int hashCode() {
        return normalised().hashCode();
    }

    @Override
    public String toString() {
        return normalised();
    }
}
