package io.github.imagehygiene.common;

/** Where the core writes what the user should see; the Maven glue passes its Log. */
public interface LogSink {
    void info(String message);

    void warn(String message);

    void debug(String message);

    /** Discards everything (tests, embedding). */
    LogSink NONE = new LogSink() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void debug(String message) {
        }
    };
}
