package io.github.imagehygiene.findings;

import io.github.imagehygiene.common.OneLine;

/**
 * One breach of one rule.
 *
 * @param rule    the rule id
 * @param level   ERROR or WARN
 * @param message actual vs limit, and what to change
 */
public record Finding(String rule, Level level, String message) {

    /** Messages quote paths and values from the image: kept to one line (see {@link OneLine}). */
    public Finding {
        message = OneLine.of(message);
    }

    /** "[maxSize] image is ..." as the console and the failure list show it. */
    @Override
    public String toString() {
        return "[" + rule + "] " + message;
    }
}
