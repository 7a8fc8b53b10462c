package io.github.imagehygiene.findings;

/**
 * One breach of one rule.
 *
 * @param rule    the rule id
 * @param level   ERROR or WARN
 * @param message actual vs limit, and what to change
 */
public record Finding(String rule, Level level, String message) {

    /** "[maxSize] image is ..." as the console and the failure list show it. */
    @Override
    public String toString() {
        return "[" + rule + "] " + message;
    }
}
