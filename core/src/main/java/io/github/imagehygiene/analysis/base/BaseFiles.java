package io.github.imagehygiene.analysis.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * Keeps, during the one layer pass, the small text files that tell the operating system and the Java runtime:
 * {@code /etc/os-release}, {@code /usr/lib/os-release}, {@code /etc/alpine-release}, {@code /etc/system-release},
 * {@code /etc/redhat-release}, {@code /etc/debian_version}, and every file named {@code release} (a JDK's
 * {@code $JAVA_HOME/release}, wherever JAVA_HOME is), each up to {@value #MAX_BYTES} bytes. Stateless, so shared.
 */
public final class BaseFiles implements ContentCollector<String> {
    /** The one instance; base rules list it in {@code collectors()}. */
    public static final BaseFiles COLLECTOR = new BaseFiles();
    public static final String ID = "base-files";
    static final int MAX_BYTES = 64 * 1024;
    static final Set<String> OS_FILES = Set.of("/etc/os-release", "/usr/lib/os-release", "/etc/alpine-release",
            "/etc/system-release", "/etc/redhat-release", "/etc/debian_version");

    private BaseFiles() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** No settings: what it keeps depends on the file alone. */
    @Override
    public String cacheSettings() {
        return "";
    }

    @Override
    public boolean wants(String path, long size) {
        return size <= MAX_BYTES && (OS_FILES.contains(path) || path.endsWith("/release"));
    }

    @Override
    public String collect(FileEntry entry, InputStream content) throws IOException {
        return new String(content.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }

    /**
     * The visible node a path leads to, following symbolic links (relative and absolute, in any component) and hard
     * links, as the container would; empty when nothing is there or links loop.
     */
    public static Optional<LayeredFilesystem.Node> resolve(LayeredFilesystem fs, String path) {
        String current = LayerScanner.normalise(path);
        for (int hops = 0; hops < 40; hops++) {
            String next = step(fs, current);
            if (next == null) {
                Optional<LayeredFilesystem.Node> node = fs.get(current);
                if (node.isPresent() && node.get().entry().type() == EntryType.HARDLINK
                        && node.get().entry().linkTarget() != null) {
                    return fs.get(node.get().entry().linkTarget());
                }
                return node;
            }
            current = next;
        }
        return Optional.empty();
    }

    /** The path with its first symbolic link replaced by the link's target, or null when it has none. */
    private static String step(LayeredFilesystem fs, String path) {
        String[] parts = path.substring(1).split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            String parent = prefix.length() == 0 ? "/" : prefix.toString();
            prefix.append('/').append(parts[i]);
            Optional<LayeredFilesystem.Node> node = fs.get(prefix.toString());
            if (node.isPresent() && node.get().entry().type() == EntryType.SYMLINK
                    && node.get().entry().linkTarget() != null) {
                String target = node.get().entry().linkTarget();
                String base = target.startsWith("/") ? target : parent + "/" + target;
                StringBuilder rest = new StringBuilder(base);
                for (int j = i + 1; j < parts.length; j++) {
                    rest.append('/').append(parts[j]);
                }
                return LayerScanner.normalise(rest.toString());
            }
        }
        return null;
    }

    /** The collected text of the file a path leads to (links followed), with the path it was read from. */
    public static Optional<Read> read(LayeredFilesystem fs, String path) {
        Optional<LayeredFilesystem.Node> node = resolve(fs, path);
        if (node.isEmpty() || node.get().entry().type() != EntryType.FILE) {
            return Optional.empty();
        }
        String real = node.get().entry().path();
        return fs.collected(COLLECTOR, real).map(text -> new Read(path, real, text, node.get().layer()));
    }

    /**
     * A file as collected.
     *
     * @param path  the path asked for
     * @param real  where it is after links ({@code /usr/lib/os-release} for Debian's {@code /etc/os-release})
     * @param text  its content
     * @param layer the 1-based layer it comes from
     */
    public record Read(String path, String real, String text, int layer) {
        /** "/etc/os-release", or "/etc/os-release -> /usr/lib/os-release" when a link led there. */
        public String source() {
            return path.equals(real) ? path : path + " -> " + real;
        }
    }
}
