package io.github.imagehygiene.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Damages copies of real archives the way transfers and tools do: edited entries, flipped bytes, cut files. */
public final class Damage {
    private Damage() {
    }

    /** Copies a tar, replacing the content of the named entries. */
    public static Path rewriteTar(Path source, Path target, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        try (InputStream raw = Files.newInputStream(source);
                TarArchiveInputStream in = new TarArchiveInputStream(raw);
                OutputStream out = Files.newOutputStream(target);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                UnaryOperator<byte[]> edit = edits.get(e.getName());
                if (edit == null || !e.isFile()) {
                    tar.putArchiveEntry(e);
                    in.transferTo(tar);
                } else {
                    byte[] data = edit.apply(in.readAllBytes());
                    e.setSize(data.length);
                    tar.putArchiveEntry(e);
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return target;
    }

    /** A copy with one byte inverted. */
    public static byte[] flip(byte[] data, int offset) {
        byte[] copy = data.clone();
        copy[offset] = (byte) ~copy[offset];
        return copy;
    }

    /** A copy of the first {@code length} bytes of a file. */
    public static Path truncate(Path source, Path target, long length) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(all, (int) length));
        return target;
    }

    /** Copies a folder tree. */
    public static Path copyTree(Path source, Path target) throws IOException {
        try (var walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }
}
