package io.github.imagehygiene.analysis.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.CountingCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Finds secrets by content during the one pass over each layer, in every layer's files (a secret deleted by a later
 * layer is still in the image). Bounded, so that it stays fast on large images: only regular files up to
 * {@link #maxFileSize()} bytes, not below an excluded directory, not of a binary file type by name; a file whose
 * first 8 KiB hold a NUL byte is binary and read no further. Lines are matched by {@link SecretPatterns}; JWT-looking
 * strings count only in configuration files ({@link #isConfigFile(String)}).
 *
 * <p>Keeps, per file with a secret, the list of {@link SecretHit}s (masked values only); files without one keep
 * nothing. What was scanned and skipped is counted per layer and added to this instance ({@link #stats()}): one
 * instance per run; a layer read from the layer cache adds the counts its reading made.
 */
public final class SecretScanner implements CountingCollector<List<SecretHit>> {
    /** The collector id of the default scanner. */
    public static final String ID = "security.secrets";
    /** Text files larger than this are not scanned, by default: 1 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
    /** Directories whose files are documentation, locales, headers or time zones: never secrets of the image's. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("/usr/share/doc/**", "/usr/share/man/**",
            "/usr/share/info/**", "/usr/share/locale/**", "/usr/share/i18n/**", "/usr/share/zoneinfo/**",
            "/usr/include/**", "/proc/**", "/sys/**");
    private static final int SNIFF = 8192;
    private static final Set<String> BINARY_TYPES = Set.of("jar", "war", "ear", "zip", "gz", "tgz", "bz2", "xz",
            "zst", "7z", "tar", "rar", "class", "so", "a", "o", "dll", "exe", "bin", "jpg", "jpeg", "png", "gif", "ico",
            "webp", "bmp", "tif", "tiff", "pdf", "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "ogg", "wav",
            "pyc", "pyo", "mo", "db", "sqlite", "jmod", "jsa", "dat", "lzma", "deb", "rpm", "apk", "whl", "egg", "node",
            "wasm", "ko", "gem");
    private static final Set<String> CONFIG_TYPES = Set.of("json", "yaml", "yml", "properties", "conf", "cfg", "cnf",
            "ini", "toml", "xml", "env", "config", "settings", "tfvars", "hcl", "npmrc", "netrc", "pypirc");

    private final String id;
    private final long maxFileSize;
    private final List<Glob> excludes;
    private final LongAdder scanned = new LongAdder();
    private final LongAdder binary = new LongAdder();
    private final LongAdder tooLarge = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    /** What one run scanned and skipped. */
    public record Stats(long scannedFiles, long scannedBytes, long binaryFiles, long tooLargeFiles) {
    }

    /**
     * @param maxFileSize text files larger than this are skipped (counted in {@link Stats#tooLargeFiles()})
     * @param excludes    globs of paths never scanned, in addition to nothing: pass {@link #DEFAULT_EXCLUDES} for the
     *                    defaults
     */
    public SecretScanner(long maxFileSize, List<Glob> excludes) {
        this(ID, maxFileSize, excludes);
    }

    public SecretScanner(String id, long maxFileSize, List<Glob> excludes) {
        if (maxFileSize < 1) {
            throw new IllegalArgumentException("maxFileSize must be positive: " + maxFileSize);
        }
        this.id = id;
        this.maxFileSize = maxFileSize;
        this.excludes = List.copyOf(excludes);
    }

    /** A scanner with the default size limit and excludes. */
    public static SecretScanner defaults() {
        return new SecretScanner(DEFAULT_MAX_FILE_SIZE, DEFAULT_EXCLUDES.stream().map(Glob::of).toList());
    }

    @Override
    public String id() {
        return id;
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    public List<Glob> excludes() {
        return excludes;
    }

    public Stats stats() {
        return new Stats(scanned.sum(), bytes.sum(), binary.sum(), tooLarge.sum());
    }

    /** The per-layer counts: {@link Stats}' four numbers in its order. */
    private static final int SCANNED = 0;
    private static final int BYTES = 1;
    private static final int BINARY = 2;
    private static final int TOO_LARGE = 3;

    @Override
    public int counters() {
        return 4;
    }

    @Override
    public void add(long[] counts) {
        scanned.add(counts[SCANNED]);
        bytes.add(counts[BYTES]);
        binary.add(counts[BINARY]);
        tooLarge.add(counts[TOO_LARGE]);
    }

    /** The size limit and the excludes: what decides which files are scanned. */
    @Override
    public String cacheSettings() {
        return "maxFileSize=" + maxFileSize + ";excludes=" + ContentCollector.listed(excludes.stream().map(Glob::text)
                .toList());
    }

    @Override
    public boolean wants(String path, long size, long[] counts) {
        if (size <= 0) {
            return false;
        }
        String type = type(path);
        if (type != null && BINARY_TYPES.contains(type)) {
            return false;
        }
        if (Glob.any(excludes, path)) {
            return false;
        }
        if (size > maxFileSize) {
            counts[TOO_LARGE]++;
            return false;
        }
        return true;
    }

    @Override
    public List<SecretHit> collect(FileEntry entry, InputStream content, long[] counts) throws IOException {
        int size = (int) Math.min(entry.size(), maxFileSize);
        byte[] head = content.readNBytes(Math.min(size, SNIFF));
        for (byte b : head) {
            if (b == 0) {
                counts[BINARY]++;
                return null;
            }
        }
        byte[] data = head.length < size ? concat(head, content.readNBytes(size - head.length)) : head;
        counts[SCANNED]++;
        counts[BYTES] += data.length;
        return scan(new String(data, StandardCharsets.ISO_8859_1), isConfigFile(entry.path()));
    }

    /**
     * The secrets of a text, line by line. Only lines holding a pattern's hint (and the lines after a private key's
     * header) are looked at: finding the hints takes a few vectorised searches over the whole text, far less than
     * trying every pattern's hints on every line.
     */
    static List<SecretHit> scan(String text, boolean configFile) {
        List<SecretHit> hits = null;
        String pendingKey = null;
        int pendingLine = 0;
        int lineNo = 0;
        int at = 0;
        int n = text.length();
        int[] hinted = SecretPatterns.hintPositions(text, configFile);
        int next = 0;
        while (at < n) {
            if (pendingKey == null && next == hinted.length) {
                break; // nothing left to find
            }
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? n : nl;
            boolean holdsHint = next < hinted.length && hinted[next] < end;
            while (next < hinted.length && hinted[next] < end) {
                next++;
            }
            if (pendingKey == null && !holdsHint) {
                at = end + 1;
                lineNo++;
                continue;
            }
            String line = text.substring(at, end > at && text.charAt(end - 1) == '\r' ? end - 1 : end);
            at = end + 1;
            lineNo++;
            if (pendingKey != null) {
                String body = line.strip();
                if (body.isEmpty() || body.indexOf(':') >= 0) {
                    continue; // PEM headers (Proc-Type, DEK-Info) and the blank line after them
                }
                hits = add(hits, new SecretHit(SecretPatterns.Kind.PRIVATE_KEY, pendingKey, pendingLine,
                        body.startsWith("-----") ? SecretPatterns.MASK : SecretPatterns.mask(body)));
                pendingKey = null;
                continue;
            }
            String header = SecretPatterns.privateKeyHeader(line);
            if (header != null) {
                pendingKey = header;
                pendingLine = lineNo;
                continue;
            }
            for (SecretPatterns.Match m : SecretPatterns.find(line, configFile)) {
                hits = add(hits, new SecretHit(m.kind(), "", lineNo, m.masked()));
            }
        }
        if (pendingKey != null) {
            hits = add(hits, new SecretHit(SecretPatterns.Kind.PRIVATE_KEY, pendingKey, pendingLine,
                    SecretPatterns.MASK));
        }
        return hits == null ? null : List.copyOf(hits);
    }

    /**
     * Whether JWT-looking strings in this file are configured secrets: a configuration file type (.json, .yaml,
     * .properties, .conf, .env ...), a dotfile ending in "rc" (.npmrc), or a file below /etc.
     */
    public static boolean isConfigFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String type = type(path);
        return (type != null && CONFIG_TYPES.contains(type)) || (name.startsWith(".") && name.endsWith("rc"))
                || name.startsWith(".env") || path.startsWith("/etc/");
    }

    /** The lower-case file type after the last dot of the name, or null. */
    private static String type(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1 || dot == path.length() - 1) {
            return slash + 1 < path.length() && path.charAt(slash + 1) == '.' && dot == slash + 1
                    ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : null;
        }
        return path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static List<SecretHit> add(List<SecretHit> hits, SecretHit hit) {
        List<SecretHit> out = hits == null ? new ArrayList<>() : hits;
        out.add(hit);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
