package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * The {@code ignorePaths} globs every hygiene rule honours. A glob matches absolute image paths: {@code *} stays within
 * one path segment, {@code **} crosses segments, {@code ?} is one character, {@code {a,b}} either. A glob without a
 * leading {@code /} matches at any depth ({@code node_modules} = {@code /**}{@code /node_modules}). A path is ignored
 * when it or one of its parent directories matches, so {@code /var/cache/apt} also ignores everything below it.
 */
public final class PathGlobs {
    /** Ignores nothing. */
    public static final PathGlobs NONE = new PathGlobs(List.of(), List.of());

    private final List<String> globs;
    private final List<Pattern> patterns;

    private PathGlobs(List<String> globs, List<Pattern> patterns) {
        this.globs = globs;
        this.patterns = patterns;
    }

    /**
     * Compiles the globs; null or empty ignores nothing.
     *
     * @throws ConfigurationException for an empty glob or an unbalanced brace
     */
    public static PathGlobs of(List<String> globs) {
        if (globs == null || globs.isEmpty()) {
            return NONE;
        }
        List<String> kept = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String g : globs) {
            String glob = g == null ? "" : g.strip();
            if (glob.isEmpty()) {
                throw new ConfigurationException("Invalid value for ignorePaths: an empty glob; use e.g. /tmp/** or"
                        + " **/node_modules");
            }
            kept.add(glob);
            patterns.add(Pattern.compile(toRegex(glob)));
        }
        return new PathGlobs(List.copyOf(kept), List.copyOf(patterns));
    }

    public List<String> globs() {
        return globs;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code path} (absolute, normalised) or one of its parent directories matches a glob. */
    public boolean ignores(String path) {
        if (patterns.isEmpty()) {
            return false;
        }
        String p = path;
        while (true) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(p).matches()) {
                    return true;
                }
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                return false;
            }
            p = p.substring(0, slash);
        }
    }

    static String toRegex(String glob) {
        String g = glob;
        while (g.length() > 1 && g.endsWith("/")) {
            g = g.substring(0, g.length() - 1);
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        if (g.startsWith("/")) {
            re.append('/');
            i = 1;
        } else {
            re.append("(?:.*/)?");
        }
        int braces = 0;
        for (; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '{') {
                braces++;
                re.append("(?:");
            } else if (c == '}' && braces > 0) {
                braces--;
                re.append(')');
            } else if (c == ',' && braces > 0) {
                re.append('|');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new ConfigurationException("Invalid value for ignorePaths: '" + glob + "' has an unclosed '{'");
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return String.join(", ", globs);
    }
}
