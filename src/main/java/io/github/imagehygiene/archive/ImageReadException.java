package io.github.imagehygiene.archive;

import io.github.imagehygiene.ImageHygieneException;

/** The image input is missing, unreadable, not an image, or damaged; the message names the file and the problem. */
public class ImageReadException extends ImageHygieneException {
    private static final long serialVersionUID = 1L;

    public ImageReadException(String message) {
        super(message);
    }

    public ImageReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
