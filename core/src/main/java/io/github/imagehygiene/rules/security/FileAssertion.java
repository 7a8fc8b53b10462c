package io.github.imagehygiene.rules.security;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.imagehygiene.analysis.security.Glob;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.layer.LayerScanner;

/**
 * What one path of the final filesystem must be, as container-structure-test's file existence and content tests,
 * with no container. Symbolic links are not followed: the assertion is about the path itself.
 *
 * @param path       the absolute path; when {@code exists} is false it may be a glob ({@code /app/**}{@code /.env})
 * @param exists     whether the path must exist (true) or must not (false)
 * @param type       "file", "directory" or "symlink", or null
 * @param mode       the permission bits it must have (setuid, setgid, sticky included), or null
 * @param uid        the owner uid, or null
 * @param gid        the group gid, or null
 * @param matches    a regex the content must match somewhere (multi-line: ^ and $ match at lines), or null
 * @param notMatches a regex the content must not match anywhere, or null
 */
public record FileAssertion(String path, boolean exists, String type, Integer mode, Long uid, Long gid,
        Pattern matches, Pattern notMatches) {

    /**
     * Validates and builds an assertion from what the user wrote.
     *
     * @param mode octal ("0755", "755", "4755") or symbolic ("-rwxr-xr-x", "rwsr-xr-x")
     * @throws ConfigurationException naming the assertion and the bad value
     */
    public static FileAssertion of(String path, Boolean exists, String type, String mode, Long uid, Long gid,
            String matches, String notMatches) {
        String where = "fileAssertions" + (path == null ? "" : " (" + path + ")");
        if (path == null || path.isBlank() || !path.strip().startsWith("/")) {
            throw new ConfigurationException("Invalid value for " + where + ": <path> must be an absolute path, e.g."
                    + " /app/app.jar");
        }
        boolean mustExist = exists == null || exists;
        String p = path.strip();
        boolean glob = p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('{') >= 0;
        if (glob && mustExist) {
            throw new ConfigurationException("Invalid value for " + where + ": a glob is allowed only with"
                    + " <exists>false</exists>; name one path that must exist");
        }
        if (glob) {
            try {
                Glob.of(p);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid value for " + where + ": " + e.getMessage());
            }
        } else {
            p = LayerScanner.normalise(p);
        }
        boolean checksMore = type != null || mode != null || uid != null || gid != null || matches != null
                || notMatches != null;
        if (!mustExist && checksMore) {
            throw new ConfigurationException("Invalid value for " + where + ": a path that must not exist has no"
                    + " type, mode, owner or content to check");
        }
        String t = type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT);
        if (t != null && !t.equals("file") && !t.equals("directory") && !t.equals("symlink")) {
            throw new ConfigurationException("Invalid value for " + where + ": type '" + type
                    + "'; use file, directory or symlink");
        }
        return new FileAssertion(p, mustExist, t, mode == null || mode.isBlank() ? null : parseMode(where, mode),
                uid, gid, regex(where, "matches", matches), regex(where, "notMatches", notMatches));
    }

    /** Whether the path is a glob (only for paths that must not exist). */
    public boolean isGlob() {
        return !exists && (path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('{') >= 0);
    }

    /** Whether the content is asserted. */
    public boolean checksContent() {
        return matches != null || notMatches != null;
    }

    /** "0755" → 0755, "-rwsr-xr-x" → 04755. */
    static int parseMode(String where, String text) {
        String m = text.strip();
        if (m.matches("0?[0-7]{3,4}")) {
            return Integer.parseInt(m, 8);
        }
        String s = m.length() == 10 ? m.substring(1) : m;
        if (s.length() == 9 && s.matches("[r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]")) {
            int mode = 0;
            for (int i = 0; i < 9; i++) {
                char c = s.charAt(i);
                if (c != '-' && c != 'S' && c != 'T') {
                    mode |= 1 << (8 - i);
                }
            }
            if (s.charAt(2) == 's' || s.charAt(2) == 'S') {
                mode |= 04000;
            }
            if (s.charAt(5) == 's' || s.charAt(5) == 'S') {
                mode |= 02000;
            }
            if (s.charAt(8) == 't' || s.charAt(8) == 'T') {
                mode |= 01000;
            }
            return mode;
        }
        throw new ConfigurationException("Invalid value for " + where + ": mode '" + text
                + "'; use octal (0755, 4755) or symbolic (-rwxr-xr-x)");
    }

    private static Pattern regex(String where, String name, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException("Invalid value for " + where + ": <" + name + "> '" + regex
                    + "' is not a regular expression: " + e.getDescription());
        }
    }
}
