package io.github.imagehygiene.layer;

/** What a layer entry is; whiteouts are told apart from the files they hide. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO,
    /** {@code .wh.NAME}: hides NAME (and everything below it) from lower layers. */
    WHITEOUT,
    /** {@code .wh..wh..opq}: hides the lower layers' content of its directory. */
    OPAQUE_WHITEOUT,
    OTHER
}
