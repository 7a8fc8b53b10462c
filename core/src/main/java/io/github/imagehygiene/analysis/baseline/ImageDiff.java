package io.github.imagehygiene.analysis.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * What changed from a baseline to this image: sizes, layers (by diff_id), packages (by identity, with versions) and
 * the largest files, each list largest first and cut at {@link #TOP}. Files are compared among each side's
 * {@link io.github.imagehygiene.analysis.SizeAttribution#FILES} largest, which is what report.json keeps, so that a
 * baseline given as a report and one given as the image give the same diff.
 *
 * @param baseline the baseline
 * @param after    this image's snapshot
 * @param size     before and after
 * @param layers   added, removed, unchanged
 * @param packages added, removed, changed; null when either side has no inventory
 * @param files    added, removed, grown
 */
public record ImageDiff(Baseline baseline, Snapshot after, Sizes size, Layers layers, Packages packages, Files files) {
    /** How many entries each list keeps. */
    public static final int TOP = 20;

    public record Sizes(long before, long after, long compressedBefore, long compressedAfter) {
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

    public record Files(List<PathSize> added, List<PathSize> removed, List<Grown> grown) {
    }

    /** This image against the baseline the analysis was built with; null without one. */
    public static ImageDiff of(ImageAnalysis analysis) {
        Baseline b = analysis.settings(Baseline.class, null);
        if (b == null) {
            return null;
        }
        return analysis.derived(ImageDiff.class, a -> between(b, Snapshot.of(a)));
    }

    public static ImageDiff between(Baseline baseline, Snapshot after) {
        Snapshot before = baseline.snapshot();
        Sizes sizes = new Sizes(before.contentSize(), after.contentSize(), before.compressedSize(),
                after.compressedSize());
        return new ImageDiff(baseline, after, sizes, layers(before, after), packages(before, after),
                files(before, after));
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

    private static Packages packages(Snapshot before, Snapshot after) {
        if (before.packages() == null || after.packages() == null) {
            return null;
        }
        List<Snapshot.Package> added = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        for (Map.Entry<String, Snapshot.Package> e : after.packages().entrySet()) {
            Snapshot.Package old = before.packages().get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
            } else if (!java.util.Objects.equals(old.version(), e.getValue().version())) {
                changed.add(new Changed(e.getKey(), old.version(), e.getValue().version(), old.bytes(),
                        e.getValue().bytes()));
            }
        }
        List<Snapshot.Package> removed = new ArrayList<>();
        for (Map.Entry<String, Snapshot.Package> e : before.packages().entrySet()) {
            if (!after.packages().containsKey(e.getKey())) {
                removed.add(e.getValue());
            }
        }
        Comparator<Snapshot.Package> bySize = Comparator.comparingLong(Snapshot.Package::bytes).reversed()
                .thenComparing(Snapshot.Package::purl);
        added.sort(bySize);
        removed.sort(bySize);
        changed.sort(Comparator.comparingLong((Changed c) -> c.bytesAfter() - c.bytesBefore()).reversed()
                .thenComparing(Changed::identity));
        return new Packages(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
    }

    private static Files files(Snapshot before, Snapshot after) {
        Map<String, Long> old = new LinkedHashMap<>();
        before.files().forEach(f -> old.put(f.path(), f.size()));
        Map<String, Long> now = new LinkedHashMap<>();
        after.files().forEach(f -> now.put(f.path(), f.size()));
        List<PathSize> added = new ArrayList<>();
        List<Grown> grown = new ArrayList<>();
        for (PathSize f : after.files()) {
            Long was = old.get(f.path());
            if (was == null) {
                added.add(f);
            } else if (f.size() > was) {
                grown.add(new Grown(f.path(), was, f.size()));
            }
        }
        List<PathSize> removed = new ArrayList<>();
        for (PathSize f : before.files()) {
            if (!now.containsKey(f.path())) {
                removed.add(f);
            }
        }
        Comparator<PathSize> bySize = Comparator.comparingLong(PathSize::size).reversed().thenComparing(PathSize::path);
        added.sort(bySize);
        removed.sort(bySize);
        grown.sort(Comparator.comparingLong(Grown::delta).reversed().thenComparing(Grown::path));
        return new Files(top(added), top(removed), top(grown));
    }

    private static <T> List<T> top(List<T> list) {
        return List.copyOf(list.subList(0, Math.min(TOP, list.size())));
    }

    /**
     * Where the bytes went, by directory (the first two components of a path), among the largest files of both
     * sides: the directories that grew most, with their growth, largest first.
     */
    public static List<Map.Entry<String, Long>> grownDirectories(Snapshot before, Snapshot after, int n) {
        Map<String, Long> delta = new HashMap<>();
        before.files().forEach(f -> delta.merge(dir(f.path()), -f.size(), Long::sum));
        after.files().forEach(f -> delta.merge(dir(f.path()), f.size(), Long::sum));
        List<Map.Entry<String, Long>> out = new ArrayList<>(delta.entrySet().stream().filter(e -> e.getValue() > 0)
                .toList());
        out.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return List.copyOf(out.subList(0, Math.min(n, out.size())));
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
