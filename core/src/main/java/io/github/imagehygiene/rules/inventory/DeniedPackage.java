package io.github.imagehygiene.rules.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.PackageType;
import io.github.imagehygiene.analysis.inventory.VersionRange;
import io.github.imagehygiene.common.ConfigurationException;

/**
 * One entry of {@code deniedPackages}: what to match and why it is denied.
 * <p>
 * {@code match} is a Package URL pattern {@code pkg:TYPE/NAMESPACE/NAME@VERSION} or {@code pkg:TYPE/NAME@VERSION}
 * (any namespace), or a bare {@code NAME@VERSION} / {@code GROUP:ARTIFACT@VERSION} for any ecosystem; TYPE, NAMESPACE
 * and NAME take globs ({@code *}, {@code ?}); {@code @VERSION} is optional: a Maven-syntax range ({@code [2.0,2.17.1)},
 * {@code (,1.0],[1.2,)}) compared in the package's own version order (Maven, dpkg, rpm, apk), or a version glob.
 * A Java archive whose groupId nothing names matches any NAMESPACE (better a finding to check than a miss).
 *
 * @param match  the pattern as written
 * @param reason why it is denied (a CVE, a licence, a policy); may be empty
 */
public record DeniedPackage(String match, String reason, String type, String namespace, String name,
        String version, VersionRange range) {

    /** @throws ConfigurationException naming the entry and what is wrong with it */
    public static DeniedPackage of(String match, String reason) {
        if (match == null || match.isBlank()) {
            throw new ConfigurationException("Invalid deniedPackages entry: <match> is empty; write e.g."
                    + " pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)");
        }
        String m = match.strip();
        String r = reason == null ? "" : reason.strip();
        String type = "*";
        String namespace = null;
        String rest = m;
        if (m.regionMatches(true, 0, "pkg:", 0, 4)) {
            rest = m.substring(4);
            if (rest.contains("?") || rest.contains("#")) {
                throw invalid(m, "qualifiers and subpaths are not matched; leave out '?...' and '#...'");
            }
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw invalid(m, "a Package URL pattern is pkg:TYPE/[NAMESPACE/]NAME[@VERSION]");
            }
            type = rest.substring(0, slash).toLowerCase(Locale.ROOT);
            rest = rest.substring(slash + 1);
        }
        String version = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            version = rest.substring(at + 1).strip();
            rest = rest.substring(0, at);
            if (version.isEmpty()) {
                throw invalid(m, "nothing after '@'");
            }
        }
        if (m.regionMatches(true, 0, "pkg:", 0, 4)) {
            int slash = rest.lastIndexOf('/');
            if (slash >= 0) {
                namespace = rest.substring(0, slash);
                rest = rest.substring(slash + 1);
            }
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                type = "maven";
                namespace = rest.substring(0, colon);
                rest = rest.substring(colon + 1);
            }
        }
        if (rest.isBlank()) {
            throw invalid(m, "no package name");
        }
        VersionRange range = null;
        if (version != null && VersionRange.isRange(version)) {
            try {
                range = VersionRange.parse(version);
            } catch (IllegalArgumentException e) {
                throw invalid(m, "bad version range " + e.getMessage());
            }
            List<PackageType> orders = new ArrayList<>();
            for (PackageType t : PackageType.values()) {
                if (type == null || glob(type, t.purlType(), true)) {
                    orders.add(t);
                }
            }
            String empty = range.emptiness(orders);
            if (empty != null) {
                throw invalid(m, "the version range " + version + " matches no version: " + empty);
            }
        }
        return new DeniedPackage(m, r, type, namespace, rest.strip(), version, range);
    }

    private static ConfigurationException invalid(String match, String why) {
        return new ConfigurationException("Invalid deniedPackages entry '" + match + "': " + why);
    }

    /** Whether a component is denied by this entry. */
    public boolean matches(Component c) {
        if (!glob(type, c.type().purlType(), true) || !glob(name, c.name(), false)) {
            return false;
        }
        if (namespace != null) {
            String ns = namespace(c);
            if (ns != null && !glob(namespace, ns, false)) {
                return false;
            }
        }
        if (version == null) {
            return true;
        }
        if (c.version() == null) {
            return false; // an unknown version is not in a range
        }
        if (range != null) {
            try {
                return range.contains(c.type(), c.version());
            } catch (RuntimeException e) {
                return false; // a version the ecosystem's order cannot read
            }
        }
        return glob(version, c.version(), false);
    }

    /** The component's purl namespace (Maven: the groupId, null when unknown; OS: the distribution). */
    private static String namespace(Component c) {
        if (c.type() == PackageType.MAVEN) {
            return c.group();
        }
        if (c.purl() == null) {
            return null;
        }
        String s = c.purl().substring(c.purl().indexOf('/') + 1);
        int slash = s.indexOf('/');
        int at = s.indexOf('@');
        return slash > 0 && (at < 0 || slash < at) ? s.substring(0, slash) : null;
    }

    static boolean glob(String pattern, String value, boolean ignoreCase) {
        if (pattern.equals("*")) {
            return true;
        }
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }

    @Override
    public String toString() {
        return match;
    }
}
