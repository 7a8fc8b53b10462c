package io.github.imagehygiene.analysis.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.SecretPatterns;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * What changed from a baseline to this image: sizes, layers (by diff_id), packages (by identity, with versions) and
 * the largest files, each list largest first and cut at {@link #TOP}.
 *
 * <p>Files: a baseline keeps only its {@link io.github.imagehygiene.analysis.SizeAttribution#FILES} largest files
 * (what report.json keeps), so a file of this image's largest that the baseline's lack is <em>added</em> only when it
 * is larger than the baseline's smallest listed file (else it may be there, unlisted); a file of the baseline's
 * largest is <em>removed</em> only when this image's whole filesystem has no regular file at its path, and
 * <em>grown</em> when it has a larger one. Paths and Package URLs are matched as {@link Baseline#keys} masks them, as
 * report.json writes them, so that a baseline given as its report and one given as the image give the same diff.
 *
 * @param baseline the baseline
 * @param after    this image's snapshot
 * @param size     before and after
 * @param layers   added, removed, unchanged
 * @param packages added, removed, changed; null when either side has no inventory
 * @param files    added, removed, grown, and the directories that grew
 */
public record ImageDiff(Baseline baseline, Snapshot after, Sizes size, Layers layers, Packages packages, Files files) {
    /** How many entries each list keeps. */
    public static final int TOP = 20;

    /**
     * @param compressedBeforeEstimated whether the baseline's compressed size holds a gzip estimate (a layer stored
     *                                  uncompressed)
     * @param compressedAfterEstimated  whether this image's does
     */
    public record Sizes(long before, long after, long compressedBefore, long compressedAfter,
            boolean compressedBeforeEstimated, boolean compressedAfterEstimated) {
        public long delta() {
            return after - before;
        }

        public long compressedDelta() {
            return compressedAfter - compressedBefore;
        }
    }

    public record Layers(List<Snapshot.Layer> added, List<Snapshot.Layer> removed, int unchanged) {
    }

    /** A package whose version changed: its identity, both versions, and the bytes before and after. */
    public record Changed(String identity, String from, String to, long bytesBefore, long bytesAfter) {
    }

    public record Packages(List<Snapshot.Package> added, List<Snapshot.Package> removed, List<Changed> changed) {
    }

    /** A file in both images that grew. */
    public record Grown(String path, long before, long after) {
        public long delta() {
            return after - before;
        }
    }

    /**
     * @param directories the directories (the first two components of a path) whose files came in, went or grew,
     *                    with what that added up to, the largest growth first (growths only)
     * @param addedAbove  the size an added file exceeds: the baseline's smallest listed file; -1 when the baseline
     *                    lists every file it has
     */
    public record Files(List<PathSize> added, List<PathSize> removed, List<Grown> grown,
            List<Map.Entry<String, Long>> directories, long addedAbove) {
    }

    /** This image against the baseline of its platform the analysis was built with; null without one. */
    public static ImageDiff of(ImageAnalysis analysis) {
        Baseline b = analysis.settings(Baseline.class, null);
        if (b == null || !b.hasPlatform()) {
            return null;
        }
        return analysis.derived(ImageDiff.class, a -> between(b, Snapshot.of(a), path -> a.filesystem().get(path)
                .filter(n -> n.entry().type() == EntryType.FILE).map(n -> n.entry().size()).orElse(-1L)));
    }

    /**
     * @param now this image's whole final filesystem: the size of the regular file at a path, -1 when there is none
     */
    public static ImageDiff between(Baseline baseline, Snapshot after, ToLongFunction<String> now) {
        Snapshot before = baseline.snapshot();
        Sizes sizes = new Sizes(before.contentSize(), after.contentSize(), before.compressedSize(),
                after.compressedSize(), before.compressedEstimated(), after.compressedEstimated());
        return new ImageDiff(baseline, after, sizes, layers(before, after),
                packages(before, after, baseline.keys()), files(before, after, baseline.keys(), now));
    }

    private static Layers layers(Snapshot before, Snapshot after) {
        // a multiset of diff_ids: the same layer twice in one image is matched twice
        Map<String, Integer> left = new HashMap<>();
        before.layers().forEach(l -> left.merge(l.diffId(), 1, Integer::sum));
        List<Snapshot.Layer> added = new ArrayList<>();
        int unchanged = 0;
        for (Snapshot.Layer l : after.layers()) {
            if (left.getOrDefault(l.diffId(), 0) > 0) {
                left.merge(l.diffId(), -1, Integer::sum);
                unchanged++;
            } else {
                added.add(l);
            }
        }
        Map<String, Integer> right = new HashMap<>();
        after.layers().forEach(l -> right.merge(l.diffId(), 1, Integer::sum));
        List<Snapshot.Layer> removed = new ArrayList<>();
        for (Snapshot.Layer l : before.layers()) {
            if (right.getOrDefault(l.diffId(), 0) > 0) {
                right.merge(l.diffId(), -1, Integer::sum);
            } else {
                removed.add(l);
            }
        }
        return new Layers(List.copyOf(added), List.copyOf(removed), unchanged);
    }

    /**
     * Packages as multisets under their identity (purl without version, with its architecture): a version on both
     * sides is unchanged, the others pair up as changed (in version order), what is left over is added or removed. So
     * a second copy of a jar at another version is added, and two architectures of a library are two packages.
     */
    private static Packages packages(Snapshot before, Snapshot after, UnaryOperator<String> keys) {
        if (before.packages() == null || after.packages() == null) {
            return null;
        }
        Map<String, List<Snapshot.Package>> was = byIdentity(before.packages(), keys);
        Map<String, List<Snapshot.Package>> now = byIdentity(after.packages(), keys);
        Set<String> identities = new LinkedHashSet<>(now.keySet());
        identities.addAll(was.keySet());
        List<Snapshot.Package> added = new ArrayList<>();
        List<Snapshot.Package> removed = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        Comparator<Snapshot.Package> byVersion = Comparator.comparing(p -> version(p, keys));
        for (String id : identities) {
            List<Snapshot.Package> b = new ArrayList<>(was.getOrDefault(id, List.of()));
            List<Snapshot.Package> a = new ArrayList<>();
            for (Snapshot.Package p : now.getOrDefault(id, List.of())) {
                Snapshot.Package same = b.stream().filter(o -> version(o, keys).equals(version(p, keys))).findFirst()
                        .orElse(null);
                if (same != null) {
                    b.remove(same);
                } else {
                    a.add(p);
                }
            }
            a.sort(byVersion);
            b.sort(byVersion);
            int pairs = Math.min(a.size(), b.size());
            for (int i = 0; i < pairs; i++) {
                changed.add(new Changed(id, b.get(i).version(), a.get(i).version(), b.get(i).bytes(),
                        a.get(i).bytes()));
            }
            added.addAll(a.subList(pairs, a.size()));
            removed.addAll(b.subList(pairs, b.size()));
        }
        Comparator<Snapshot.Package> bySize = Comparator.comparingLong(Snapshot.Package::bytes).reversed()
                .thenComparing(Snapshot.Package::purl);
        added.sort(bySize);
        removed.sort(bySize);
        changed.sort(Comparator.comparingLong((Changed c) -> c.bytesAfter() - c.bytesBefore()).reversed()
                .thenComparing(Changed::identity).thenComparing(c -> Objects.toString(c.to())));
        return new Packages(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
    }

    private static Map<String, List<Snapshot.Package>> byIdentity(List<Snapshot.Package> packages,
            UnaryOperator<String> keys) {
        Map<String, List<Snapshot.Package>> out = new LinkedHashMap<>();
        for (Snapshot.Package p : packages) {
            out.computeIfAbsent(keys.apply(Snapshot.identity(p.purl())), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    private static String version(Snapshot.Package p, UnaryOperator<String> keys) {
        return p.version() == null ? "" : keys.apply(p.version());
    }

    private static Files files(Snapshot before, Snapshot after, UnaryOperator<String> keys, ToLongFunction<String> now) {
        Map<String, List<PathSize>> was = byKey(before.files(), keys);
        Map<String, List<PathSize>> is = byKey(after.files(), keys);
        // a file larger than a side's smallest listed one would be listed if that side had it (-1: all are listed)
        long beforeCut = before.allFiles() || before.files().isEmpty() ? -1
                : before.files().get(before.files().size() - 1).size();
        long afterCut = after.allFiles() || after.files().isEmpty() ? -1
                : after.files().get(after.files().size() - 1).size();
        List<PathSize> added = new ArrayList<>();
        List<PathSize> removed = new ArrayList<>();
        List<Grown> grown = new ArrayList<>();
        for (Map.Entry<String, List<PathSize>> e : is.entrySet()) {
            List<PathSize> a = e.getValue();
            List<PathSize> b = was.getOrDefault(e.getKey(), List.of());
            for (int i = 0; i < a.size(); i++) {
                PathSize f = a.get(i);
                if (i < b.size()) {
                    if (f.size() > b.get(i).size()) {
                        grown.add(new Grown(f.path(), b.get(i).size(), f.size()));
                    }
                } else if (beforeCut < 0 || f.size() > beforeCut) {
                    added.add(f);
                }
            }
        }
        for (Map.Entry<String, List<PathSize>> e : was.entrySet()) {
            List<PathSize> b = e.getValue();
            int paired = is.getOrDefault(e.getKey(), List.of()).size();
            for (PathSize f : b.subList(Math.min(paired, b.size()), b.size())) {
                if (!e.getKey().contains(SecretPatterns.MASK)) {
                    // the path as it is: this image's whole filesystem tells whether it is still there
                    long size = now.applyAsLong(f.path());
                    if (size < 0) {
                        removed.add(f);
                    } else if (size > f.size()) {
                        grown.add(new Grown(f.path(), f.size(), size));
                    }
                } else if (afterCut < 0 || f.size() > afterCut) {
                    // a masked path cannot be looked up: gone if this image would list it at its size
                    removed.add(f);
                }
            }
        }
        Map<String, Long> delta = new HashMap<>();
        added.forEach(f -> delta.merge(dir(f.path()), f.size(), Long::sum));
        removed.forEach(f -> delta.merge(dir(f.path()), -f.size(), Long::sum));
        grown.forEach(g -> delta.merge(dir(g.path()), g.delta(), Long::sum));
        List<Map.Entry<String, Long>> dirs = new ArrayList<>(delta.entrySet().stream().filter(d -> d.getValue() > 0)
                .map(d -> Map.entry(d.getKey(), d.getValue())).toList());
        dirs.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Comparator<PathSize> bySize = Comparator.comparingLong(PathSize::size).reversed().thenComparing(PathSize::path);
        added.sort(bySize);
        removed.sort(bySize);
        grown.sort(Comparator.comparingLong(Grown::delta).reversed().thenComparing(Grown::path));
        return new Files(top(added), top(removed), top(grown), top(dirs), beforeCut);
    }

    /** The files under their key, each key's largest first (as listed); several only where masking made them one. */
    private static Map<String, List<PathSize>> byKey(List<PathSize> files, UnaryOperator<String> keys) {
        Map<String, List<PathSize>> out = new LinkedHashMap<>();
        for (PathSize f : files) {
            out.computeIfAbsent(keys.apply(f.path()), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private static <T> List<T> top(List<T> list) {
        return List.copyOf(list.subList(0, Math.min(TOP, list.size())));
    }

    private static String dir(String path) {
        int first = path.indexOf('/', 1);
        if (first < 0) {
            return "/";
        }
        int second = path.indexOf('/', first + 1);
        return second < 0 ? path.substring(0, first) : path.substring(0, second);
    }
}
