package io.github.imagehygiene.analysis.inventory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Version order per ecosystem: dpkg's (epoch, then upstream and revision by dpkg's verrevcmp), rpm's (epoch, then
 * rpmvercmp of version and release), apk-tools 2.x's (numbers, letter, suffixes, -rN) and Maven's
 * ({@link MavenVersion}). Versions are written as {@link Component#version()} writes them. Any two strings compare,
 * without an exception, also where the tool would refuse one; VersionOracleTest holds dpkg's, apk's and Maven's
 * order to the tools themselves on thousands of real version pairs.
 */
public final class Versions {
    private Versions() {
    }

    public static int compare(PackageType type, String a, String b) {
        return switch (type) {
            case DEB -> deb(a, b);
            case RPM -> rpm(a, b);
            case APK -> apk(a, b);
            case MAVEN -> MavenVersion.compare(a, b);
        };
    }

    // --- dpkg ---------------------------------------------------------------------------------------------------

    /**
     * dpkg's order (lib/dpkg/version.c: parseversion, then verrevcmp of the upstream version and the revision), on
     * the version's UTF-8 bytes as dpkg reads them. Input dpkg rejects still compares, never throws: an epoch that is
     * not a number leaves the whole string as the upstream version, an epoch of any length compares as a number
     * (dpkg refuses one above INT_MAX), an empty revision ("1.0-") is no revision. An empty version is before every
     * other, as {@code dpkg --compare-versions} has it (even before "~", which verrevcmp puts before the end).
     */
    static int deb(String a, String b) {
        DebVersion x = DebVersion.parse(a);
        DebVersion y = DebVersion.parse(b);
        if (x.isBlank() || y.isBlank()) {
            return Boolean.compare(!x.isBlank(), !y.isBlank());
        }
        int epoch = compareNumbers(x.epoch(), y.epoch());
        if (epoch != 0) {
            return epoch;
        }
        int upstream = verrevcmp(x.upstream(), y.upstream());
        return upstream != 0 ? upstream : verrevcmp(x.revision(), y.revision());
    }

    /** Epoch digits without leading zeros ("" for 0), upstream version and revision as bytes. */
    private record DebVersion(String epoch, byte[] upstream, byte[] revision) {
        static DebVersion parse(String version) {
            String v = stripAsciiSpace(version); // dpkg skips leading and trailing blanks
            String epoch = "";
            int colon = v.indexOf(':');
            int sign = v.startsWith("+") ? 1 : 0; // dpkg reads the epoch with strtol, which takes a '+'
            if (colon > sign && isAsciiDigits(v, sign, colon)) {
                epoch = v.substring(sign, colon);
                v = v.substring(colon + 1);
            }
            int dash = v.lastIndexOf('-');
            String upstream = dash >= 0 ? v.substring(0, dash) : v;
            String revision = dash >= 0 ? v.substring(dash + 1) : "";
            return new DebVersion(stripLeadingZeros(epoch), upstream.getBytes(StandardCharsets.UTF_8),
                    revision.getBytes(StandardCharsets.UTF_8));
        }

        /** No epoch, version or revision: dpkg's "no version" (dpkg_version_is_informative is false). */
        boolean isBlank() {
            return epoch.isEmpty() && upstream.length == 0 && revision.length == 0;
        }
    }

    /**
     * dpkg's character order: '~' before everything, even the end; then the end and digits; then letters; then
     * every other byte. dpkg's char is signed, so a non-ASCII byte (-128..-1) lands between the letters and the
     * ASCII punctuation.
     */
    private static int order(int c) {
        if (isAsciiDigit(c)) {
            return 0;
        }
        if (isAsciiLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c == 0 ? 0 : c + 256;
    }

    private static int verrevcmp(byte[] a, byte[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            int firstDiff = 0;
            while (i < a.length && !isAsciiDigit(a[i]) || j < b.length && !isAsciiDigit(b[j])) {
                int ac = i < a.length ? order(a[i]) : 0;
                int bc = j < b.length ? order(b[j]) : 0;
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < a.length && a[i] == '0') {
                i++;
            }
            while (j < b.length && b[j] == '0') {
                j++;
            }
            while (i < a.length && isAsciiDigit(a[i]) && j < b.length && isAsciiDigit(b[j])) {
                if (firstDiff == 0) {
                    firstDiff = a[i] - b[j];
                }
                i++;
                j++;
            }
            if (i < a.length && isAsciiDigit(a[i])) {
                return 1;
            }
            if (j < b.length && isAsciiDigit(b[j])) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    // --- rpm ----------------------------------------------------------------------------------------------------

    static int rpm(String a, String b) {
        String[] x = rpmEvr(a);
        String[] y = rpmEvr(b);
        int epoch = compareNumbers(stripLeadingZeros(x[0]), stripLeadingZeros(y[0]));
        if (epoch != 0) {
            return epoch;
        }
        int version = rpmvercmp(x[1], y[1]);
        if (version != 0 || x[2] == null || y[2] == null) {
            return version; // a range bound without release matches every release
        }
        return rpmvercmp(x[2], y[2]);
    }

    /** {epoch ("0" when none), version, release or null}. */
    private static String[] rpmEvr(String evr) {
        String epoch = "0";
        String rest = evr;
        int colon = rest.indexOf(':');
        if (colon > 0 && isAsciiDigits(rest, 0, colon)) {
            epoch = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash > 0 ? new String[] {epoch, rest.substring(0, dash), rest.substring(dash + 1)}
                : new String[] {epoch, rest, null};
    }

    /**
     * rpm's rpmvercmp: alphanumeric segments (ASCII, as rpm's risalnum), '~' sorts first, '^' after the end but
     * before more segments.
     */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAsciiLetterOrDigit(a.charAt(i)) && a.charAt(i) != '~'
                    && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAsciiLetterOrDigit(b.charAt(j)) && b.charAt(j) != '~'
                    && b.charAt(j) != '^') {
                j++;
            }
            boolean at = i < a.length() && a.charAt(i) == '~';
            boolean bt = j < b.length() && b.charAt(j) == '~';
            if (at || bt) {
                if (!at) {
                    return 1;
                }
                if (!bt) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean ac = i < a.length() && a.charAt(i) == '^';
            boolean bc = j < b.length() && b.charAt(j) == '^';
            if (ac || bc) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!ac) {
                    return 1;
                }
                if (!bc) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = isAsciiDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? isAsciiDigit(a.charAt(i)) : isAsciiLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? isAsciiDigit(b.charAt(j)) : isAsciiLetter(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                return numeric ? 1 : -1; // numeric segments beat alphabetic ones
            }
            int r;
            if (numeric) {
                x = stripLeadingZeros(x);
                y = stripLeadingZeros(y);
                r = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            } else {
                r = x.compareTo(y);
            }
            if (r != 0) {
                return Integer.signum(r);
            }
        }
        boolean aLeft = i < a.length();
        boolean bLeft = j < b.length();
        return aLeft == bLeft ? 0 : aLeft ? 1 : -1;
    }

    // --- apk ----------------------------------------------------------------------------------------------------

    // apk-tools 2.x token types (src/version.c); the order matters: when one version runs out of tokens first, the
    // one whose next token type is lower is the greater (1.0-r1 > 1.0, 1.0.1 > 1.0a), and INVALID is the lowest.
    private static final int APK_INVALID = -1;
    private static final int APK_DIGIT_OR_ZERO = 0;
    private static final int APK_DIGIT = 1;
    private static final int APK_LETTER = 2;
    private static final int APK_SUFFIX = 3;
    private static final int APK_SUFFIX_NO = 4;
    private static final int APK_REVISION_NO = 5;
    private static final int APK_END = 6;
    private static final List<String> APK_PRE_SUFFIXES = List.of("alpha", "beta", "pre", "rc");
    private static final List<String> APK_POST_SUFFIXES = List.of("cvs", "svn", "git", "hg", "p");

    /**
     * apk-tools 2.x's order (apk version -t; Alpine's apk-tools 2.14), token by token: numbers, one letter, _suffixes
     * with numbers (alpha &lt; beta &lt; pre &lt; rc &lt; none &lt; cvs &lt; svn &lt; git &lt; hg &lt; p), -rN. Its quirks are
     * kept, because they are what apk and Alpine's secdb mean: a component after a '.' that starts with '0' compares
     * as text would (1.05 &lt; 1.1, 1.00 &lt; 1.0); 1.0 &lt; 1.0-r0; "" = "0". A version apk calls invalid (1.18.-r2,
     * 1.0~hash, 57-1-r2, 1.9.5p2) is compared as apk compares it, never refused: token by token up to where it turns
     * invalid (an invalid token reads as -1), and where one version turns invalid while the other goes on or ends,
     * the invalid one is the greater. apk-tools 3 differs on exactly these: it sorts invalid tails first and compares
     * leading-zero components as strings ("0" &lt; "00").
     */
    static int apk(String a, String b) {
        ApkTokens x = new ApkTokens(a);
        ApkTokens y = new ApkTokens(b);
        long xv = 0;
        long yv = 0;
        while (x.type == y.type && x.type != APK_END && x.type != APK_INVALID && xv == yv) {
            xv = x.next();
            yv = y.next();
        }
        if (xv != yv) {
            return xv < yv ? -1 : 1;
        }
        if (x.type == y.type) {
            return 0; // both ended, or both turned invalid at the same place
        }
        // one went on where the other did not: a pre-release suffix (or an invalid one) there makes it the lesser,
        // else the one going on with the lower token type is the greater
        int xt = x.type;
        int yt = y.type;
        if (xt == APK_SUFFIX && x.next() < 0) {
            return -1;
        }
        if (yt == APK_SUFFIX && y.next() < 0) {
            return 1;
        }
        return xt > yt ? -1 : 1;
    }

    /** apk-tools 2.x's tokenizer over a version's bytes: {@link #type} is the type of the token {@link #next} reads. */
    private static final class ApkTokens {
        private final byte[] s;
        private int pos;
        int type = APK_DIGIT;

        ApkTokens(String version) {
            s = version.getBytes(StandardCharsets.UTF_8);
        }

        /** The value of the current token; moves on and sets the type of the next one. */
        long next() {
            if (pos >= s.length) {
                type = APK_END;
                return 0;
            }
            int length = 0;
            long value = 0;
            int nextType = APK_INVALID;
            switch (type) {
                case APK_DIGIT_OR_ZERO, APK_DIGIT, APK_SUFFIX_NO, APK_REVISION_NO -> {
                    if (type == APK_DIGIT_OR_ZERO && s[pos] == '0') {
                        // after a '.', leading zeros: -(zeros - 1), then the rest (one zero kept) as a number,
                        // so that 1.05 < 1.1 and 1.001 < 1.01 < 1.1
                        while (pos + length + 1 < s.length && s[pos + length + 1] == '0') {
                            length++;
                        }
                        value = -length;
                        nextType = APK_DIGIT;
                    } else {
                        while (pos + length < s.length && isAsciiDigit(s[pos + length])) {
                            value = value * 10 + (s[pos + length] - '0');
                            length++;
                        }
                        if (length >= 18) {
                            return invalid(); // apk's int64 limit
                        }
                    }
                }
                case APK_LETTER -> {
                    value = s[pos];
                    length = 1;
                }
                case APK_SUFFIX -> {
                    int pre = startsWithOneOf(APK_PRE_SUFFIXES);
                    int post = pre >= 0 ? -1 : startsWithOneOf(APK_POST_SUFFIXES);
                    if (pre >= 0) {
                        value = pre - APK_PRE_SUFFIXES.size(); // alpha -4 ... rc -1: before the end
                        length = APK_PRE_SUFFIXES.get(pre).length();
                    } else if (post >= 0) {
                        value = post;
                        length = APK_POST_SUFFIXES.get(post).length();
                    } else {
                        return invalid();
                    }
                }
                default -> {
                    return invalid();
                }
            }
            pos += length;
            if (pos >= s.length) {
                type = APK_END;
            } else if (nextType != APK_INVALID) {
                type = nextType;
            } else {
                nextType();
            }
            return value;
        }

        private long invalid() {
            type = APK_INVALID;
            return -1;
        }

        /** Index of the first of these words the rest starts with (a prefix match, as apk's strncmp), else -1. */
        private int startsWithOneOf(List<String> words) {
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (pos + w.length() <= s.length
                        && new String(s, pos, w.length(), StandardCharsets.ISO_8859_1).equals(w)) {
                    return i;
                }
            }
            return -1;
        }

        /** The type of the token at pos, from the character there and the type before; consumes separators. */
        private void nextType() {
            int n;
            int c = s[pos];
            if (c == 0) {
                n = APK_END;
            } else if ((type == APK_DIGIT || type == APK_DIGIT_OR_ZERO) && c >= 'a' && c <= 'z') {
                n = APK_LETTER;
            } else if (type == APK_LETTER && isAsciiDigit(c)) {
                n = APK_DIGIT;
            } else if (type == APK_SUFFIX && isAsciiDigit(c)) {
                n = APK_SUFFIX_NO;
            } else {
                if (c == '.') {
                    n = APK_DIGIT_OR_ZERO;
                } else if (c == '_') {
                    n = APK_SUFFIX;
                } else if (c == '-' && pos + 1 < s.length && s[pos + 1] == 'r') {
                    n = APK_REVISION_NO;
                    pos++;
                } else {
                    n = APK_INVALID;
                }
                pos++;
            }
            // types only go forward, except .N after N, _suffix after its number and N after a letter
            if (n < type && !(n == APK_DIGIT_OR_ZERO && type == APK_DIGIT || n == APK_SUFFIX && type == APK_SUFFIX_NO
                    || n == APK_DIGIT && type == APK_LETTER)) {
                n = APK_INVALID;
            }
            type = n;
        }
    }

    // --- shared -------------------------------------------------------------------------------------------------

    /** Two non-negative numbers written in ASCII digits without leading zeros, of any length. */
    private static int compareNumbers(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : Integer.signum(a.compareTo(b));
    }

    private static boolean isAsciiDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return isAsciiDigit(c) || isAsciiLetter(c);
    }

    /** Without the blanks (C's isspace) at either end. */
    private static String stripAsciiSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isCSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isCSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** "007" → "7", "000" → "": without a regular expression, which this hot path would compile on every call. */
    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
