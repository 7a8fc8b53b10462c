package io.github.imagehygiene.findings;

/**
 * A masked copy of an exception ({@link Masking#maskedCopy(Throwable)}): the original's stack with its message
 * masked; printed as the original's class when it stands for one.
 */
public final class MaskedException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The class of the exception this is a copy of, or null. */
    private final String type;

    MaskedException(String message, String type) {
        super(message);
        this.type = type;
    }

    @Override
    public String toString() {
        if (type == null) {
            return super.toString();
        }
        return getMessage() == null ? type : type + ": " + getMessage();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the original's stack is set instead
    }
}
