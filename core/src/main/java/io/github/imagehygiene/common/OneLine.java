package io.github.imagehygiene.common;

/**
 * Messages as one line. Errors and findings quote what the image holds, and an image is untrusted: a line break in a
 * path or a digest must not split an error or forge a line of the build log.
 */
public final class OneLine {
    private OneLine() {
    }

    /**
     * A message as one line whatever it quotes: messages name values read from the image (a digest, a path, a
     * media type), and an image may put line breaks and control characters into them (C0, C1, line and paragraph
     * separators, bidirectional overrides that reorder what a terminal shows). Those are written as Java
     * escapes (a line feed as backslash-n, ESC as backslash-u001b), so that the build log shows one line and nothing
     * the image wrote can forge more.
     */
    public static String of(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            String escape = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                    : c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                            || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                            // noncharacters and lone surrogates, which XML 1.0 cannot hold at all
                            || c == 0xfffe || c == 0xffff || (c >= 0xfdd0 && c <= 0xfdef)
                            || (Character.isHighSurrogate(c) && (i + 1 >= message.length()
                                    || !Character.isLowSurrogate(message.charAt(i + 1))))
                            || (Character.isLowSurrogate(c) && (i == 0
                                    || !Character.isHighSurrogate(message.charAt(i - 1))))
                            ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : null;
            if (escape != null && out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? message : out.toString();
    }

    /**
     * A text cut to at most {@code width} characters, "..." marking the cut, and the cut made between words: a word
     * that would be cut in two is left out whole. The masking of what leaves the check works on whole values (a
     * token, a build argument's value), so half a secret must never stand alone in a message. A text with no word
     * boundary before the cut (a long package name) is kept whole, wider than asked, rather than cut to a bare "...".
     */
    public static String cut(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        int end = width - 3;
        int space = s.lastIndexOf(' ', end);
        String kept = s.substring(0, Math.max(0, space)).stripTrailing();
        return kept.isEmpty() ? s : kept + "...";
    }
}
