package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;

/**
 * Image efficiency, wasted bytes and the user-wasted share exactly as dive computes them (dive/filetree/efficiency.go,
 * dive/image/analysis.go), so that numbers and CI thresholds carry over:
 * <ul>
 * <li>each layer is a tree of its tar entries (plus the parent directories the entries imply); only its leaves count;
 * <li>per path: the cumulative size over all layers and the smallest size seen; overwriting a file, or only changing
 * its mode, adds a full copy; a file whiteout adds a 0-byte copy at its path; a directory whiteout adds the size of
 * the subtree it deletes (as stacked from the layers below, opaque whiteouts ignored as dive does) at the
 * directory's own path; opaque whiteouts add nothing;
 * <li>efficiency = sum of the smallest sizes / sum of the cumulative sizes (1.0 for an empty image), every layer
 * included;
 * <li>wasted bytes = sum of the cumulative sizes of the paths seen twice or more (so including the copy that stays:
 * dive's behaviour, issue #684); files removed with {@code rm -rf dir} are not waste in dive's sense (see
 * {@link Reclaimable} for what is really stored for nothing);
 * <li>user-wasted share = wasted bytes / the summed entry sizes of every layer but the first.
 * </ul>
 * One deviation: where dive cannot find a whiteout's target below it and stops scoring the rest of that layer, this
 * counts the whiteout as 0 bytes and goes on.
 */
public final class DiveEfficiency {
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

    /**
     * A path dive reports as inefficient: seen in two or more layers.
     *
     * @param path       absolute path
     * @param copies     how many layers hold it (a whiteout counts as a copy)
     * @param bytes      the cumulative size over those layers (dive's "total space")
     * @param layers     the 1-based layers, bottom first
     */
    public record Inefficiency(String path, int copies, long bytes, List<Integer> layers) {
    }

    /**
     * dive's numbers.
     *
     * @param efficiency        sum of minimum sizes / sum of cumulative sizes
     * @param wastedBytes       sum of the cumulative sizes of paths seen twice or more
     * @param userWastedPercent wastedBytes / userSizeBytes, a fraction (dive's name; 0.48 means 48 %); 0 when the
     *                          image has only one layer
     * @param sizeBytes         summed entry sizes of all layers
     * @param userSizeBytes     summed entry sizes of every layer but the first
     * @param inefficiencies    the paths seen twice or more, largest first
     */
    public record Result(double efficiency, long wastedBytes, double userWastedPercent, long sizeBytes,
            long userSizeBytes, List<Inefficiency> inefficiencies) {
    }

    private final NavigableMap<String, PathData> paths;
    private final List<LayerScan> scans;
    private final Result all;

    private DiveEfficiency(NavigableMap<String, PathData> paths, List<LayerScan> scans) {
        this.paths = paths;
        this.scans = scans;
        this.all = compute(PathGlobs.NONE);
    }

    /** The image's numbers, computed once per analysis. */
    public static DiveEfficiency of(ImageAnalysis analysis) {
        return analysis.derived(DiveEfficiency.class, a -> new DiveEfficiency(scoreLayers(a.scans()), a.scans()));
    }

    /** The numbers over every path: dive's. */
    public Result result() {
        return all;
    }

    /** The numbers without the ignored paths (in neither sum, nor in the user layers' size). */
    public Result result(PathGlobs ignore) {
        return ignore == null || ignore.isEmpty() ? all : compute(ignore);
    }

    private Result compute(PathGlobs ignore) {
        long minimum = 0;
        long discovered = 0;
        long wasted = 0;
        List<Inefficiency> inefficient = new ArrayList<>();
        for (Map.Entry<String, PathData> e : paths.entrySet()) {
            if (ignore.ignores(e.getKey())) {
                continue;
            }
            PathData d = e.getValue();
            minimum += d.min;
            discovered += d.cumulative;
            if (d.layers.size() >= 2) {
                wasted += d.cumulative;
                inefficient.add(new Inefficiency(e.getKey(), d.layers.size(), d.cumulative, List.copyOf(d.layers)));
            }
        }
        inefficient.sort(Comparator.comparingLong(Inefficiency::bytes).reversed().thenComparing(Inefficiency::path));
        long size = 0;
        long user = 0;
        for (int i = 0; i < scans.size(); i++) {
            long layer = 0;
            for (FileEntry e : scans.get(i).entries()) {
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
        return new Result(efficiency, wasted, userWasted, size, user, List.copyOf(inefficient));
    }

    /** A node of dive's trees: explicit entries carry their size and kind; implied parents are empty files. */
    private record Info(long size, boolean dir) {
        static final Info IMPLIED = new Info(0, false);
    }

    private static final String WHITEOUT_MARK = "/.wh.";

    private static NavigableMap<String, PathData> scoreLayers(List<LayerScan> scans) {
        TreeMap<String, PathData> paths = new TreeMap<>();
        TreeMap<String, Info> stacked = new TreeMap<>();
        for (int i = 0; i < scans.size(); i++) {
            TreeMap<String, Info> tree = layerTree(scans.get(i).entries());
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
