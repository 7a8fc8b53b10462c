package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * Package-manager and build caches, and temporary files, left in the final filesystem: bytes that ship with every
 * pull and that no container needs. Measured from the visible regular files, each with the layer that added it.
 */
public final class LeftoverCaches {
    /** What kind of cache, and how to keep it out of the image. */
    public enum Kind {
        APT_LISTS("apt package lists",
                "delete them in the RUN that ran apt-get update: '&& rm -rf /var/lib/apt/lists/*'"),
        APT_CACHE("apt package cache",
                "run 'apt-get clean' (or rm -rf /var/cache/apt/archives/*.deb /var/cache/apt/*.bin) in the same RUN as"
                        + " apt-get install"),
        APK_CACHE("apk cache", "use 'apk add --no-cache ...' (no cache is written, no index is kept)"),
        DNF_YUM_CACHE("dnf/yum cache",
                "run 'dnf clean all' (yum clean all) and rm -rf /var/cache/dnf /var/cache/yum in the same RUN as the"
                        + " install"),
        PIP_CACHE("pip cache", "use 'pip install --no-cache-dir ...' (or ENV PIP_NO_CACHE_DIR=1)"),
        NPM_CACHE("npm cache", "run 'npm ci && npm cache clean --force' in one RUN, or build in a separate stage and"
                + " copy only the result"),
        YARN_CACHE("yarn cache", "run 'yarn install --frozen-lockfile && yarn cache clean' in one RUN"),
        MAVEN_REPOSITORY("local Maven repository (~/.m2)",
                "build in a separate stage (multi-stage build) and COPY only the jar, or build the image with Jib"),
        GRADLE_CACHE("Gradle cache (~/.gradle)",
                "build in a separate stage (multi-stage build) and COPY only the result, or build the image with Jib"),
        TEMPORARY_FILES("temporary files", "delete them in the RUN that creates them ('&& rm -rf /tmp/* /var/tmp/*')");

        private final String label;
        private final String fix;

        Kind(String label, String fix) {
            this.label = label;
            this.fix = fix;
        }

        public String label() {
            return label;
        }

        /** What to change in the Dockerfile. */
        public String fix() {
            return fix;
        }
    }

    /**
     * One cache location with content.
     *
     * @param kind         what it is
     * @param location     its directory, e.g. /var/lib/apt/lists or /root/.m2/repository
     * @param bytes        visible regular files' bytes below it
     * @param files        how many such files
     * @param bytesByLayer bytes by the 1-based layer that added them
     * @param largest      up to three largest files, largest first
     */
    public record Cache(Kind kind, String location, long bytes, int files, SortedMap<Integer, Long> bytesByLayer,
            List<CacheFile> largest) {
    }

    /** One file of a cache. */
    public record CacheFile(String path, long bytes, int layer) {
    }

    /** A cache's paths match the pattern, and all hold the needle (checked first: most paths hold none). */
    private record Rule(Kind kind, String needle, Pattern pattern) {
    }

    /** The location is the pattern's first group; order matters (first match wins). */
    private static final List<Rule> RULES = List.of(
            new Rule(Kind.APT_LISTS, "/var/lib/apt/lists/", Pattern.compile("^(/var/lib/apt/lists)/.+")),
            new Rule(Kind.APT_CACHE, "/var/cache/apt/", Pattern.compile("^(/var/cache/apt)/.+")),
            new Rule(Kind.APK_CACHE, "/apk/", Pattern.compile("^(/var/cache/apk|/etc/apk/cache)/.+")),
            new Rule(Kind.DNF_YUM_CACHE, "/var/cache/", Pattern.compile("^(/var/cache/(?:dnf|yum|libdnf5))/.+")),
            new Rule(Kind.PIP_CACHE, "/.cache/pip/", Pattern.compile("^(.*/\\.cache/pip)/.+")),
            new Rule(Kind.NPM_CACHE, "/.npm/", Pattern.compile("^(.*/\\.npm)/.+")),
            new Rule(Kind.YARN_CACHE, "/.cache/yarn/", Pattern.compile("^(.*/\\.cache/yarn)/.+")),
            new Rule(Kind.MAVEN_REPOSITORY, "/.m2/repository/", Pattern.compile("^(.*/\\.m2/repository)/.+")),
            new Rule(Kind.GRADLE_CACHE, "/.gradle/", Pattern.compile("^(.*/\\.gradle/(?:caches|wrapper/dists))/.+")),
            new Rule(Kind.TEMPORARY_FILES, "tmp/", Pattern.compile("^(/tmp|/var/tmp)/.+")));

    private record Found(Kind kind, String location, CacheFile file) {
    }

    private final List<Found> found;

    private LeftoverCaches(List<Found> found) {
        this.found = found;
    }

    /** Computed once per analysis. */
    public static LeftoverCaches of(ImageAnalysis analysis) {
        return analysis.derived(LeftoverCaches.class, a -> new LeftoverCaches(scan(a.filesystem())));
    }

    /** Every cache location holding at least one file, largest first. */
    public List<Cache> caches() {
        return caches(PathGlobs.NONE);
    }

    /** The caches, counting only files that are not ignored; largest first. */
    public List<Cache> caches(PathGlobs ignore) {
        return caches(ignore, layer -> true);
    }

    /**
     * The caches, counting only files that are not ignored and that a layer {@code counted} accepts (1-based) added;
     * largest first.
     */
    public List<Cache> caches(PathGlobs ignore, IntPredicate counted) {
        Map<String, List<Found>> byLocation = new LinkedHashMap<>();
        for (Found f : found) {
            if ((ignore == null || !ignore.ignores(f.file().path())) && counted.test(f.file().layer())) {
                byLocation.computeIfAbsent(f.kind().name() + "\u0000" + f.location(), k -> new ArrayList<>()).add(f);
            }
        }
        List<Cache> out = new ArrayList<>();
        for (List<Found> files : byLocation.values()) {
            long bytes = 0;
            SortedMap<Integer, Long> byLayer = new TreeMap<>();
            List<CacheFile> all = new ArrayList<>();
            for (Found f : files) {
                bytes += f.file().bytes();
                if (f.file().bytes() > 0) {
                    byLayer.merge(f.file().layer(), f.file().bytes(), Long::sum);
                }
                all.add(f.file());
            }
            all.sort(Comparator.comparingLong(CacheFile::bytes).reversed().thenComparing(CacheFile::path));
            out.add(new Cache(files.get(0).kind(), files.get(0).location(), bytes, files.size(),
                    Collections.unmodifiableSortedMap(byLayer), List.copyOf(all.subList(0, Math.min(3, all.size())))));
        }
        out.sort(Comparator.comparingLong(Cache::bytes).reversed().thenComparing(Cache::location));
        return List.copyOf(out);
    }

    private static List<Found> scan(LayeredFilesystem fs) {
        List<Found> found = new ArrayList<>();
        for (LayeredFilesystem.Node n : fs.nodes()) {
            if (n.entry().type() != EntryType.FILE) {
                continue;
            }
            String path = n.entry().path();
            for (Rule rule : RULES) {
                if (!path.contains(rule.needle())) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(path);
                if (m.matches()) {
                    found.add(new Found(rule.kind(), m.group(1), new CacheFile(path, n.entry().size(), n.layer())));
                    break;
                }
            }
        }
        return List.copyOf(found);
    }
}
