package io.github.imagehygiene.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code timeout} parameter: {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 500ms}, ISO {@code PT30M}. */
public final class TimeLimit {
    private static final Pattern UNITS = Pattern.compile(
            "(?:(\\d+)\\s*h)?\\s*(?:(\\d+)\\s*m(?!s))?\\s*(?:(\\d+)\\s*s)?\\s*(?:(\\d+)\\s*ms)?");

    private TimeLimit() {
    }

    /** @return the limit, or null for none ({@code 0}, {@code none}) */
    public static Duration parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("none") || v.matches("0+\\s*(ms|s|m|h)?")) {
            return null;
        }
        Duration d = null;
        if (v.startsWith("pt") || v.startsWith("p")) {
            try {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        } else {
            Matcher m = UNITS.matcher(v);
            if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null || m.group(4) != null)) {
                try {
                    d = Duration.ofHours(num(m.group(1))).plusMinutes(num(m.group(2))).plusSeconds(num(m.group(3)))
                            .plusMillis(num(m.group(4)));
                } catch (ArithmeticException | NumberFormatException e) {
                    d = null; // more than a Duration holds: said below as any bad value
                }
            }
        }
        if (d == null || d.isNegative()) {
            throw new ConfigurationException("Invalid value for " + parameter + ": '" + value
                    + "'; use e.g. 30m, 90s, 1h or PT30M (0 for no limit)");
        }
        return d.isZero() ? null : d;
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }
}
