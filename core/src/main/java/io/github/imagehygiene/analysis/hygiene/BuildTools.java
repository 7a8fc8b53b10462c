package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * Build tools in the runtime image, which a multi-stage build would leave behind: a JDK where a JRE would do
 * ({@code bin/javac}, {@code jmods}), C compilers (gcc's {@code cc1}, clang), {@code make}, {@code git}, Maven and
 * Gradle distributions. Each with its location, bytes and layers, from the final filesystem.
 */
public final class BuildTools {
    /** What kind of tool. */
    public enum Kind {
        JDK("a JDK"),
        C_COMPILER("a C/C++ compiler"),
        MAKE("make"),
        GIT("git"),
        MAVEN("a Maven distribution"),
        GRADLE("a Gradle distribution");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One tool found.
     *
     * @param kind         what it is
     * @param location     its home directory (or the binary, for make)
     * @param bytes        visible regular files' bytes that belong to it
     * @param files        how many files
     * @param evidence     what gave it away, e.g. "bin/javac", "jmods (1 file, 21.5 MB)", "cc1"
     * @param bytesByLayer bytes by the 1-based layer that added them
     */
    public record Tool(Kind kind, String location, long bytes, int files, List<String> evidence,
            SortedMap<Integer, Long> bytesByLayer) {
    }

    private static final Pattern JAVAC = Pattern.compile("^(.+)/bin/javac$");
    private static final Pattern JMOD = Pattern.compile("^(.+)/jmods/[^/]+\\.jmod$");
    private static final Pattern CC1 = Pattern.compile(
            "^(/usr/(?:local/)?(?:lib|libexec)/gcc/[^/]+/[^/]+)/(cc1|cc1plus|cc1obj|f951|lto1)$");
    private static final Pattern GCC_DRIVER = Pattern.compile(
            "^/usr/(?:local/)?bin/((?:[a-z0-9_]+-[a-z0-9_]+-[a-z0-9_-]+-)?(?:gcc|g\\+\\+|c\\+\\+|cpp|cc)(?:-[0-9.]+)?)$");
    private static final Pattern CLANG = Pattern.compile("^(/usr/lib/llvm-[0-9.]+)/bin/(clang(?:-[0-9.]+)?)$");
    private static final Pattern MAKE = Pattern.compile("^/usr/(?:local/)?bin/g?make$");
    private static final Pattern GIT = Pattern.compile("^/usr/(?:local/)?bin/git$");
    private static final Pattern GIT_PARTS = Pattern.compile(
            "^/usr/(?:local/)?(?:lib/git-core|libexec/git-core|share/git-core)/.+|^/usr/(?:local/)?bin/git(?:-[a-z-]+)?$");
    private static final Pattern MVN = Pattern.compile("^(.+)/bin/mvn$");
    private static final Pattern GRADLE = Pattern.compile("^(.+)/bin/gradle$");

    private final LayeredFilesystem fs;
    private final List<Candidate> candidates;

    /** Which files belong to a tool: the location itself, everything below it, or the paths a pattern matches. */
    private enum Scope {
        FILE, BELOW, MATCHING
    }

    /** A tool's home and what points at it; bytes are summed per request (ignored paths excluded). */
    private record Candidate(Kind kind, String location, List<String> evidence, Scope scope, Pattern members) {
    }

    private BuildTools(LayeredFilesystem fs, List<Candidate> candidates) {
        this.fs = fs;
        this.candidates = candidates;
    }

    /** Computed once per analysis. */
    public static BuildTools of(ImageAnalysis analysis) {
        return analysis.derived(BuildTools.class, a -> new BuildTools(a.filesystem(), find(a.filesystem())));
    }

    /** The tools found, largest first. */
    public List<Tool> tools() {
        return tools(PathGlobs.NONE);
    }

    /** The tools whose location is not ignored, counting only files that are not ignored; largest first. */
    public List<Tool> tools(PathGlobs ignore) {
        PathGlobs globs = ignore == null ? PathGlobs.NONE : ignore;
        List<Tool> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (globs.ignores(c.location())) {
                continue;
            }
            long bytes = 0;
            int files = 0;
            SortedMap<Integer, Long> byLayer = new TreeMap<>();
            for (LayeredFilesystem.Node n : members(c)) {
                if (n.entry().type() != EntryType.FILE || globs.ignores(n.entry().path())) {
                    continue;
                }
                bytes += n.entry().size();
                files++;
                if (n.entry().size() > 0) {
                    byLayer.merge(n.layer(), n.entry().size(), Long::sum);
                }
            }
            out.add(new Tool(c.kind(), c.location(), bytes, files, c.evidence(),
                    Collections.unmodifiableSortedMap(byLayer)));
        }
        out.sort(Comparator.comparingLong(Tool::bytes).reversed().thenComparing(Tool::location));
        return List.copyOf(out);
    }

    private Iterable<LayeredFilesystem.Node> members(Candidate c) {
        if (c.scope() == Scope.FILE) {
            return fs.get(c.location()).map(List::of).orElse(List.of());
        }
        if (c.scope() == Scope.BELOW) {
            return fs.below(c.location());
        }
        List<LayeredFilesystem.Node> out = new ArrayList<>();
        for (LayeredFilesystem.Node n : fs.nodes()) {
            if (c.members().matcher(n.entry().path()).matches()) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A cheap test every path the patterns below match passes (by its file name, or a jmod): most paths fail it and
     * never reach the patterns.
     */
    private static boolean mayBeTool(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("javac") || name.endsWith(".jmod") || name.equals("cc1") || name.equals("cc1plus")
                || name.equals("cc1obj") || name.equals("f951") || name.equals("lto1") || name.contains("cc")
                || name.contains("++") || name.contains("cpp") || name.startsWith("clang") || name.endsWith("make")
                || name.equals("git") || name.equals("mvn") || name.equals("gradle");
    }

    private static List<Candidate> find(LayeredFilesystem fs) {
        Map<String, TreeSet<String>> jdks = new LinkedHashMap<>();
        Map<String, int[]> jmods = new TreeMap<>();
        Map<String, long[]> jmodBytes = new TreeMap<>();
        TreeSet<String> gccDirs = new TreeSet<>();
        TreeSet<String> compilerEvidence = new TreeSet<>();
        TreeSet<String> clangHomes = new TreeSet<>();
        List<String> makes = new ArrayList<>();
        List<String> gits = new ArrayList<>();
        TreeSet<String> mavenHomes = new TreeSet<>();
        TreeSet<String> gradleHomes = new TreeSet<>();
        for (LayeredFilesystem.Node n : fs.nodes()) {
            if (n.entry().type() != EntryType.FILE) {
                continue;
            }
            String p = n.entry().path();
            if (!mayBeTool(p)) {
                continue;
            }
            Matcher m;
            if ((m = JAVAC.matcher(p)).matches()) {
                jdks.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add("bin/javac");
            } else if ((m = JMOD.matcher(p)).matches()) {
                jdks.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                jmods.computeIfAbsent(m.group(1), k -> new int[1])[0]++;
                jmodBytes.computeIfAbsent(m.group(1), k -> new long[1])[0] += n.entry().size();
            } else if ((m = CC1.matcher(p)).matches()) {
                gccDirs.add(m.group(1));
                compilerEvidence.add(m.group(2));
            } else if ((m = GCC_DRIVER.matcher(p)).matches()) {
                compilerEvidence.add(m.group(1));
            } else if ((m = CLANG.matcher(p)).matches()) {
                clangHomes.add(m.group(1));
                compilerEvidence.add(m.group(2));
            } else if (MAKE.matcher(p).matches()) {
                makes.add(p);
            } else if (GIT.matcher(p).matches()) {
                gits.add(p);
            } else if ((m = MVN.matcher(p)).matches() && hasFile(fs, m.group(1) + "/lib", "maven-core-")) {
                mavenHomes.add(m.group(1));
            } else if ((m = GRADLE.matcher(p)).matches() && hasFile(fs, m.group(1) + "/lib", "gradle-")) {
                gradleHomes.add(m.group(1));
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> jdk : jdks.entrySet()) {
            List<String> evidence = new ArrayList<>(jdk.getValue());
            int[] count = jmods.get(jdk.getKey());
            if (count != null) {
                evidence.add("jmods (" + count[0] + (count[0] == 1 ? " file, " : " files, ")
                        + ByteSize.human(jmodBytes.get(jdk.getKey())[0]) + ")");
            }
            out.add(new Candidate(Kind.JDK, jdk.getKey(), List.copyOf(evidence), Scope.BELOW, null));
        }
        if (!compilerEvidence.isEmpty()) {
            String location = !gccDirs.isEmpty() ? gccDirs.first() : !clangHomes.isEmpty() ? clangHomes.first()
                    : "/usr/bin";
            StringBuilder members = new StringBuilder(GCC_DRIVER.pattern());
            for (String dir : gccDirs) {
                members.append("|^").append(Pattern.quote(dir)).append("/.+");
            }
            for (String dir : clangHomes) {
                members.append("|^").append(Pattern.quote(dir)).append("/.+");
            }
            out.add(new Candidate(Kind.C_COMPILER, location, List.copyOf(compilerEvidence), Scope.MATCHING,
                    Pattern.compile(members.toString())));
        }
        for (String make : makes) {
            out.add(new Candidate(Kind.MAKE, make, List.of(make.substring(make.lastIndexOf('/') + 1)), Scope.FILE,
                    null));
        }
        for (String git : gits) {
            out.add(new Candidate(Kind.GIT, git, List.of("git"), Scope.MATCHING, GIT_PARTS));
        }
        for (String home : mavenHomes) {
            out.add(new Candidate(Kind.MAVEN, home, List.of("bin/mvn", "lib/maven-core-*.jar"), Scope.BELOW,
                    null));
        }
        for (String home : gradleHomes) {
            out.add(new Candidate(Kind.GRADLE, home, List.of("bin/gradle", "lib/gradle-*.jar"),
                    Scope.BELOW, null));
        }
        return List.copyOf(out);
    }

    private static boolean hasFile(LayeredFilesystem fs, String dir, String namePrefix) {
        for (LayeredFilesystem.Node n : fs.below(dir)) {
            String p = n.entry().path();
            String name = p.substring(p.lastIndexOf('/') + 1);
            if (n.entry().type() == EntryType.FILE && name.startsWith(namePrefix) && name.endsWith(".jar")) {
                return true;
            }
        }
        return false;
    }
}
