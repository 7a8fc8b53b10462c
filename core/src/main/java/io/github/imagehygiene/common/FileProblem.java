package io.github.imagehygiene.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * What went wrong with a file, in words. The JDK's file exceptions carry only the path as their message
 * ({@code NoSuchFileException: /x/none.json}), so "Cannot read eolData /x/none.json: /x/none.json" said nothing of why.
 */
public final class FileProblem {
    private FileProblem() {
    }

    /**
     * The problem in words: "no such file or folder", "permission denied", the system's reason ("Is a directory"),
     * else the exception's message; the file it concerns added when it is not {@code named}.
     *
     * @param named the path the caller's message already names, or null
     */
    public static String of(IOException e, Path named) {
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            what = "not a folder";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "a file is there, where a folder is wanted"; // createDirectories over a file
        } else if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            what = f.getReason();
        } else {
            String m = e.getMessage();
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        }
        String file = ((FileSystemException) e).getFile();
        return file == null || named != null && Path.of(file).equals(named) ? what : what + ": " + file;
    }
}
