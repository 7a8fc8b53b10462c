package io.github.imagehygiene.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A list written on one line, as a command-line property: {@code a.tar,b.tar}. Commas inside brackets or parentheses
 * belong to their element, so a Maven version range stays whole ({@code pkg:maven/g/a@[2.0,2.17.1),other}).
 */
public final class CommaList {
    private CommaList() {
    }

    /**
     * The elements, trimmed; null for a null value.
     *
     * @param property the property's name, for the message
     * @throws ConfigurationException naming the element that is empty
     */
    public static List<String> split(String property, String value) {
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (c == ',' && (depth == 0 || i == value.length())) {
                String element = value.substring(start, i).strip();
                if (element.isEmpty()) {
                    throw new ConfigurationException("Invalid value for " + property + ": element " + (out.size() + 1)
                            + " of '" + value + "' is empty; separate the elements with single commas");
                }
                out.add(element);
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }
}
