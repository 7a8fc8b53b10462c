package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.inventory.JarIndex;
import io.github.imagehygiene.analysis.inventory.JavaArchive;
import io.github.imagehygiene.analysis.inventory.JavaArchivesCollector;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * How the Java application is spread over layers. Layers are cached and pulled whole: what changes with every commit
 * (application classes) belongs in a small top layer, what rarely changes (dependencies) below it. This finds
 * <ul>
 * <li>fat jars (Spring Boot's executable jar, a shaded jar) that put everything in one layer, with the sizes of the
 * layers they would split into;
 * <li>an already layered layout: Spring Boot's extracted layers (BOOT-INF/lib, spring-boot-loader, BOOT-INF/classes in
 * separate layers), Jib's (dependencies, resources, classes, named in the history), or a lib/ folder of jars beside
 * the application's own;
 * <li>layers in the wrong order (application below dependencies) and layers mixing dependencies with application
 * classes.
 * </ul>
 * Needs {@link JavaArchivesCollector} to have run for the fat jars.
 */
public final class JavaLayering {
    /** What a file is to the application; ordered from rarely to often changing. */
    public enum Role {
        DEPENDENCIES("dependencies"),
        SPRING_BOOT_LOADER("spring-boot-loader"),
        SNAPSHOT_DEPENDENCIES("snapshot-dependencies"),
        RESOURCES("resources"),
        APPLICATION("application");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Changes with almost every build of the application. */
        public boolean changesOften() {
            return ordinal() >= SNAPSHOT_DEPENDENCIES.ordinal();
        }
    }

    /**
     * A fat jar in one layer.
     *
     * @param path    where it is
     * @param layer   the 1-based layer holding it
     * @param kind    "Spring Boot jar" or "shaded jar"
     * @param index   what the jar index says about it
     * @param layers  the layers it would split into, rarely-changing first
     */
    public record FatJar(String path, int layer, String kind, JarIndex index, List<JarIndex.WouldBeLayer> layers) {
    }

    /**
     * Files of one role.
     *
     * @param role         the role
     * @param bytesByLayer bytes by the 1-based layer holding them
     * @param files        how many files
     */
    public record Placement(Role role, SortedMap<Integer, Long> bytesByLayer, int files) {
        public long bytes() {
            return bytesByLayer.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A recognised layout of an unpacked application.
     *
     * @param name       "Spring Boot layers", "Jib" or "lib folder"
     * @param placements by role, for the roles present
     * @param layered    whether dependencies and application classes sit in separate layers
     */
    public record Layout(String name, Map<Role, Placement> placements, boolean layered) {
    }

    /**
     * A layer that changes often below one that rarely changes.
     *
     * @param often       the often-changing role
     * @param oftenLayer  its lowest layer
     * @param rarely      the rarely-changing role
     * @param rarelyLayer its highest layer above {@code oftenLayer}
     * @param rarelyBytes bytes of the rarely-changing role above {@code oftenLayer}: rebuilt and re-pushed whenever
     *                    the often-changing layer changes
     */
    public record Inversion(Role often, int oftenLayer, Role rarely, int rarelyLayer, long rarelyBytes) {
    }

    /**
     * A layer holding both dependencies and application classes.
     *
     * @param layer            1-based
     * @param dependencyBytes  bytes of (snapshot) dependencies in it
     * @param applicationBytes bytes of application classes and resources in it
     */
    public record Mixed(int layer, long dependencyBytes, long applicationBytes) {
    }

    /**
     * The result.
     *
     * @param fatJars    fat jars found, largest first
     * @param layout     the recognised unpacked layout, or null
     * @param inversions often-changing layers below rarely-changing ones
     * @param mixed      layers mixing dependencies and application
     */
    public record Result(List<FatJar> fatJars, Layout layout, List<Inversion> inversions, List<Mixed> mixed) {
    }

    private static final Pattern BOOT_LIB = Pattern.compile("^.*/(?:BOOT-INF|WEB-INF)/lib(?:-provided)?/([^/]+\\.jar)$");
    private static final Pattern BOOT_CLASSES = Pattern.compile(
            "^.*/(?:BOOT-INF|WEB-INF)/(?:classes/.+|classpath\\.idx|layers\\.idx)$");
    private static final Pattern BOOT_LOADER = Pattern.compile("^.*/org/springframework/boot/loader/.+");
    private static final Pattern LIB_JAR = Pattern.compile("^(.*)/(?:lib|libs)(?:/[a-z]+)?/([^/]+\\.jar)$");
    private static final Pattern JAVA_HOME_MARK = Pattern.compile("^(.*)/lib/modules$");
    private static final Pattern TOOL_HOME_MARK = Pattern.compile("^(.*)/bin/(?:mvn|gradle|ant)$");

    /** What every path {@link #BOOT_LIB} matches passes: the cheap test before the pattern. */
    private static boolean mayBeBootLib(String path) {
        return path.endsWith(".jar") && path.contains("-INF/lib");
    }

    private JavaLayering() {
    }

    /** Computed for the given ignore globs; memoised when nothing is ignored. */
    public static Result of(ImageAnalysis analysis, PathGlobs ignore) {
        if (ignore == null || ignore.isEmpty()) {
            return analysis.derived(Result.class, a -> compute(a, PathGlobs.NONE));
        }
        return compute(analysis, ignore);
    }

    private static Result compute(ImageAnalysis a, PathGlobs ignore) {
        LayeredFilesystem fs = a.filesystem();
        List<String> excluded = new ArrayList<>();
        List<String> jarsInLibFolders = new ArrayList<>();
        for (LayeredFilesystem.Node n : fs.nodes()) {
            if (n.entry().type() != EntryType.FILE) {
                continue;
            }
            // the cheap tests first: the patterns only run on paths that can match them
            String path = n.entry().path();
            Matcher m;
            if ((path.endsWith("/lib/modules") && (m = JAVA_HOME_MARK.matcher(path)).matches())
                    || (path.contains("/bin/") && (m = TOOL_HOME_MARK.matcher(path)).matches())) {
                excluded.add(m.group(1) + "/");
            } else if (path.endsWith(".jar") && LIB_JAR.matcher(path).matches()
                    && !(mayBeBootLib(path) && BOOT_LIB.matcher(path).matches())) {
                jarsInLibFolders.add(path);
            }
        }
        // Jib names its layers in the history comment.
        Map<Integer, Role> jibRoles = new HashMap<>();
        for (LayerSummary l : a.layers()) {
            if (l.createdBy().strip().startsWith("jib-")) {
                Role r = switch (l.comment().strip().toLowerCase(Locale.ROOT)) {
                    case "dependencies" -> Role.DEPENDENCIES;
                    case "snapshot dependencies" -> Role.SNAPSHOT_DEPENDENCIES;
                    case "resources" -> Role.RESOURCES;
                    case "classes" -> Role.APPLICATION;
                    default -> null;
                };
                if (r != null) {
                    jibRoles.put(l.index(), r);
                }
            }
        }
        // lib folders: two or more jars in one folder, outside JDKs and build tools
        Map<String, Integer> libJars = new HashMap<>();
        for (String path : jarsInLibFolders) {
            if (!isExcluded(path, excluded)) {
                libJars.merge(path.substring(0, path.lastIndexOf('/')), 1, Integer::sum);
            }
        }
        Map<Role, SortedMap<Integer, Long>> bytes = new EnumMap<>(Role.class);
        Map<Role, Integer> files = new EnumMap<>(Role.class);
        boolean boot = false;
        boolean jib = false;
        boolean lib = false;
        TreeSet<String> libParents = new TreeSet<>();
        for (String dir : libJars.keySet()) {
            if (libJars.get(dir) >= 2) {
                Matcher m = LIB_JAR.matcher(dir + "/x.jar");
                if (m.matches()) {
                    libParents.add(m.group(1) + "/");
                }
            }
        }
        List<FatJar> fatJars = new ArrayList<>();
        for (LayeredFilesystem.Node n : fs.nodes()) {
            if (n.entry().type() != EntryType.FILE) {
                continue;
            }
            String path = n.entry().path();
            if (ignore.ignores(path) || isExcluded(path, excluded)) {
                continue;
            }
            Role role = null;
            Matcher m;
            if (jibRoles.containsKey(n.layer())) {
                role = jibRoles.get(n.layer());
                jib = true;
            } else if (mayBeBootLib(path) && (m = BOOT_LIB.matcher(path)).matches()) {
                role = m.group(1).contains("SNAPSHOT") ? Role.SNAPSHOT_DEPENDENCIES : Role.DEPENDENCIES;
                boot = true;
            } else if (path.contains("-INF/") && BOOT_CLASSES.matcher(path).matches()) {
                role = Role.APPLICATION;
                boot = true;
            } else if (path.contains("/org/springframework/boot/loader/") && BOOT_LOADER.matcher(path).matches()) {
                role = Role.SPRING_BOOT_LOADER;
            } else if (path.endsWith(".jar") && (m = LIB_JAR.matcher(path)).matches()
                    && libJars.getOrDefault(path.substring(0, path.lastIndexOf('/')), 0) >= 2) {
                role = m.group(2).contains("SNAPSHOT") ? Role.SNAPSHOT_DEPENDENCIES : Role.DEPENDENCIES;
                lib = true;
            }
            if (role == null && path.endsWith(".jar")) {
                JarIndex jar = fs.collected(JavaArchivesCollector.INSTANCE, path).map(JavaArchive::index).orElse(null);
                if (jar != null && (jar.isSpringBoot() || jar.isShaded())) {
                    fatJars.add(new FatJar(path, n.layer(), jar.isSpringBoot() ? "Spring Boot jar" : "shaded jar", jar,
                            jar.wouldBeLayers()));
                    continue;
                }
                // the application's own jar beside a lib folder (or in its app/ folder, as Quarkus puts it)
                for (String parent : libParents) {
                    if ((path.startsWith(parent) && path.indexOf('/', parent.length()) < 0)
                            || path.startsWith(parent + "app/")) {
                        role = Role.APPLICATION;
                    }
                }
            }
            if (role != null) {
                bytes.computeIfAbsent(role, r -> new TreeMap<>()).merge(n.layer(), n.entry().size(), Long::sum);
                files.merge(role, 1, Integer::sum);
            }
        }
        fatJars.sort((x, y) -> Long.compare(y.index().size(), x.index().size()));
        Layout layout = null;
        List<Inversion> inversions = new ArrayList<>();
        List<Mixed> mixed = new ArrayList<>();
        boolean dependencies = bytes.containsKey(Role.DEPENDENCIES) || bytes.containsKey(Role.SNAPSHOT_DEPENDENCIES);
        if (dependencies && (bytes.containsKey(Role.APPLICATION) || bytes.containsKey(Role.RESOURCES))) {
            Map<Role, Placement> placements = new EnumMap<>(Role.class);
            bytes.forEach((r, b) -> placements.put(r, new Placement(r, Collections.unmodifiableSortedMap(b),
                    files.get(r))));
            TreeSet<Integer> layers = new TreeSet<>();
            bytes.values().forEach(b -> layers.addAll(b.keySet()));
            for (int layer : layers) {
                long dep = sum(bytes, layer, Role.DEPENDENCIES) + sum(bytes, layer, Role.SNAPSHOT_DEPENDENCIES);
                long app = sum(bytes, layer, Role.APPLICATION) + sum(bytes, layer, Role.RESOURCES);
                if (dep > 0 && app > 0) {
                    mixed.add(new Mixed(layer, dep, app));
                }
            }
            for (Role often : Role.values()) {
                if (!often.changesOften() || !bytes.containsKey(often)) {
                    continue;
                }
                int oftenLayer = bytes.get(often).firstKey();
                for (Role rarely : Role.values()) {
                    if (rarely.ordinal() >= often.ordinal() || !bytes.containsKey(rarely)) {
                        continue;
                    }
                    SortedMap<Integer, Long> above = bytes.get(rarely).tailMap(oftenLayer + 1);
                    if (!above.isEmpty()) {
                        inversions.add(new Inversion(often, oftenLayer, rarely, above.lastKey(),
                                above.values().stream().mapToLong(Long::longValue).sum()));
                    }
                }
            }
            String name = jib ? "Jib" : boot ? "Spring Boot layers" : lib ? "lib folder" : "Java";
            layout = new Layout(name, Collections.unmodifiableMap(placements), mixed.isEmpty());
        }
        return new Result(List.copyOf(fatJars), layout, List.copyOf(inversions), List.copyOf(mixed));
    }

    private static long sum(Map<Role, SortedMap<Integer, Long>> bytes, int layer, Role role) {
        SortedMap<Integer, Long> b = bytes.get(role);
        return b == null ? 0 : b.getOrDefault(layer, 0L);
    }

    private static boolean isExcluded(String path, List<String> excluded) {
        for (String prefix : excluded) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
