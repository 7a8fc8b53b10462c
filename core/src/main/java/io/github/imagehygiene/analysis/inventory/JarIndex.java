package io.github.imagehygiene.analysis.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link JavaArchivesCollector} keeps of one jar (or war) for the Java layering analysis, read in the layer pass
 * without extracting anything: an index, never the content. Bounded: at most {@link #MAX_KEYS} size buckets, {@link #MAX_NAMES} nested jars, package
 * names and Maven coordinates; {@link #truncated()} says when a bound was hit.
 *
 * @param path              the jar's path in the image
 * @param size              the jar's size in the layer
 * @param entries           zip entries
 * @param bytes             summed uncompressed sizes of the file entries
 * @param classes           .class entries
 * @param packages          distinct packages of the jar's own classes (not of nested jars; BOOT-INF/classes and
 *                          WEB-INF/classes count as own; META-INF/versions is left out)
 * @param packageRoots      distinct first two segments of those packages (com/acme, org/slf4j...)
 * @param mainClass         Main-Class of the manifest, or null
 * @param startClass        Start-Class (Spring Boot), or null
 * @param springBootVersion Spring-Boot-Version, or null
 * @param layersIndex       the text of BOOT-INF/layers.idx (or WEB-INF/layers.idx), or null
 * @param nestedJars        jars under BOOT-INF/lib/ or WEB-INF/lib/, in zip order
 * @param mavenArtifacts    groupId:artifactId:version of each META-INF/maven/.../pom.properties, in zip order
 * @param sizeBuckets       uncompressed bytes and entry counts by bucket: the entry's name for nested jars and for
 *                          files directly under BOOT-INF/ or at the root, else its directory with a trailing '/'; what
 *                          the would-be layers are computed from
 * @param truncated         whether a bound was hit (the numbers above stay exact; lists and buckets are cut)
 */
public record JarIndex(String path, long size, int entries, long bytes, int classes, int packages, int packageRoots,
        String mainClass, String startClass, String springBootVersion, String layersIndex, List<NestedJar> nestedJars,
        List<String> mavenArtifacts, Map<String, Bucket> sizeBuckets, boolean truncated) {

    public static final int MAX_KEYS = 20_000;
    public static final int MAX_NAMES = 10_000;

    /** A jar inside the jar, with its size as stored (Spring Boot stores them uncompressed). */
    public record NestedJar(String name, long bytes) {
    }

    /** Uncompressed bytes and entry count of one bucket. */
    public record Bucket(long bytes, int entries) {
    }

    /** A layer the jar would split into. */
    public record WouldBeLayer(String name, long bytes, int entries) {
    }

    /** Spring Boot's executable jar (or war): nested dependency jars and a launcher. */
    public boolean isSpringBoot() {
        return !nestedJars.isEmpty() && (springBootVersion != null || startClass != null
                || sizeBuckets.keySet().stream().anyMatch(k -> k.startsWith("org/springframework/boot/loader/")));
    }

    /**
     * A runnable jar with its dependencies merged in (maven-shade, assembly, Gradle shadow): it has a Main-Class and
     * carries the pom.properties of two or more artifacts, or its classes span five or more package roots in fifty or
     * more packages.
     */
    public boolean isShaded() {
        if (isSpringBoot() || mainClass == null) {
            return false;
        }
        return mavenArtifacts.size() >= 2 || (packageRoots >= 5 && packages >= 50);
    }

    /**
     * Spring Boot's layers for this jar: from its layers.idx when present, else Spring Boot's default (dependencies,
     * spring-boot-loader, snapshot-dependencies, application). For a shaded jar: dependencies (everything outside
     * the Main-Class's package root) and application.
     */
    public List<WouldBeLayer> wouldBeLayers() {
        if (isSpringBoot()) {
            List<Map.Entry<String, List<String>>> layers = layersIndex != null ? parseLayersIndex(layersIndex)
                    : List.of();
            if (layers.isEmpty()) {
                return assign(List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"),
                        JarIndex::defaultSpringBootLayer);
            }
            List<String> names = layers.stream().map(Map.Entry::getKey).toList();
            return assign(names, key -> {
                for (Map.Entry<String, List<String>> layer : layers) {
                    for (String pattern : layer.getValue()) {
                        if (key.equals(pattern) || (pattern.endsWith("/") && key.startsWith(pattern))) {
                            return layer.getKey();
                        }
                    }
                }
                return names.get(names.size() - 1); // Spring Boot puts what no layer claims into the last one
            });
        }
        if (isShaded()) {
            String root = applicationRoot(mainClass);
            return assign(List.of("dependencies", "application"),
                    key -> key.startsWith(root) ? "application" : "dependencies");
        }
        return List.of(new WouldBeLayer("application", bytes, entries));
    }

    private List<WouldBeLayer> assign(List<String> names, java.util.function.Function<String, String> layerOf) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        names.forEach(n -> totals.put(n, new long[2]));
        for (Map.Entry<String, Bucket> b : sizeBuckets.entrySet()) {
            long[] t = totals.computeIfAbsent(layerOf.apply(b.getKey()), k -> new long[2]);
            t[0] += b.getValue().bytes();
            t[1] += b.getValue().entries();
        }
        List<WouldBeLayer> out = new ArrayList<>();
        totals.forEach((n, t) -> out.add(new WouldBeLayer(n, t[0], (int) t[1])));
        return List.copyOf(out);
    }

    private static String defaultSpringBootLayer(String key) {
        if (key.startsWith("BOOT-INF/lib/") || key.startsWith("WEB-INF/lib/") || key.startsWith("WEB-INF/lib-provided/")) {
            return key.contains("SNAPSHOT") ? "snapshot-dependencies" : "dependencies";
        }
        if (key.startsWith("org/springframework/boot/loader/")) {
            return "spring-boot-loader";
        }
        return "application";
    }

    /** The package of the main class, at most three segments deep, as a directory prefix: "com/acme/shop/". */
    static String applicationRoot(String mainClass) {
        String[] parts = mainClass.split("\\.");
        int depth = Math.min(3, parts.length - 1);
        if (depth <= 0) {
            return "\u0000"; // default package: nothing is the application's for sure
        }
        return String.join("/", java.util.Arrays.copyOf(parts, depth)) + "/";
    }

    /** Parses Spring Boot's layers.idx: "- \"name\":" lines, each followed by "  - \"pattern\"" lines. */
    public static List<Map.Entry<String, List<String>>> parseLayersIndex(String text) {
        List<Map.Entry<String, List<String>>> layers = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.startsWith("- ")) {
                String name = line.substring(2).strip();
                if (name.endsWith(":")) {
                    name = name.substring(0, name.length() - 1);
                }
                layers.add(Map.entry(unquote(name), new ArrayList<>()));
            } else if (line.startsWith("  - ") && !layers.isEmpty()) {
                layers.get(layers.size() - 1).getValue().add(unquote(line.substring(4).strip()));
            }
        }
        return layers;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /**
     * Builds an index from a jar's entries in zip order; {@link JarReader} feeds it from the same loop that identifies
     * the jar, so that one pass over the zip builds both. Not thread-safe: one per jar.
     */
    public static final class Builder {
        /** Text entries read whole up to this many bytes: manifest, layers.idx, pom.properties. */
        public static final int TEXT_LIMIT = 256 * 1024;

        private int entries;
        private int classes;
        private long bytes;
        private boolean truncated;
        private String mainClass;
        private String startClass;
        private String bootVersion;
        private String layersIndex;
        private final List<NestedJar> nested = new ArrayList<>();
        private final List<String> artifacts = new ArrayList<>();
        private final java.util.Set<String> packages = new java.util.HashSet<>();
        private final java.util.Set<String> roots = new java.util.HashSet<>();
        private final Map<String, long[]> buckets = new LinkedHashMap<>();

        /** Whether {@link #entry} needs this entry's content (the first {@link #TEXT_LIMIT} bytes). */
        public static boolean wantsText(String name) {
            return name.equals("META-INF/MANIFEST.MF") || name.equals("BOOT-INF/layers.idx")
                    || name.equals("WEB-INF/layers.idx")
                    || (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties"));
        }

        /**
         * Adds one entry.
         *
         * @param name      the entry name
         * @param directory whether it is a directory entry
         * @param size      its uncompressed size
         * @param text      its content when {@link #wantsText(String)}, else null
         */
        public void entry(String name, boolean directory, long size, byte[] text) throws java.io.IOException {
            entries++;
            if (directory) {
                return;
            }
            bytes += size;
            if (name.endsWith(".class")) {
                classes++;
                String pkg = ownPackage(name);
                if (pkg != null) {
                    if (packages.size() < MAX_NAMES) {
                        packages.add(pkg);
                        int second = pkg.indexOf('/', pkg.indexOf('/') + 1);
                        roots.add(second < 0 ? pkg : pkg.substring(0, second));
                    } else if (!packages.contains(pkg)) {
                        truncated = true;
                    }
                }
            }
            if (isNestedJar(name)) {
                if (nested.size() < MAX_NAMES) {
                    nested.add(new NestedJar(name, size));
                } else {
                    truncated = true;
                }
            }
            if (text != null) {
                text(name, text);
            }
            String key = bucket(name);
            long[] b = buckets.get(key);
            if (b == null) {
                if (buckets.size() >= MAX_KEYS) {
                    truncated = true;
                    b = buckets.computeIfAbsent("", k -> new long[2]);
                } else {
                    b = new long[2];
                    buckets.put(key, b);
                }
            }
            b[0] += size;
            b[1]++;
        }

        private void text(String name, byte[] text) throws java.io.IOException {
            if (name.equals("META-INF/MANIFEST.MF")) {
                java.util.jar.Attributes main = new java.util.jar.Manifest(new java.io.ByteArrayInputStream(text))
                        .getMainAttributes();
                mainClass = trim(main.getValue("Main-Class"));
                startClass = trim(main.getValue("Start-Class"));
                bootVersion = trim(main.getValue("Spring-Boot-Version"));
            } else if (name.endsWith("/layers.idx")) {
                layersIndex = new String(text, java.nio.charset.StandardCharsets.UTF_8);
            } else if (artifacts.size() < MAX_NAMES) {
                java.util.Properties pom = new java.util.Properties();
                pom.load(new java.io.ByteArrayInputStream(text));
                String g = pom.getProperty("groupId");
                String a = pom.getProperty("artifactId");
                if (g != null && a != null) {
                    artifacts.add(g.strip() + ":" + a.strip() + ":" + pom.getProperty("version", "").strip());
                }
            } else {
                truncated = true;
            }
        }

        /** The index of the jar at {@code path}, {@code size} bytes in its layer. */
        public JarIndex build(String path, long size) {
            Map<String, Bucket> sizes = new LinkedHashMap<>();
            buckets.forEach((k, v) -> sizes.put(k, new Bucket(v[0], (int) v[1])));
            return new JarIndex(path, size, entries, bytes, classes, packages.size(), roots.size(), mainClass,
                    startClass, bootVersion, layersIndex, List.copyOf(nested), List.copyOf(artifacts),
                    java.util.Collections.unmodifiableMap(sizes), truncated);
        }

        private static String trim(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }

        private static boolean isNestedJar(String name) {
            return (name.startsWith("BOOT-INF/lib/") || name.startsWith("WEB-INF/lib/")
                    || name.startsWith("WEB-INF/lib-provided/")) && name.endsWith(".jar");
        }

        /** The package directory of one of the jar's own classes, or null (nested, versioned, default package). */
        private static String ownPackage(String name) {
            String n = name;
            if (n.startsWith("BOOT-INF/classes/")) {
                n = n.substring("BOOT-INF/classes/".length());
            } else if (n.startsWith("WEB-INF/classes/")) {
                n = n.substring("WEB-INF/classes/".length());
            } else if (n.startsWith("META-INF/") || n.startsWith("BOOT-INF/") || n.startsWith("WEB-INF/")) {
                return null;
            }
            int slash = n.lastIndexOf('/');
            return slash <= 0 ? null : n.substring(0, slash);
        }

        /** The size bucket of a file entry (see {@link JarIndex#sizeBuckets()}). */
        private static String bucket(String name) {
            int slash = name.lastIndexOf('/');
            if (slash < 0 || isNestedJar(name) || (name.startsWith("BOOT-INF/") && slash == "BOOT-INF".length())
                    || (name.startsWith("WEB-INF/") && slash == "WEB-INF".length())) {
                return name;
            }
            return name.substring(0, slash + 1);
        }
    }
}
