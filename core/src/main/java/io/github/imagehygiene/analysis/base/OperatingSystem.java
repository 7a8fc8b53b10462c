package io.github.imagehygiene.analysis.base;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * The operating system of the final filesystem, from {@code /etc/os-release} (else {@code /usr/lib/os-release}),
 * {@code /etc/alpine-release}, {@code /etc/system-release} / {@code /etc/redhat-release} and
 * {@code /etc/debian_version}. Distroless images are Debian with {@code PRETTY_NAME="Distroless"}.
 *
 * @param id         os-release ID, lower case ({@code debian}, {@code alpine}, {@code amzn}, {@code rhel}...)
 * @param versionId  VERSION_ID ({@code 12}, {@code 3.20.3}, {@code 2023}), or null
 * @param prettyName PRETTY_NAME, or a name made from the release file
 * @param distroless whether it is a distroless image
 * @param layer      the 1-based layer the deciding file comes from
 * @param evidence   every file read, deciding one first
 * @param conflicts  files that disagree with the deciding one, as sentences
 */
public record OperatingSystem(String id, String versionId, String prettyName, boolean distroless, int layer,
        List<Evidence> evidence, List<String> conflicts) {
    private static final Pattern SYSTEM_RELEASE = Pattern.compile("(.+?) release ([0-9][^\\s]*).*");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]++(?:\\.[0-9]++)*+.*");

    /** "Debian GNU/Linux 12 (bookworm)" or, without a pretty name, "debian 12". */
    public String describe() {
        if (prettyName != null && !prettyName.isBlank() && !prettyName.equals("Distroless")) {
            return prettyName;
        }
        return (distroless ? "distroless " : "") + id + (versionId == null ? "" : " " + versionId);
    }

    /** Reads what the filesystem says; null when no file tells the operating system. */
    public static OperatingSystem of(LayeredFilesystem fs) {
        Optional<BaseFiles.Read> osRelease = BaseFiles.read(fs, "/etc/os-release");
        if (osRelease.isEmpty()) {
            osRelease = BaseFiles.read(fs, "/usr/lib/os-release");
        }
        Optional<BaseFiles.Read> alpine = BaseFiles.read(fs, "/etc/alpine-release");
        Optional<BaseFiles.Read> system = BaseFiles.read(fs, "/etc/system-release");
        if (system.isEmpty()) {
            system = BaseFiles.read(fs, "/etc/redhat-release");
        }
        Optional<BaseFiles.Read> debian = BaseFiles.read(fs, "/etc/debian_version");

        List<Evidence> evidence = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        String id = null;
        String versionId = null;
        String pretty = null;
        boolean distroless = false;
        int layer = 0;
        if (osRelease.isPresent()) {
            Map<String, String> kv = keyValues(osRelease.get().text());
            id = lower(kv.get("ID"));
            versionId = kv.get("VERSION_ID");
            pretty = kv.get("PRETTY_NAME");
            distroless = "Distroless".equals(pretty) || kv.getOrDefault("HOME_URL", "").contains("distroless");
            layer = osRelease.get().layer();
            evidence.add(new Evidence(osRelease.get().source(), "ID=" + id + ", VERSION_ID=" + versionId
                    + ", PRETTY_NAME=" + pretty));
        }
        if (alpine.isPresent()) {
            String v = firstLine(alpine.get().text());
            evidence.add(new Evidence(alpine.get().source(), v));
            if (id == null) {
                id = "alpine";
                versionId = v;
                pretty = "Alpine Linux " + v;
                layer = alpine.get().layer();
            } else if (!id.equals("alpine") || !v.equals(versionId)) {
                conflicts.add(alpine.get().source() + " says alpine " + v + ", " + evidence.get(0).source()
                        + " says " + id + " " + versionId);
            }
        }
        if (system.isPresent()) {
            String line = firstLine(system.get().text());
            evidence.add(new Evidence(system.get().source(), line));
            Matcher m = SYSTEM_RELEASE.matcher(line);
            if (m.matches()) {
                String sysId = systemId(m.group(1));
                String sysVersion = sysId.equals("amzn") ? m.group(2).split("\\.")[0] : m.group(2);
                if (id == null) {
                    id = sysId;
                    versionId = sysVersion;
                    pretty = line;
                    layer = system.get().layer();
                } else if (!sysId.equals(id) || versionId == null || !startsWithVersion(sysVersion, versionId)
                        && !startsWithVersion(versionId, sysVersion)) {
                    conflicts.add(system.get().source() + " says " + line + ", " + evidence.get(0).source()
                            + " says " + id + " " + versionId);
                }
            }
        }
        if (debian.isPresent()) {
            String v = firstLine(debian.get().text());
            evidence.add(new Evidence(debian.get().source(), v));
            if (NUMERIC.matcher(v).matches()) {
                String major = v.split("\\.")[0];
                if (id == null) {
                    id = "debian";
                    versionId = major;
                    pretty = "Debian " + v;
                    layer = debian.get().layer();
                } else if (id.equals("debian") && !major.equals(versionId)) {
                    conflicts.add(debian.get().source() + " says " + v + ", " + evidence.get(0).source()
                            + " says debian " + versionId);
                }
            }
        }
        if (id == null) {
            return null;
        }
        if (!distroless && id.equals("debian") && fs.get("/var/lib/dpkg/status.d").isPresent()
                && fs.get("/var/lib/dpkg/status").isEmpty() && BaseFiles.resolve(fs, "/bin/sh").isEmpty()) {
            distroless = true;
            evidence.add(new Evidence("/var/lib/dpkg/status.d", "distroless package layout: status.d, no"
                    + " /var/lib/dpkg/status, no /bin/sh"));
        }
        return new OperatingSystem(id, versionId, pretty, distroless, layer, List.copyOf(evidence),
                List.copyOf(conflicts));
    }

    /** The name in a system-release line as an os-release ID. */
    static String systemId(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("amazon linux")) {
            return "amzn";
        }
        if (n.startsWith("red hat enterprise linux")) {
            return "rhel";
        }
        if (n.startsWith("rocky linux")) {
            return "rocky";
        }
        if (n.startsWith("almalinux")) {
            return "almalinux";
        }
        if (n.startsWith("centos")) {
            return "centos";
        }
        if (n.startsWith("fedora")) {
            return "fedora";
        }
        if (n.startsWith("oracle linux")) {
            return "ol";
        }
        return n.replaceAll("[^a-z0-9]+", "-");
    }

    /** os-release syntax: KEY=VALUE lines, values optionally quoted with backslash escapes. */
    public static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String s = line.strip();
            int eq = s.indexOf('=');
            if (s.isEmpty() || s.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = s.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            out.put(s.substring(0, eq).strip(), value);
        }
        return out;
    }

    /** Whether {@code version} is {@code prefix} or continues it after a dot: 3.20.3 starts with 3.20, not 3.2. */
    public static boolean startsWithVersion(String version, String prefix) {
        return version != null && prefix != null
                && (version.equals(prefix) || version.startsWith(prefix + "."));
    }

    private static String firstLine(String text) {
        String[] lines = text.strip().split("\\R", 2);
        return lines.length == 0 ? "" : lines[0].strip();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
