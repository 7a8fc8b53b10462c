package io.github.imagehygiene.layer;

/**
 * One entry of a layer tar, path normalised to an absolute form ("/etc/passwd", "/" for the root). For a whiteout the
 * path is the one it hides; for an opaque whiteout, the directory it empties.
 */
public record FileEntry(String path, EntryType type, long size, int mode, long uid, long gid, String linkTarget) {

    public boolean isWhiteout() {
        return type == EntryType.WHITEOUT || type == EntryType.OPAQUE_WHITEOUT;
    }
}
