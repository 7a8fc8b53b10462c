package io.github.imagehygiene.analysis.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * dpkg's control-file format: {@code /var/lib/dpkg/status} (every package, with a {@code Status:} line) and
 * distroless's {@code /var/lib/dpkg/status.d/NAME} (one or more stanzas, usually without {@code Status:}); plus the
 * file lists ({@code info/NAME.list}, {@code status.d/NAME.md5sums}) and DEP-5 copyright files. Pure functions over
 * text.
 */
public final class DpkgStatus {
    private DpkgStatus() {
    }

    /**
     * The installed packages of a status file: stanzas whose {@code Status:} says the files are on disk (installed,
     * unpacked, half-configured, half-installed, triggers-awaited, triggers-pending), or that have no {@code Status:}
     * at all (status.d). Packages left as config-files or not-installed are not listed, as dpkg does not ship their
     * files any more.
     */
    public static List<OsPackage> parse(String text) {
        List<OsPackage> out = new ArrayList<>();
        for (Map<String, String> stanza : stanzas(text)) {
            String name = stanza.get("package");
            String version = stanza.get("version");
            if (name == null || name.isBlank() || version == null || version.isBlank() || !installed(stanza)) {
                continue;
            }
            OsPackage p = toPackage(stanza);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean installed(Map<String, String> stanza) {
        String status = stanza.get("status");
        if (status == null) {
            return true;
        }
        String[] words = status.trim().split("\\s+");
        String state = words[words.length - 1];
        return switch (state) {
            case "installed", "unpacked", "half-configured", "half-installed", "triggers-awaited",
                    "triggers-pending" -> true;
            default -> false;
        };
    }

    private static OsPackage toPackage(Map<String, String> s) {
        String name = s.get("package").trim();
        String[] v = splitVersion(s.get("version").trim());
        if (v[0] != null && new java.math.BigInteger(v[0]).bitLength() > 31) {
            return null; // an epoch dpkg itself refuses (above 2^31-1): not a package dpkg installed
        }
        String source = name;
        String sourceVersion = null;
        String sourceField = s.get("source");
        if (sourceField != null && !sourceField.isBlank()) {
            // "Source: glibc" or, when the versions differ, "Source: glibc (2.36-9+deb12u4)"
            String src = sourceField.trim();
            int space = src.indexOf(' ');
            source = space > 0 ? src.substring(0, space) : src;
            int open = src.indexOf('(');
            int close = src.indexOf(')', open + 1);
            if (open > 0 && close > open + 1) {
                sourceVersion = src.substring(open + 1, close).trim();
            }
        }
        long size = -1;
        String installedSize = s.get("installed-size");
        if (installedSize != null) {
            try {
                size = Long.parseLong(installedSize.trim()) * 1024;
            } catch (NumberFormatException e) {
                size = -1;
            }
        }
        String arch = s.getOrDefault("architecture", "").trim();
        return new OsPackage(PackageType.DEB, name, v[0] == null ? null : Integer.valueOf(v[0]), v[1], v[2], arch,
                source, sourceVersion, List.of(), size, List.of());
    }

    /**
     * Splits a Debian version the way dpkg (and trivy) do: the epoch before the first ':', the revision after the
     * last '-'. Returns {epoch or null, upstream, revision or ""}.
     */
    public static String[] splitVersion(String full) {
        String epoch = null;
        String rest = full;
        int colon = rest.indexOf(':');
        if (colon > 0 && rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
            // leading zeros dropped; any length (an image may write an epoch no int holds)
            epoch = new java.math.BigInteger(rest.substring(0, colon)).toString();
            rest = rest.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        if (dash > 0) {
            return new String[] {epoch, rest.substring(0, dash), rest.substring(dash + 1)};
        }
        return new String[] {epoch, rest, ""};
    }

    /**
     * The lines of {@code text}, split at each "\n" or "\r\n" (the text after the last one is a line too), as
     * {@code split("\r?\n", -1)} splits them but without a regular expression per file list ({@code String.lines()}
     * would split at a lone "\r" too).
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            int end = newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            out.add(text.substring(start, end));
            start = newline + 1;
        }
        out.add(text.substring(start));
        return out;
    }

    /** The stanzas of a control file, field names lower-cased, continuation lines joined with '\n'. */
    static List<Map<String, String>> stanzas(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : lines(text)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                current.put(last, current.get(last) + "\n" + line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            current.put(last, line.substring(colon + 1).trim());
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The paths of a dpkg {@code info/NAME.list}: one absolute path a line ("/." is the root). */
    public static List<String> parseFileList(String text) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            String p = line.strip();
            if (!p.isEmpty() && !p.equals("/.")) {
                out.add(p.startsWith("/") ? p : "/" + p);
            }
        }
        return out;
    }

    /** The paths of a {@code md5sums} file: "MD5  relative/path" lines. */
    public static List<String> parseMd5sums(String text) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            String l = line.strip();
            int space = l.indexOf(' ');
            if (space > 0) {
                String p = l.substring(space).strip();
                if (!p.isEmpty()) {
                    out.add(p.startsWith("/") ? p : "/" + p);
                }
            }
        }
        return out;
    }

    /**
     * The licences of a copyright file, in order of appearance, each once: the machine-readable (DEP-5)
     * {@code License:} fields (first line only), then the licences it points to under /usr/share/common-licenses/.
     */
    public static List<String> copyrightLicenses(String text) {
        // by hand rather than by regular expressions: a copyright file per package, read on a layer thread in every
        // first run, where the regex engine's code is still interpreted
        Set<String> out = new LinkedHashSet<>();
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.regionMatches(true, start, "License:", 0, "License:".length())) {
                String value = text.substring(start + "License:".length(), end).strip();
                if (!value.isEmpty() && value.length() <= 100) {
                    out.add(value);
                }
            }
        }
        for (int at = text.indexOf(COMMON_LICENSES); at >= 0; at = text.indexOf(COMMON_LICENSES, at)) {
            int start = at + COMMON_LICENSES.length();
            int end = start;
            while (end < text.length() && isLicenseNameChar(text.charAt(end))) {
                end++;
            }
            int name = end;
            while (name > start && text.charAt(name - 1) == '.') {
                name--; // the full stop of a sentence
            }
            if (name > start) {
                out.add(text.substring(start, name));
            }
            at = end > start ? end : at + 1;
        }
        return List.copyOf(out);
    }

    private static final String COMMON_LICENSES = "/usr/share/common-licenses/";

    private static boolean isLicenseNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '+'
                || c == '_' || c == '-';
    }
}
