package io.github.imagehygiene.analysis.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Maven local repository ({@code ~/.m2/repository}) as a source of groupIds: the folder above
 * {@code ARTIFACT/VERSION/ARTIFACT-VERSION.jar} is the groupId's path. The index of its {@code ARTIFACT/VERSION}
 * folders is built on first use, by one walk over its folders that reads no file, and bounded: a repository of more
 * than {@link #MAX_VISITED} files and folders is indexed in part (what is not indexed names nothing; nothing is
 * named wrongly). Not thread-safe: one per inventory.
 */
final class LocalRepository {
    /** Files and folders visited at most while indexing. */
    static final int MAX_VISITED = 2_000_000;
    /** Folders deeper than this are not entered (groupIds of ten segments and more are not seen). */
    static final int MAX_DEPTH = 12;
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

    private final Path root;
    private Map<String, List<Path>> index;

    LocalRepository(Path root) {
        this.root = root;
    }

    /**
     * The groupIds under which {@code ARTIFACT-VERSION.jar} has this sha1: its {@code .jar.sha1} file's value when
     * it has one (the remote repository's checksum), else the jar's own bytes, hashed when its size is this size.
     */
    TreeSet<String> groupsOf(String artifactId, String version, String sha1, long size) {
        TreeSet<String> groups = new TreeSet<>();
        for (Path folder : index().getOrDefault(artifactId + "/" + version, List.of())) {
            Path jar = folder.resolve(artifactId + "-" + version + ".jar");
            if (sha1.equalsIgnoreCase(sha1Of(jar, size))) {
                groups.add(groupId(folder.getParent().getParent()));
            }
        }
        return groups;
    }

    private String groupId(Path groupFolder) {
        List<String> parts = new ArrayList<>();
        for (Path p : root.relativize(groupFolder)) {
            parts.add(p.toString());
        }
        return String.join(".", parts);
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
        if (index != null) {
            return index;
        }
        Map<String, List<Path>> out = new HashMap<>();
        int[] visited = {0};
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (++visited[0] > MAX_VISITED) {
                        return FileVisitResult.TERMINATE;
                    }
                    // Maven 3.9's .cache and .locks, a resolver's .meta: no artifacts
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++visited[0] > MAX_VISITED) {
                        return FileVisitResult.TERMINATE;
                    }
                    Path versionFolder = file.getParent();
                    Path artifactFolder = versionFolder == null ? null : versionFolder.getParent();
                    Path groupFolder = artifactFolder == null ? null : artifactFolder.getParent();
                    if (groupFolder == null || groupFolder.equals(root) || !groupFolder.startsWith(root)) {
                        return FileVisitResult.CONTINUE; // no groupId above it
                    }
                    String artifact = artifactFolder.getFileName().toString();
                    String version = versionFolder.getFileName().toString();
                    if (file.getFileName().toString().equals(artifact + "-" + version + ".jar")) {
                        out.computeIfAbsent(artifact + "/" + version, k -> new ArrayList<>()).add(versionFolder);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // an unreadable folder holds nothing for us
                }
            });
        } catch (IOException e) {
            // what was indexed before the failure is kept
        }
        index = out;
        return index;
    }
}
