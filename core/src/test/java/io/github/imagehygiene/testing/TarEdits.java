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
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Edits copies of real archives: replaced, dropped or re-linked members (beside {@link Damage}). */
public final class TarEdits {
    private TarEdits() {
    }

    /** Copies a tar, replacing the content of the named members; an edit returning null drops the member. */
    public static Path rewrite(Path source, Path target, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        return copy(source, target, (e, in, tar) -> {
            UnaryOperator<byte[]> edit = edits.get(e.getName());
            if (edit == null || !e.isFile()) {
                tar.putArchiveEntry(e);
                in.transferTo(tar);
            } else {
                byte[] data = edit.apply(in.readAllBytes());
                if (data == null) {
                    return;
                }
                // a new entry: changing the size of the one being read would derail the reader
                TarArchiveEntry edited = new TarArchiveEntry(e.getName());
                edited.setMode(e.getMode());
                edited.setModTime(e.getModTime());
                edited.setSize(data.length);
                tar.putArchiveEntry(edited);
                tar.write(data);
            }
            tar.closeArchiveEntry();
        });
    }

    /** Copies a tar, turning one member into a symbolic link to {@code linkTarget}. */
    public static Path replaceWithSymlink(Path source, Path target, String member, String linkTarget)
            throws IOException {
        return copy(source, target, (e, in, tar) -> {
            if (e.getName().equals(member)) {
                TarArchiveEntry link = new TarArchiveEntry(member, TarConstants.LF_SYMLINK);
                link.setLinkName(linkTarget);
                tar.putArchiveEntry(link);
            } else {
                tar.putArchiveEntry(e);
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        });
    }

    private interface MemberCopy {
        void copy(TarArchiveEntry e, InputStream in, TarArchiveOutputStream tar) throws IOException;
    }

    private static Path copy(Path source, Path target, MemberCopy copy) throws IOException {
        try (InputStream raw = Files.newInputStream(source);
                TarArchiveInputStream in = new TarArchiveInputStream(raw);
                OutputStream out = Files.newOutputStream(target);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                copy.copy(e, in, tar);
            }
        }
        return target;
    }
}
