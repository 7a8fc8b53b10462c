package io.github.imagehygiene.common;

/** A blob's content does not match the digest, size or diff_id the image declares for it. */
public class IntegrityException extends ImageReadException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }
}
