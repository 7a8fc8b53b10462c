package io.github.imagehygiene.common;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count as the user wrote it ("300MB", "1.5 GiB", "1048576"). The unit is kept so that messages can speak in
 * the unit of the limit: KB/MB/GB are powers of 1000, KiB/MiB/GiB powers of 1024 (as {@code docker images} and
 * registries use decimal units).
 */
public final class ByteSize {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

    /** Units in the order {@link #format(long, Unit)} tries them. */
    public enum Unit {
        B(1, "B"), KB(1000L, "KB"), MB(1000L * 1000, "MB"), GB(1000L * 1000 * 1000, "GB"), TB(1000L * 1000 * 1000 * 1000, "TB"),
        KIB(1024L, "KiB"), MIB(1024L * 1024, "MiB"), GIB(1024L * 1024 * 1024, "GiB"), TIB(1024L * 1024 * 1024 * 1024, "TiB");

        final long factor;
        final String symbol;

        Unit(long factor, String symbol) {
            this.factor = factor;
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean binary() {
            return this.ordinal() >= KIB.ordinal();
        }
    }

    private final long bytes;
    private final Unit unit;
    private final String text;

    private ByteSize(long bytes, Unit unit, String text) {
        this.bytes = bytes;
        this.unit = unit;
        this.text = text;
    }

    /**
     * Parses a size. {@code parameter} names the setting for the error message.
     *
     * @throws ConfigurationException when the value is not a size
     */
    /** {@link #parse}, or null for a null or blank value (no budget). */
    public static ByteSize parseOptional(String parameter, String value) {
        return value == null || value.isBlank() ? null : parse(parameter, value);
    }

    public static ByteSize parse(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("Invalid value for " + parameter + ": '" + value
                    + "' is empty; use bytes or a unit, e.g. 300MB or 1.5GiB");
        }
        Matcher m = SYNTAX.matcher(value.trim().toLowerCase(Locale.ROOT));
        Unit unit = null;
        if (m.matches()) {
            unit = unitOf(m.group(2));
        }
        if (unit == null) {
            throw new ConfigurationException("Invalid value for " + parameter + ": '" + value
                    + "' is not a size; use bytes or a unit (B, KB, MB, GB, KiB, MiB, GiB), e.g. 300MB or 1.5GiB");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.factor));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ConfigurationException("Invalid value for " + parameter + ": '" + value + "' is too large");
        }
        return new ByteSize(bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(), unit,
                m.group(1) + " " + unit.symbol);
    }

    private static Unit unitOf(String suffix) {
        switch (suffix) {
            case "":
            case "b":
                return Unit.B;
            case "k":
            case "kb":
                return Unit.KB;
            case "m":
            case "mb":
                return Unit.MB;
            case "g":
            case "gb":
                return Unit.GB;
            case "t":
            case "tb":
                return Unit.TB;
            case "kib":
                return Unit.KIB;
            case "mib":
                return Unit.MIB;
            case "gib":
                return Unit.GIB;
            case "tib":
                return Unit.TIB;
            default:
                return null;
        }
    }

    public long bytes() {
        return bytes;
    }

    public Unit unit() {
        return unit;
    }

    /** The limit as the user wrote it, normalised ("300 MB"). */
    @Override
    public String toString() {
        return text;
    }

    /** Formats {@code bytes} in the unit family of this limit (decimal or binary), for messages. */
    public String formatLike(long value) {
        Unit u = unit == Unit.B ? bestUnit(value, false) : unit;
        if (value > 0 && value * 10 < u.factor) {
            // "0.0 MB" says nothing; small values step down within the same family.
            u = bestUnit(value, unit.binary());
        }
        return format(value, u);
    }

    /**
     * Like {@link #formatLike(long)}, but a value below one unit steps down to the largest unit that keeps it at
     * least 1 ("138.8 KB" rather than "0.1 MB"), for lists of parts where precision matters more than one unit.
     */
    public String formatCompact(long value) {
        Unit u = unit == Unit.B ? bestUnit(value, false) : unit;
        return format(value, value < u.factor ? bestUnit(value, unit.binary()) : u);
    }

    /** Formats with one decimal in the given unit: "161.1 MB"; plain bytes without decimals. */
    public static String format(long value, Unit unit) {
        if (unit == Unit.B) {
            return value + " B";
        }
        return String.format(Locale.ROOT, "%.1f %s", value / (double) unit.factor, unit.symbol);
    }

    /** Formats in the largest decimal (or binary) unit that keeps the number at least 1. */
    public static String human(long value) {
        return format(value, bestUnit(value, false));
    }

    static Unit bestUnit(long value, boolean binary) {
        Unit best = Unit.B;
        for (Unit u : Unit.values()) {
            if (u.binary() == binary && u != Unit.B && Math.abs(value) >= u.factor) {
                best = u;
            }
        }
        return best;
    }
}
