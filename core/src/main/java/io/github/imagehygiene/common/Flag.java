package io.github.imagehygiene.common;

/**
 * A true/false parameter as written. Maven reads a boolean parameter with {@code Boolean.valueOf}, to which any text
 * but "true" is false: {@code -DimageHygiene.failOnError=flase} turned the gate off without a word. The front ends
 * take these parameters as text and read them here, as the CLI does its options.
 */
public final class Flag {
    private Flag() {
    }

    /**
     * "true" or "false" in any case, blanks around them ignored; null when not set.
     *
     * @throws ConfigurationException for any other text, naming the parameter
     */
    public static Boolean parse(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new ConfigurationException("Invalid value for " + name + ": '" + t + "' is neither true nor false");
    }
}
