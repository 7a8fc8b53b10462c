package io.github.imagehygiene.findings;

import java.util.Locale;

/** How a rule's breach counts: ERROR fails the build, WARN is logged, OFF does not run the rule. */
public enum Level {
    ERROR, WARN, OFF;

    /** Parses "error", "WARN", "off"; null for anything else. */
    public static Level parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
