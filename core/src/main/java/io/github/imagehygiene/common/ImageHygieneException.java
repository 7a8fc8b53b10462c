package io.github.imagehygiene.common;

/**
 * Base of the core's typed exceptions. The Maven glue maps each subtype to a Mojo exception in one place, so the
 * message must be one clear line a user can act on.
 */
public class ImageHygieneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageHygieneException(String message) {
        super(OneLine.of(message));
    }

    public ImageHygieneException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
