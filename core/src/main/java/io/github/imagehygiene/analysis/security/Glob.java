package io.github.imagehygiene.analysis.security;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path glob as the security settings and suppression files write them: {@code *} stays within one path segment,
 * {@code **} crosses segments ({@code /app/**} is everything below /app), {@code ?} is one character other than
 * {@code /}, {@code {a,b}} is either. A glob without a leading {@code /} matches at any depth ({@code .env} =
 * {@code /**}{@code /.env}). A literal glob ending in {@code /**} is matched by a prefix test, so that the common case
 * costs nothing per file.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;
    private final String prefix;

    private Glob(String text, Pattern pattern, String prefix) {
        this.text = text;
        this.pattern = pattern;
        this.prefix = prefix;
    }

    /**
     * Compiles a glob.
     *
     * @throws IllegalArgumentException for an empty glob or unbalanced braces; callers word it for their setting
     */
    public static Glob of(String glob) {
        String g = glob == null ? "" : glob.strip();
        if (g.isEmpty()) {
            throw new IllegalArgumentException("an empty glob");
        }
        while (g.length() > 1 && g.endsWith("/")) {
            g = g.substring(0, g.length() - 1);
        }
        String anchored = g.startsWith("/") ? g : "/**/" + g;
        String literalPrefix = null;
        if (anchored.endsWith("/**")) {
            String head = anchored.substring(0, anchored.length() - 3);
            if (!head.isEmpty() && head.chars().noneMatch(c -> c == '*' || c == '?' || c == '{' || c == '}'
                    || c == '[')) {
                literalPrefix = head + "/";
            }
        }
        try {
            return new Glob(g, Pattern.compile(toRegex(anchored)), literalPrefix);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + g + "' is not a glob: " + e.getDescription());
        }
    }

    /** Whether any of the globs matches. */
    public static boolean any(List<Glob> globs, String path) {
        for (Glob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the absolute, normalised path matches. */
    public boolean matches(String path) {
        if (prefix != null) {
            return path.startsWith(prefix);
        }
        return pattern.matcher(path).matches();
    }

    /** Whether the path or one of its parent directories matches ({@code /app/.git} covers /app/.git/config). */
    public boolean matchesOrContains(String path) {
        String p = path;
        while (true) {
            if (matches(p)) {
                return true;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return false;
            }
            p = p.substring(0, slash);
        }
    }

    /** Whether the glob has wildcards; one without is a plain path. */
    public boolean isPattern() {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '{');
    }

    /** As written (trailing slashes removed). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    static String toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*':
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            sb.append("(?:.*/)?"); // "**/" is zero or more whole segments
                        } else {
                            sb.append(".*");
                        }
                    } else {
                        sb.append("[^/]*");
                    }
                    break;
                case '?':
                    sb.append("[^/]");
                    break;
                case '{':
                    braces++;
                    sb.append("(?:");
                    break;
                case '}':
                    if (braces == 0) {
                        throw new IllegalArgumentException("'" + glob + "' has a '}' without '{'");
                    }
                    braces--;
                    sb.append(')');
                    break;
                case ',':
                    sb.append(braces > 0 ? "|" : ",");
                    break;
                default:
                    sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("'" + glob + "' has a '{' without '}'");
        }
        return sb.toString();
    }

    /** Case-insensitive glob over names (keys), not paths: {@code *_FILE} matches DB_PASSWORD_FILE. */
    static Pattern nameGlob(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '*') {
                sb.append(".*");
            } else if (c == '?') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }
}
