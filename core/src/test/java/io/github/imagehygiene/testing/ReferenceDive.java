package io.github.imagehygiene.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;

/**
 * dive's efficiency as first written, with a TreeMap per layer, a stacked TreeMap and a map of paths: simple enough to
 * follow dive's Go code line by line, and the oracle the compact {@link DiveEfficiency} is compared with. Lists every
 * inefficient path.
 */
public final class ReferenceDive {
    private ReferenceDive() {
    }

    /** What dive keeps per path. */
    private static final class PathData {
        long cumulative;
        long min = -1;
        final List<Integer> layers = new ArrayList<>();

        void add(long size, int layer) {
            cumulative += size;
            if (min < 0 || size < min) {
                min = size;
            }
            layers.add(layer);
        }
    }

    /** dive's numbers with every inefficient path, largest first. */
    public static DiveEfficiency.Result compute(List<List<FileEntry>> layers, PathGlobs ignore) {
        NavigableMap<String, PathData> paths = scoreLayers(layers);
        long minimum = 0;
        long discovered = 0;
        long wasted = 0;
        List<DiveEfficiency.Inefficiency> inefficient = new ArrayList<>();
        for (Map.Entry<String, PathData> e : paths.entrySet()) {
            if (ignore.ignores(e.getKey())) {
                continue;
            }
            PathData d = e.getValue();
            minimum += d.min;
            discovered += d.cumulative;
            if (d.layers.size() >= 2) {
                wasted += d.cumulative;
                inefficient.add(new DiveEfficiency.Inefficiency(e.getKey(), d.layers.size(), d.cumulative,
                        List.copyOf(d.layers)));
            }
        }
        inefficient.sort(Comparator.comparingLong(DiveEfficiency.Inefficiency::bytes).reversed()
                .thenComparing(DiveEfficiency.Inefficiency::path));
        long size = 0;
        long user = 0;
        for (int i = 0; i < layers.size(); i++) {
            long layer = 0;
            for (FileEntry e : layers.get(i)) {
                if (!ignore.ignores(e.path())) {
                    layer += e.size();
                }
            }
            size += layer;
            if (i > 0) {
                user += layer;
            }
        }
        double efficiency = discovered == 0 ? 1.0 : (double) minimum / (double) discovered;
        double userWasted = user == 0 ? 0.0 : (double) wasted / (double) user;
        return new DiveEfficiency.Result(efficiency, wasted, userWasted, size, user, inefficient.size(),
                List.copyOf(inefficient));
    }

    /** A node of dive's trees: explicit entries carry their size and kind; implied parents are empty files. */
    private record Info(long size, boolean dir) {
        static final Info IMPLIED = new Info(0, false);
    }

    private static final String WHITEOUT_MARK = "/.wh.";

    private static NavigableMap<String, PathData> scoreLayers(List<List<FileEntry>> scans) {
        TreeMap<String, PathData> paths = new TreeMap<>();
        TreeMap<String, Info> stacked = new TreeMap<>();
        for (int i = 0; i < scans.size(); i++) {
            TreeMap<String, Info> tree = layerTree(scans.get(i));
            for (Map.Entry<String, Info> node : tree.entrySet()) {
                String key = node.getKey();
                String next = tree.higherKey(key + "/");
                if (next != null && next.startsWith(key + "/")) {
                    continue; // not a leaf: dive scores leaves only
                }
                boolean whiteout = isWhiteoutKey(key);
                String path = whiteout ? unWhiteout(key) : key;
                long size = whiteout ? deletedSize(stacked, path) : node.getValue().size();
                paths.computeIfAbsent(path, p -> new PathData()).add(size, i + 1);
            }
            stack(stacked, tree);
        }
        return paths;
    }

    /** A layer as dive's tree: whiteouts under their own names, implied parents, opaque markers left out. */
    private static TreeMap<String, Info> layerTree(List<FileEntry> entries) {
        TreeMap<String, Info> tree = new TreeMap<>();
        for (FileEntry e : entries) {
            if (e.path().equals("/")) {
                continue;
            }
            if (e.type() == EntryType.OPAQUE_WHITEOUT) {
                addParents(tree, e.path() + "/x"); // dive adds the parents, then refuses the marker itself
                continue;
            }
            String key = e.type() == EntryType.WHITEOUT ? whiteoutKey(e.path()) : e.path();
            addParents(tree, key);
            tree.put(key, new Info(e.size(), e.type() == EntryType.DIRECTORY));
        }
        return tree;
    }

    private static void addParents(TreeMap<String, Info> tree, String path) {
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            if (tree.putIfAbsent(parent, Info.IMPLIED) != null) {
                return;
            }
            slash = parent.lastIndexOf('/');
        }
    }

    /** dive's Stack: a whiteout removes the path and its subtree; any other node sets the payload, keeping children. */
    private static void stack(TreeMap<String, Info> stacked, TreeMap<String, Info> upper) {
        for (Map.Entry<String, Info> node : upper.descendingMap().entrySet()) {
            String key = node.getKey();
            if (isWhiteoutKey(key)) {
                String path = unWhiteout(key);
                stacked.remove(path);
                stacked.subMap(path + "/", true, path + "/" + Character.MAX_VALUE, false).clear();
            }
        }
        for (Map.Entry<String, Info> node : upper.entrySet()) {
            String key = node.getKey();
            if (!isWhiteoutKey(key)) {
                stacked.put(key, node.getValue());
            }
        }
    }

    /** What a whiteout of {@code path} deletes in dive's stacked tree: a directory's subtree, 0 for a file. */
    private static long deletedSize(TreeMap<String, Info> stacked, String path) {
        Info previous = stacked.get(path);
        if (previous == null || !previous.dir()) {
            return 0;
        }
        long size = previous.size();
        for (Info below : stacked.subMap(path + "/", true, path + "/" + Character.MAX_VALUE, false).values()) {
            size += below.size();
        }
        return size;
    }

    /** A whiteout's own name in dive's tree: ".wh." prefixed to the last segment. */
    private static boolean isWhiteoutKey(String key) {
        int mark = key.lastIndexOf(WHITEOUT_MARK);
        return mark >= 0 && mark == key.lastIndexOf('/');
    }

    private static String whiteoutKey(String hiddenPath) {
        int slash = hiddenPath.lastIndexOf('/');
        return hiddenPath.substring(0, slash) + WHITEOUT_MARK + hiddenPath.substring(slash + 1);
    }

    private static String unWhiteout(String key) {
        int mark = key.lastIndexOf(WHITEOUT_MARK);
        return key.substring(0, mark) + "/" + key.substring(mark + WHITEOUT_MARK.length());
    }
}
