package io.github.imagehygiene.analysis.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /etc/os-release} (or {@code /usr/lib/os-release}): the distribution, for Package URL namespaces and the
 * {@code distro} qualifier ({@code debian-12}, {@code alpine-3.20.3}, {@code amzn-2023}).
 *
 * @param id        ID, e.g. debian, ubuntu, alpine, amzn, sles ("" when unknown)
 * @param versionId VERSION_ID, e.g. 12, 18.04, 3.20.3 ("" when absent, as on Debian testing)
 * @param prettyName PRETTY_NAME
 * @param codename  VERSION_CODENAME ("" when absent)
 */
public record OsRelease(String id, String versionId, String prettyName, String codename) {

    public static final OsRelease UNKNOWN = new OsRelease("", "", "", "");

    public static OsRelease parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq <= 0) {
                continue;
            }
            String v = l.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            values.put(l.substring(0, eq).strip(), v);
        }
        return new OsRelease(values.getOrDefault("ID", ""), values.getOrDefault("VERSION_ID", ""),
                values.getOrDefault("PRETTY_NAME", ""), values.getOrDefault("VERSION_CODENAME", ""));
    }

    /** "debian-12", "alpine-3.20.3"; "" when the ID is unknown; the ID alone without a VERSION_ID. */
    public String distro() {
        if (id.isEmpty()) {
            return "";
        }
        return versionId.isEmpty() ? id : id + "-" + versionId;
    }
}
