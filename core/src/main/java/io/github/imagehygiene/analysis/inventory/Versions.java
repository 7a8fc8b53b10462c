package io.github.imagehygiene.analysis.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version order per ecosystem: dpkg's (epoch, then upstream and revision by dpkg's verrevcmp), rpm's (epoch, then
 * rpmvercmp of version and release), apk's (numbers, letter, suffixes, -rN) and Maven's ({@link MavenVersion}).
 * Versions are written as {@link Component#version()} writes them.
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

    static int deb(String a, String b) {
        String[] x = DpkgStatus.splitVersion(a);
        String[] y = DpkgStatus.splitVersion(b);
        int epoch = Long.compare(x[0] == null ? 0 : Long.parseLong(x[0]), y[0] == null ? 0 : Long.parseLong(y[0]));
        if (epoch != 0) {
            return epoch;
        }
        int upstream = verrevcmp(x[1], y[1]);
        return upstream != 0 ? upstream : verrevcmp(x[2], y[2]);
    }

    /** dpkg's character order: '~' before everything (even the end), letters before other characters. */
    private static int order(int c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c == 0 ? 0 : c + 256;
    }

    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while (i < a.length() && !Character.isDigit(a.charAt(i))
                    || j < b.length() && !Character.isDigit(b.charAt(j))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length()
                    && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
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
        int epoch = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
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
        if (colon > 0 && rest.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        return dash > 0 ? new String[] {epoch, rest.substring(0, dash), rest.substring(dash + 1)}
                : new String[] {epoch, rest, null};
    }

    /** rpm's rpmvercmp: alphanumeric segments, '~' sorts first, '^' after the end but before more segments. */
    static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !Character.isLetterOrDigit(a.charAt(i)) && a.charAt(i) != '~'
                    && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !Character.isLetterOrDigit(b.charAt(j)) && b.charAt(j) != '~'
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
            boolean numeric = Character.isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? Character.isDigit(a.charAt(i)) : Character.isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? Character.isDigit(b.charAt(j)) : Character.isLetter(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                return numeric ? 1 : -1; // numeric segments beat alphabetic ones
            }
            int r;
            if (numeric) {
                x = x.replaceFirst("^0+", "");
                y = y.replaceFirst("^0+", "");
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

    private static final Pattern APK = Pattern.compile(
            "(\\d+(?:\\.\\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*)(?:~[0-9a-f]+)?(?:-r(\\d+))?");
    private static final List<String> APK_SUFFIXES = List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git",
            "hg", "p");

    /** apk-tools order for versions of the usual form 1.2.3[a][_rc1...][-r4]; others compare as text. */
    static int apk(String a, String b) {
        Matcher x = APK.matcher(a);
        Matcher y = APK.matcher(b);
        if (!x.matches() || !y.matches()) {
            return a.compareTo(b);
        }
        String[] xn = x.group(1).split("\\.");
        String[] yn = y.group(1).split("\\.");
        for (int i = 0; i < Math.max(xn.length, yn.length); i++) {
            if (i >= xn.length) {
                return -1;
            }
            if (i >= yn.length) {
                return 1;
            }
            int r = new java.math.BigInteger(xn[i]).compareTo(new java.math.BigInteger(yn[i]));
            if (r != 0) {
                return r;
            }
        }
        int letter = x.group(2).compareTo(y.group(2));
        if (letter != 0) {
            return Integer.signum(letter);
        }
        List<String[]> xs = suffixes(x.group(3));
        List<String[]> ys = suffixes(y.group(3));
        for (int i = 0; i < Math.max(xs.size(), ys.size()); i++) {
            String[] s = i < xs.size() ? xs.get(i) : new String[] {"", "0"};
            String[] t = i < ys.size() ? ys.get(i) : new String[] {"", "0"};
            int r = Integer.compare(APK_SUFFIXES.indexOf(s[0]), APK_SUFFIXES.indexOf(t[0]));
            if (r == 0) {
                r = Long.compare(Long.parseLong(s[1]), Long.parseLong(t[1]));
            }
            if (r != 0) {
                return r;
            }
        }
        return Long.compare(x.group(4) == null ? 0 : Long.parseLong(x.group(4)),
                y.group(4) == null ? 0 : Long.parseLong(y.group(4)));
    }

    private static List<String[]> suffixes(String s) {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("_([a-z]+)(\\d*)").matcher(s);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2).isEmpty() ? "0" : m.group(2)});
        }
        return out;
    }
}
