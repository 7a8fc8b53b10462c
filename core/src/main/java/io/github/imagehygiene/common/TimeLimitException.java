package io.github.imagehygiene.common;

/** The check ran longer than its time limit ({@code timeout}); the message says what it was reading. */
public class TimeLimitException extends ImageReadException {
    private static final long serialVersionUID = 1L;

    public TimeLimitException(String message) {
        super(message);
    }
}
