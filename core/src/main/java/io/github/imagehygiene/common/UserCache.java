package io.github.imagehygiene.common;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The conventions every cache of the tool follows (the OSV databases, the layer cache): one folder per cache under
 * {@code ~/.cache/image-hygiene} (the XDG layout, which macOS and Windows tools accept as well), so that every
 * project and every build of the user shares it; a folder parameter read the same way ({@code ~} and {@code ~/...}
 * for the home); files written beside their final name as {@code *.part} and renamed over it in one step, so a
 * reader never sees half a file.
 */
public final class UserCache {
    /** The suffix of a file being written. */
    public static final String PART = ".part";

    private UserCache() {
    }

    /** {@code ~/.cache/image-hygiene/<name>}. */
    public static Path defaultFolder(String name) {
        return Path.of(System.getProperty("user.home"), ".cache", "image-hygiene", name);
    }

    /**
     * A cache folder as the user wrote it: {@code ~} and {@code ~/...} are the home; blank is {@code fallback}.
     *
     * @throws ConfigurationException naming {@code parameter}, for a value that is no path or names a file
     */
    public static Path folder(String parameter, String value, Path fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String c = value.strip();
        Path p;
        try {
            p = c.equals("~") ? Path.of(System.getProperty("user.home"))
                    : c.startsWith("~/") ? Path.of(System.getProperty("user.home"), c.substring(2)) : Path.of(c);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("Invalid value for " + parameter + ": '" + c + "' is not a path ("
                    + e.getReason() + ")");
        }
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new ConfigurationException("Invalid value for " + parameter + ": " + c + " is a file, not a folder");
        }
        return p;
    }

    /**
     * Marks a cache file as used now (its modification time), for the eviction of what was least recently used; a
     * file gone meanwhile or a read-only folder costs nothing but that.
     */
    public static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // the file served all the same
        }
    }

    /** Renames {@code part} over {@code target} in one step (same folder, so the rename is atomic). */
    public static void replace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
