package io.github.imagehygiene.common;

import io.github.imagehygiene.common.ImageHygieneException;

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
