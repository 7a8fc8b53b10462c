package io.github.imagehygiene.common;

import java.math.BigDecimal;

/**
 * A budget written as a size ({@code 50MB}, {@code 1.5GiB}, {@code 1048576}) or as a share of a whole ({@code 5%}).
 *
 * @param bytes    the byte budget, or null for a share
 * @param fraction the share (0..1 for a part of a whole, any non-negative value for a growth), or null for a size
 * @param text     as the user wrote it, normalised ("50 MB", "5 %")
 */
public record SizeLimit(ByteSize bytes, Double fraction, String text) {
    /**
     * Parses "50MB", "1.5GiB", "1048576" or "5%"; null or blank is no limit (null).
     *
     * @throws ConfigurationException naming {@code parameter} when the value is neither
     */
    public static SizeLimit parse(String parameter, String value) {
        return parse(parameter, value, true);
    }

    /**
     * As {@link #parse}, for a growth over a whole: a share may exceed 100% ({@code 150%}: the image may grow to 2.5
     * times the baseline), since the growth is not a part of the whole.
     */
    public static SizeLimit parseGrowth(String parameter, String value) {
        return parse(parameter, value, false);
    }

    private static SizeLimit parse(String parameter, String value, boolean share) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.endsWith("%")) {
            String number = v.substring(0, v.length() - 1).strip();
            BigDecimal percent;
            try {
                percent = new BigDecimal(number);
            } catch (NumberFormatException e) {
                percent = null;
            }
            if (percent == null || percent.signum() < 0
                    || (share && percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
                throw new ConfigurationException("Invalid value for " + parameter + ": '" + value + "' is not a"
                        + (share ? " percentage between 0% and 100%; use a size (50MB) or a share (5%)"
                                : " percentage of 0% or more; use a size (20MB) or a share (10%, 150%)"));
            }
            return new SizeLimit(null, percent.movePointLeft(2).doubleValue(),
                    percent.stripTrailingZeros().toPlainString() + " %");
        }
        ByteSize size = ByteSize.parse(parameter, v);
        return new SizeLimit(size, null, size.toString());
    }
}
