package io.github.imagehygiene.analysis.inventory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Maven local repository ({@code ~/.m2/repository}) as a source of groupIds: the folders above
 * {@code ARTIFACT/VERSION/ARTIFACT-VERSION.jar} spell the groupId, which the pom beside the jar names
 * ({@link #groupId(Path, String)}). The index of the wanted {@code ARTIFACT/VERSION} folders is built on first use by
 * listing folders, never statting a file: a developer's repository holds hundreds of thousands of files, and each
 * call to the file system counts. A version folder (its name digits, then the end or a separator: {@code 1.0},
 * {@code 3.0.0-M1}, {@code 20230101}; not {@code 3dsystems}) is listed only when its {@code ARTIFACT/VERSION} is
 * wanted, and names that Maven gives files ({@code .jar}, {@code .pom}, {@code .sha1} …) are not entered, unless
 * they are a wanted artifactId ({@code 2-thenable}). So a groupId with a segment named like a version
 * ({@code org.example.2024}) is not seen, nor a version folder twelve folders or more below the root
 * ({@link #MAX_DEPTH}: groupIds of ten segments, or fewer behind a split repository's prefixes); a repository of more
 * than {@link #MAX_VISITED} names is indexed in part, which also bounds a loop of symbolic links (followed, as Maven
 * follows them). What is not indexed names nothing; a group the folders and the pom do not agree on names nothing.
 * Not thread-safe: one per inventory.
 */
final class LocalRepository {
    /** Names listed at most while indexing. */
    static final int MAX_VISITED = 2_000_000;
    /** Folders this deep are not entered (groupIds of ten folders and more are not seen). */
    static final int MAX_DEPTH = 12;
    /** A pom larger than this is not read (Maven Central's largest are a few hundred KiB). */
    static final long MAX_POM_BYTES = 4L << 20;
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern VERSION = Pattern.compile("\\d+([.\\-_+].*)?");
    /** The first folder of Maven Resolver's split local repository, by default. */
    private static final Set<String> SPLIT_PREFIXES = Set.of("installed", "cached");
    private static final List<String> FILE_SUFFIXES = List.of(".jar", ".pom", ".sha1", ".md5", ".sha256", ".sha512",
            ".asc", ".xml", ".repositories", ".lastUpdated", ".properties", ".module");

    private final Path root;
    private final Set<String> wanted;
    /** The artifactIds of {@link #wanted}: their folders are entered whatever their names look like. */
    private final Set<String> wantedArtifacts = new HashSet<>();
    private Map<String, List<Path>> index;

    /** The repository at ROOT, to be asked for these {@link #key}s only. */
    LocalRepository(Path root, Set<String> wanted) {
        this.root = root;
        this.wanted = Set.copyOf(wanted);
        for (String key : wanted) {
            wantedArtifacts.add(key.substring(0, key.lastIndexOf('/')));
        }
    }

    /** What {@link #groupsOf} may be asked for, given to the constructor. */
    static String key(String artifactId, String version) {
        return artifactId + "/" + version;
    }

    /**
     * The groupIds under which {@code ARTIFACT-VERSION.jar} has this sha1: its {@code .jar.sha1} file's value when
     * it has one (the remote repository's checksum), else the jar's own bytes, hashed when its size is this size;
     * each as {@link #groupId(Path, String)} tells it.
     */
    TreeSet<String> groupsOf(String artifactId, String version, String sha1, long size) {
        String key = key(artifactId, version);
        if (!wanted.contains(key)) {
            throw new IllegalArgumentException(key + " was not wanted when this repository was made");
        }
        TreeSet<String> groups = new TreeSet<>();
        for (Path folder : index().getOrDefault(key, List.of())) {
            Path jar = folder.resolve(artifactId + "-" + version + ".jar");
            if (sha1.equalsIgnoreCase(sha1Of(jar, size))) {
                String group = groupId(folder, artifactId + "-" + version + ".pom");
                if (group != null) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    /**
     * The groupId of VERSION-FOLDER's artifact, or null. With a pom beside the jar: the pom's groupId when the folders
     * above ARTIFACT/VERSION spell it, or end with it after Maven Resolver's split prefixes (its default
     * {@code installed/} and {@code cached/}, then a remote repository's id, {@code releases/} …); a pom that does
     * not read, or names no literal group, names nothing. Without a pom (a jar copied in by hand): the folders,
     * unless they start with a split prefix, whose depth the pom alone tells.
     */
    private String groupId(Path versionFolder, String pomName) {
        List<String> parts = new ArrayList<>();
        for (Path p : root.relativize(versionFolder.getParent().getParent())) {
            parts.add(p.toString());
        }
        boolean split = SPLIT_PREFIXES.contains(parts.get(0));
        Path pom = versionFolder.resolve(pomName);
        if (!Files.exists(pom)) {
            return split ? null : String.join(".", parts);
        }
        String declared;
        try {
            declared = Files.size(pom) <= MAX_POM_BYTES ? PomXml.groupId(Files.readAllBytes(pom)) : null;
        } catch (IOException e) {
            declared = null;
        }
        if (declared == null) {
            return null;
        }
        List<String> segments = List.of(declared.split("\\.", -1));
        if (parts.equals(segments)) {
            return declared;
        }
        return split && parts.size() > segments.size()
                && parts.subList(parts.size() - segments.size(), parts.size()).equals(segments) ? declared : null;
    }

    /** The jar's sha1: its .sha1 file's, else hashed; null when unknown or the sizes differ. */
    private static String sha1Of(Path jar, long size) {
        Path checksum = jar.resolveSibling(jar.getFileName() + ".sha1");
        try {
            if (Files.isRegularFile(checksum) && Files.size(checksum) < 1024) {
                // "hex", or "hex  file name" as some older tools wrote it
                String text = Files.readString(checksum, StandardCharsets.ISO_8859_1).strip();
                String first = text.isEmpty() ? "" : text.split("\\s+")[0];
                if (SHA1.matcher(first).matches()) {
                    return first.toLowerCase(Locale.ROOT);
                }
            }
            if (Files.size(jar) != size) {
                return null;
            }
            try (InputStream in = Files.newInputStream(jar)) {
                return Sha1.of(in);
            }
        } catch (IOException e) {
            return null; // unreadable: names nothing
        }
    }

    private Map<String, List<Path>> index() {
        if (index == null) {
            index = new HashMap<>();
            list(root.toFile(), 0, null, null, new int[] {0});
        }
        return index;
    }

    /**
     * Lists FOLDER (at DEPTH below the root; NAME under PARENT) and enters what may be a folder on the way to a
     * wanted {@code ARTIFACT/VERSION}. No file is statted: {@link File#list()} of a file is null, one failed call,
     * and names Maven gives files are not tried.
     */
    private void list(File folder, int depth, String parent, String name, int[] visited) {
        String[] names = folder.list();
        if (names == null) {
            return; // a file, or unreadable: holds nothing for us
        }
        // depth 3 and deeper: a groupId above PARENT/NAME, the ARTIFACT/VERSION this folder would be
        String jar = depth >= 3 && wanted.contains(key(parent, name)) ? parent + "-" + name + ".jar" : null;
        for (String n : names) {
            if (++visited[0] > MAX_VISITED) {
                return;
            }
            if (n.equals(jar)) {
                index.computeIfAbsent(key(parent, name), k -> new ArrayList<>()).add(folder.toPath());
            }
            // Maven 3.9's .cache and .locks, a resolver's .meta: no artifacts
            if (depth + 1 >= MAX_DEPTH || n.startsWith(".") || !wantedArtifacts.contains(n) && (isFileName(n)
                    || name != null && VERSION.matcher(n).matches() && !wanted.contains(key(name, n)))) {
                continue;
            }
            list(new File(folder, n), depth + 1, name, n, visited);
            if (visited[0] > MAX_VISITED) {
                return;
            }
        }
    }

    private static boolean isFileName(String name) {
        for (String suffix : FILE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
