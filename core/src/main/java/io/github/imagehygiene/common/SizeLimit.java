package io.github.imagehygiene.common;

import java.math.BigDecimal;

/**
 * A budget written as a size ({@code 50MB}, {@code 1.5GiB}, {@code 1048576}) or as a share of a whole ({@code 5%}).
 *
 * @param bytes    the byte budget, or null for a share
 * @param fraction the share, 0..1, or null for a size
 * @param text     as the user wrote it, normalised ("50 MB", "5 %")
 */
public record SizeLimit(ByteSize bytes, Double fraction, String text) {
    /**
     * Parses "50MB", "1.5GiB", "1048576" or "5%"; null or blank is no limit (null).
     *
     * @throws ConfigurationException naming {@code parameter} when the value is neither
     */
    public static SizeLimit parse(String parameter, String value) {
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
            if (percent == null || percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new ConfigurationException("Invalid value for " + parameter + ": '" + value
                        + "' is not a percentage between 0% and 100%; use a size (50MB) or a share (5%)");
            }
            return new SizeLimit(null, percent.movePointLeft(2).doubleValue(),
                    percent.stripTrailingZeros().toPlainString() + " %");
        }
        ByteSize size = ByteSize.parse(parameter, v);
        return new SizeLimit(size, null, size.toString());
    }
}
