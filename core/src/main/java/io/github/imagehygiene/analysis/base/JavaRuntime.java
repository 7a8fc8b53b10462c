package io.github.imagehygiene.analysis.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * The Java runtime in the final filesystem, from a JDK's {@code release} file: {@code $JAVA_HOME/release} (JAVA_HOME
 * from the image's environment), else the home of the {@code java} found on the image's PATH (links followed, as
 * Debian's {@code /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/…/bin/java}), else
 * {@code /usr/lib/jvm/*}{@code /release}, else any other {@code release} file with a JAVA_VERSION.
 *
 * @param vendor  IMPLEMENTOR ("Eclipse Adoptium", "Amazon.com Inc.", "Debian"), or null when the file has none
 * @param version JAVA_VERSION ("17.0.10", "1.8.0_402")
 * @param jdk     whether {@code bin/javac} is there: a full JDK, not a runtime only
 * @param home    the runtime's directory
 * @param layer   the 1-based layer its release file comes from
 * @param evidence the release file and javac, as read
 */
public record JavaRuntime(String vendor, String version, boolean jdk, String home, int layer,
        List<Evidence> evidence) {

    /** "Debian 17.0.15 (runtime only)", "Eclipse Adoptium 21.0.2 (JDK)". */
    public String describe() {
        return (vendor == null ? "unknown vendor" : vendor) + " " + version + (jdk ? " (JDK)" : " (runtime only)");
    }

    /** The feature release: 17 for "17.0.10", 8 for "1.8.0_402". */
    public int feature() {
        return feature(version);
    }

    /** The feature release of a Java version string; -1 when it does not start with a number. */
    public static int feature(String version) {
        String[] parts = version.split("[^0-9]+");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** Compares Java versions numerically, 1.8 as 8: {@code compare("17.0.9", "17.0.10") < 0}. */
    public static int compare(String a, String b) {
        List<Integer> x = numbers(a);
        List<Integer> y = numbers(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int p = i < x.size() ? x.get(i) : 0;
            int q = i < y.size() ? y.get(i) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static List<Integer> numbers(String v) {
        List<Integer> out = new ArrayList<>();
        for (String p : v.split("[^0-9]+")) {
            if (!p.isEmpty()) {
                try {
                    out.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    out.add(Integer.MAX_VALUE);
                }
            }
        }
        if (out.size() > 1 && out.get(0) == 1) {
            out.remove(0); // 1.8.0_402 -> 8.0.402
        }
        return out;
    }

    /** Reads the runtime; null when no release file with a JAVA_VERSION is found. */
    public static JavaRuntime of(LayeredFilesystem fs, List<String> env) {
        List<String> candidates = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String javaHome = envValue(env, "JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(javaHome);
            reasons.add("JAVA_HOME=" + javaHome);
        }
        String path = envValue(env, "PATH");
        for (String dir : (path == null ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : path)
                .split(":")) {
            if (dir.isBlank()) {
                continue;
            }
            Optional<LayeredFilesystem.Node> java = BaseFiles.resolve(fs, dir + "/java");
            if (java.isPresent() && java.get().entry().type() == EntryType.FILE) {
                String real = java.get().entry().path();
                if (real.endsWith("/bin/java")) {
                    candidates.add(real.substring(0, real.length() - "/bin/java".length()));
                    reasons.add("java on PATH: " + dir + "/java" + (real.equals(dir + "/java") ? "" : " -> " + real));
                }
                break;
            }
        }
        TreeSet<String> jvm = new TreeSet<>();
        for (LayeredFilesystem.Node n : fs.below("/usr/lib/jvm")) {
            String p = n.entry().path();
            if (p.endsWith("/release") && p.chars().filter(c -> c == '/').count() == 5) {
                jvm.add(p.substring(0, p.length() - "/release".length()));
            }
        }
        for (String home : jvm) {
            candidates.add(home);
            reasons.add("/usr/lib/jvm");
        }
        TreeSet<String> other = new TreeSet<>();
        for (LayeredFilesystem.Node n : fs.nodes()) {
            String p = n.entry().path();
            if (p.endsWith("/release") && n.entry().type() == EntryType.FILE && !BaseFiles.OS_FILES.contains(p)) {
                other.add(p.substring(0, p.length() - "/release".length()));
            }
        }
        for (String home : other) {
            candidates.add(home);
            reasons.add("a release file");
        }
        for (int i = 0; i < candidates.size(); i++) {
            String home = candidates.get(i);
            Optional<BaseFiles.Read> release = BaseFiles.read(fs, home + "/release");
            if (release.isEmpty()) {
                continue;
            }
            Map<String, String> kv = OperatingSystem.keyValues(release.get().text());
            String version = kv.get("JAVA_VERSION");
            if (version == null || version.isBlank()) {
                continue;
            }
            String vendor = kv.get("IMPLEMENTOR");
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(release.get().source(), (vendor == null ? "" : "IMPLEMENTOR=" + vendor + ", ")
                    + "JAVA_VERSION=" + version + " (found by " + reasons.get(i) + ")"));
            Optional<LayeredFilesystem.Node> javac = BaseFiles.resolve(fs, home + "/bin/javac");
            boolean jdk = javac.isPresent() && javac.get().entry().type() == EntryType.FILE;
            evidence.add(new Evidence(home + "/bin/javac", jdk ? "present: a JDK" : "absent: a runtime only"));
            return new JavaRuntime(vendor, version, jdk, home, release.get().layer(), List.copyOf(evidence));
        }
        return null;
    }

    private static String envValue(List<String> env, String name) {
        String value = null;
        for (String e : env) {
            if (e.startsWith(name + "=")) {
                value = e.substring(name.length() + 1);
            }
        }
        return value;
    }
}
