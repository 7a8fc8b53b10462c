package io.github.imagehygiene.analysis.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayeredFilesystem.Node;

/**
 * One walk over the final filesystem (whiteouts applied) for the security rules: setuid/setgid entries,
 * world-writable ones, and stray files a build context should not have sent (.git, .env, .DS_Store...). Computed
 * once per analysis ({@link #of(ImageAnalysis)}); the rules apply their allowlists.
 */
public final class FilesystemScan {
    /** Directory names that mark a copied-in workspace; reported once, at the directory. */
    static final Set<String> STRAY_DIRECTORIES = Set.of(".git", ".idea", ".aws");
    /** Folders of third-party packages, whose content the image's author does not choose file by file. */
    static final List<String> THIRD_PARTY = List.of("/node_modules/", "/vendor/", "/site-packages/",
            "/dist-packages/", "/usr/share/doc/", "/usr/lib/go/", "/gems/");

    private final List<Node> setuidOrSetgid;
    private final List<Node> worldWritable;
    private final List<Stray> strays;

    /** What kind of stray file a path is. */
    public enum StrayKind {
        GIT(".git directory", "the repository's history and config, perhaps with credentials in .git/config"),
        IDEA(".idea directory", "IDE workspace settings"),
        AWS(".aws directory", "AWS CLI configuration and credentials"),
        DS_STORE(".DS_Store", "macOS Finder metadata listing the folder's files"),
        ENV(".env file", "environment settings, often with passwords"),
        DOCKERFILE("Dockerfile", "the build recipe, with its ARGs and paths"),
        COMPOSE("Compose file", "the deployment, with its service names, ports and often credentials"),
        NPMRC(".npmrc", "npm configuration");

        private final String label;
        private final String why;

        StrayKind(String label, String why) {
            this.label = label;
            this.why = why;
        }

        public String label() {
            return label;
        }

        /** What such a file gives away. */
        public String why() {
            return why;
        }
    }

    /**
     * A stray file or directory in the final filesystem.
     *
     * @param path  the file, or the directory (for .git, .idea, .aws)
     * @param kind  what it is
     * @param layer the layer that added it (for a directory without its own entry, its first file's)
     */
    public record Stray(String path, StrayKind kind, int layer) {
    }

    private FilesystemScan(List<Node> setuidOrSetgid, List<Node> worldWritable, List<Stray> strays) {
        this.setuidOrSetgid = List.copyOf(setuidOrSetgid);
        this.worldWritable = List.copyOf(worldWritable);
        this.strays = List.copyOf(strays);
    }

    /** The scan of an analysed image, computed once and shared. */
    public static FilesystemScan of(ImageAnalysis analysis) {
        return analysis.derived(FilesystemScan.class, FilesystemScan::walk);
    }

    private static FilesystemScan walk(ImageAnalysis analysis) {
        List<Node> special = new ArrayList<>();
        List<Node> writable = new ArrayList<>();
        Map<String, Stray> strays = new LinkedHashMap<>();
        for (Node node : analysis.filesystem().nodes()) {
            FileEntry e = node.entry();
            int mode = e.mode();
            boolean fileOrDir = e.type() == EntryType.FILE || e.type() == EntryType.DIRECTORY
                    || e.type() == EntryType.HARDLINK;
            if (fileOrDir && (mode & 06000) != 0 && e.type() != EntryType.DIRECTORY) {
                special.add(node);
            }
            if (fileOrDir && (mode & 0002) != 0 && !(e.type() == EntryType.DIRECTORY && (mode & 01000) != 0)) {
                writable.add(node);
            }
            stray(node, strays);
        }
        return new FilesystemScan(special, writable, new ArrayList<>(strays.values()));
    }

    private static void stray(Node node, Map<String, Stray> strays) {
        String path = node.entry().path();
        for (String third : THIRD_PARTY) {
            if (path.contains(third)) {
                return;
            }
        }
        // a stray directory: this path is it, or lies below it (the directory's own entry may be missing)
        for (String dir : STRAY_DIRECTORIES) {
            int at = path.indexOf("/" + dir);
            while (at >= 0) {
                int end = at + 1 + dir.length();
                if (end == path.length() || path.charAt(end) == '/') {
                    String top = path.substring(0, end);
                    boolean isDir = end < path.length() || node.entry().type() == EntryType.DIRECTORY;
                    if (isDir && !strays.containsKey(top)) {
                        strays.put(top, new Stray(top, dir.equals(".git") ? StrayKind.GIT
                                : dir.equals(".idea") ? StrayKind.IDEA : StrayKind.AWS, node.layer()));
                    }
                    if (isDir) {
                        return;
                    }
                }
                at = path.indexOf("/" + dir, at + 1);
            }
        }
        if (node.entry().type() != EntryType.FILE && node.entry().type() != EntryType.HARDLINK
                && node.entry().type() != EntryType.SYMLINK) {
            return;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        StrayKind kind = strayFile(name);
        if (kind != null) {
            strays.put(path, new Stray(path, kind, node.layer()));
        }
    }

    /** The kind of a stray file by its name, or null. */
    static StrayKind strayFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.equals(".DS_Store")) {
            return StrayKind.DS_STORE;
        }
        if (name.equals(".env") || (name.startsWith(".env.") && !lower.endsWith(".example")
                && !lower.endsWith(".sample") && !lower.endsWith(".template") && !lower.endsWith(".dist"))) {
            return StrayKind.ENV;
        }
        if (name.equals("Dockerfile") || name.startsWith("Dockerfile.") || lower.endsWith(".dockerfile")) {
            return StrayKind.DOCKERFILE;
        }
        if (lower.equals("docker-compose.yml") || lower.equals("docker-compose.yaml") || lower.equals("compose.yml")
                || lower.equals("compose.yaml") || (lower.startsWith("docker-compose.")
                && (lower.endsWith(".yml") || lower.endsWith(".yaml")))) {
            return StrayKind.COMPOSE;
        }
        if (name.equals(".npmrc")) {
            return StrayKind.NPMRC;
        }
        return null;
    }

    /** Regular files (and hard links) with the setuid or setgid bit, by path. */
    public List<Node> setuidOrSetgid() {
        return setuidOrSetgid;
    }

    /** Files and directories writable by anyone, directories with the sticky bit aside, by path. */
    public List<Node> worldWritable() {
        return worldWritable;
    }

    /** Stray files and directories, by path; .npmrc files whatever they hold (the rule reads them). */
    public List<Stray> strays() {
        return strays;
    }
}
