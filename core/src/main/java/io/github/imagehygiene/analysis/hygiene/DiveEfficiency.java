package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.PathTrie;

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
 *
 * <p>dive keeps a tree of objects per layer (dive #94: 19 GB of RAM for a 9 GB image); here every path of every layer
 * is a node of one {@link PathTrie} and what dive keeps per path and per stacked node sits in primitive arrays by
 * node (about 70 bytes a path while scoring, 40 after), so a layer of a million files scores in a small heap.
 */
public final class DiveEfficiency {
    /** How many of the paths stored more than once a result lists, largest first. */
    public static final int LISTED = 20;

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
     * @param inefficientPaths  how many paths are seen twice or more
     * @param inefficiencies    the largest of those, largest first (then by path), at most {@link #LISTED}
     */
    public record Result(double efficiency, long wastedBytes, double userWastedPercent, long sizeBytes,
            long userSizeBytes, int inefficientPaths, List<Inefficiency> inefficiencies) {
    }

    private static final Comparator<Inefficiency> LARGEST_FIRST = Comparator.comparingLong(Inefficiency::bytes)
            .reversed().thenComparing(Inefficiency::path);
    private static final String WHITEOUT_PREFIX = ".wh.";

    private final List<LayerScan> scans;
    /** Every path dive scores, frozen after scoring. */
    private final PathTrie trie;
    /** Per node: the cumulative size over the layers, the smallest size, the first layer (0: never scored). */
    private final long[] cumulative;
    private final long[] minimum;
    private final int[] firstLayer;
    /** Per node: the later layers, newest first, as a chain in {@link #chainLayer}/{@link #chainNext}; -1 if none. */
    private final int[] chainHead;
    private final int[] chainLayer;
    private final int[] chainNext;
    private final Result all;

    private DiveEfficiency(List<LayerScan> scans, Scorer s) {
        this.scans = scans;
        this.trie = s.trie;
        this.cumulative = s.cumulative;
        this.minimum = s.minimum;
        this.firstLayer = s.firstLayer;
        this.chainHead = s.chainHead;
        this.chainLayer = Arrays.copyOf(s.chainLayer, s.chainLength);
        this.chainNext = Arrays.copyOf(s.chainNext, s.chainLength);
        this.all = compute(PathGlobs.NONE, null);
    }

    /** The image's numbers, computed once per analysis. */
    public static DiveEfficiency of(ImageAnalysis analysis) {
        return analysis.derived(DiveEfficiency.class, a -> new DiveEfficiency(a.scans(), Scorer.score(a.scans())));
    }

    /** The numbers over every path: dive's. */
    public Result result() {
        return all;
    }

    /** The numbers without the ignored paths (in neither sum, nor in the user layers' size). */
    public Result result(PathGlobs ignore) {
        return ignore == null || ignore.isEmpty() ? all : compute(ignore, null);
    }

    /**
     * dive's numbers over the layers {@code counted} accepts (1-based): a path every copy of which lies in other
     * layers is left out of both sums, and the sizes are those of the counted layers. With the layers above a known
     * base, the numbers of what the build itself stores.
     */
    public Result result(PathGlobs ignore, IntPredicate counted) {
        return compute(ignore == null ? PathGlobs.NONE : ignore, counted);
    }

    private Result compute(PathGlobs ignore, IntPredicate counted) {
        long min = 0;
        long discovered = 0;
        long wasted = 0;
        int inefficientPaths = 0;
        // the LISTED largest, the smallest of them on top
        PriorityQueue<Inefficiency> largest = new PriorityQueue<>(LARGEST_FIRST.reversed());
        for (int n = 1; n < trie.size(); n++) {
            if (firstLayer[n] == 0 || counted != null && !anyCopyIn(n, counted)) {
                continue;
            }
            String path = null;
            if (!ignore.isEmpty()) {
                path = trie.path(n);
                if (ignore.ignores(path)) {
                    continue;
                }
            }
            min += minimum[n];
            discovered += cumulative[n];
            if (chainHead[n] < 0) {
                continue;
            }
            wasted += cumulative[n];
            inefficientPaths++;
            if (largest.size() == LISTED && cumulative[n] < largest.peek().bytes()) {
                continue; // cannot enter: no need to spell its path
            }
            largest.add(inefficiency(n, path == null ? trie.path(n) : path));
            if (largest.size() > LISTED) {
                largest.poll();
            }
        }
        List<Inefficiency> listed = new ArrayList<>(largest);
        listed.sort(LARGEST_FIRST);
        long size = 0;
        long user = 0;
        for (int i = 0; i < scans.size(); i++) {
            if (counted != null && !counted.test(i + 1)) {
                continue;
            }
            long layer = 0;
            for (FileEntry e : scans.get(i).entries()) {
                if (ignore.isEmpty() || !ignore.ignores(e.path())) {
                    layer += e.size();
                }
            }
            size += layer;
            if (i > 0) {
                user += layer;
            }
        }
        double efficiency = discovered == 0 ? 1.0 : (double) min / (double) discovered;
        double userWasted = user == 0 ? 0.0 : (double) wasted / (double) user;
        return new Result(efficiency, wasted, userWasted, size, user, inefficientPaths, List.copyOf(listed));
    }

    /**
     * Wasted bytes (as in {@link Result#wastedBytes()}) of the paths every copy of which lies in a layer {@code only}
     * accepts (1-based): with the base image's layers, the waste a build on that base cannot remove.
     */
    public long wastedBytesOnlyIn(IntPredicate only, PathGlobs ignore) {
        long wasted = 0;
        for (int n = 1; n < trie.size(); n++) {
            if (firstLayer[n] == 0 || chainHead[n] < 0 || !only.test(firstLayer[n])) {
                continue;
            }
            boolean all = true;
            for (int c = chainHead[n]; c >= 0 && all; c = chainNext[c]) {
                all = only.test(chainLayer[c]);
            }
            if (all && (ignore == null || ignore.isEmpty() || !ignore.ignores(trie.path(n)))) {
                wasted += cumulative[n];
            }
        }
        return wasted;
    }

    private boolean anyCopyIn(int n, IntPredicate layers) {
        if (layers.test(firstLayer[n])) {
            return true;
        }
        for (int c = chainHead[n]; c >= 0; c = chainNext[c]) {
            if (layers.test(chainLayer[c])) {
                return true;
            }
        }
        return false;
    }

    private Inefficiency inefficiency(int n, String path) {
        List<Integer> layers = new ArrayList<>();
        for (int c = chainHead[n]; c >= 0; c = chainNext[c]) {
            layers.add(chainLayer[c]);
        }
        layers.add(firstLayer[n]);
        Collections.reverse(layers);
        return new Inefficiency(path, layers.size(), cumulative[n], List.copyOf(layers));
    }

    /**
     * Scores the layers bottom to top as dive does. Each layer is dive's tree of its entries: the entries (whiteouts
     * under their ".wh." names, opaque markers left out but their directory implied) and the parents they imply
     * (empty, not directories); a duplicate path keeps its last entry. Only the tree's leaves are scored. Then the
     * layer is stacked: its whiteouts remove their targets' subtrees, then its other nodes are put.
     */
    private static final class Scorer {
        /** Per node, kept across layers: in dive's stacked tree, and a directory there. */
        private static final byte PRESENT = 1;
        private static final byte DIR = 2;
        /** Per node, for the current layer only. */
        private static final byte IN_LAYER = 1;
        private static final byte EXPLICIT = 2;
        private static final byte HAS_CHILD = 4;
        private static final byte SCORED = 8;
        private static final byte STACKED = 16;
        /** What an entry is to dive's tree. */
        private static final byte SKIP = 0;
        private static final byte FILE = 1;
        private static final byte DIRECTORY = 2;
        private static final byte WHITEOUT = 3;
        private static final byte OPAQUE = 4;

        final PathTrie trie;
        long[] cumulative;
        long[] minimum;
        int[] firstLayer;
        int[] chainHead;
        int[] chainLayer = new int[64];
        int[] chainNext = new int[64];
        int chainLength;
        long[] stackedSize;
        byte[] state;
        byte[] mark;
        /** The current layer's nodes, and its nodes named ".wh.*". */
        int[] layerNodes = new int[64];
        int layerNodeCount;
        int[] whiteouts = new int[16];
        int whiteoutCount;
        int[] walk = new int[64];

        private Scorer(int expected) {
            trie = new PathTrie(expected);
            int capacity = Math.max(16, expected + 1);
            cumulative = new long[capacity];
            minimum = new long[capacity];
            firstLayer = new int[capacity];
            chainHead = new int[capacity];
            Arrays.fill(chainHead, -1);
            stackedSize = new long[capacity];
            state = new byte[capacity];
            mark = new byte[capacity];
        }

        static Scorer score(List<LayerScan> scans) {
            long entries = 0;
            for (LayerScan s : scans) {
                entries += s.entries().size();
            }
            // entries plus some room for the parents they imply
            Scorer s = new Scorer((int) Math.min(1 << 28, entries + entries / 16 + 64));
            for (int i = 0; i < scans.size(); i++) {
                s.layer(scans.get(i).entries(), i + 1);
            }
            s.trie.freeze();
            int n = s.trie.size();
            s.cumulative = Arrays.copyOf(s.cumulative, n);
            s.minimum = Arrays.copyOf(s.minimum, n);
            s.firstLayer = Arrays.copyOf(s.firstLayer, n);
            s.chainHead = Arrays.copyOf(s.chainHead, n);
            s.stackedSize = null;
            s.state = null;
            s.mark = null;
            return s;
        }

        private void layer(List<FileEntry> entries, int layer) {
            int m = entries.size();
            int[] ids = new int[m];
            long[] sizes = new long[m];
            byte[] kinds = new byte[m];
            int k = 0;
            for (FileEntry e : entries) {
                kinds[k] = kind(e);
                if (kinds[k] != SKIP) {
                    String key = kinds[k] == WHITEOUT ? whiteoutKey(e.path()) : e.path();
                    ids[k] = node(key);
                    sizes[k] = e.size();
                }
                k++;
            }
            // 1. the layer's tree: which nodes it holds, which it holds explicitly, which have children in it
            for (k = m - 1; k >= 0; k--) {
                if (kinds[k] == SKIP) {
                    continue;
                }
                int n = ids[k];
                if (kinds[k] != OPAQUE) {
                    mark[n] |= EXPLICIT;
                }
                enter(n);
                for (int p = trie.parent(n); p != PathTrie.ROOT; p = trie.parent(p)) {
                    boolean known = (mark[p] & IN_LAYER) != 0;
                    mark[p] |= HAS_CHILD;
                    if (known) {
                        break;
                    }
                    enter(p);
                }
            }
            // 2. score the leaves against the stack of the layers below; the last entry of a path is the one kept
            for (k = m - 1; k >= 0; k--) {
                int n = ids[k];
                byte kind = kinds[k];
                if (kind == SKIP || (mark[n] & SCORED) != 0 || (kind == OPAQUE && (mark[n] & EXPLICIT) != 0)) {
                    continue;
                }
                mark[n] |= SCORED;
                if ((mark[n] & HAS_CHILD) == 0) {
                    scoreLeaf(n, kind == OPAQUE ? 0 : sizes[k], layer);
                }
            }
            // 3. stack: whiteouts first, then every other node of the layer, the last entry of a path winning
            for (int w = 0; w < whiteoutCount; w++) {
                int target = trie.siblingWithout(whiteouts[w], WHITEOUT_PREFIX.length(), false);
                if (target >= 0) {
                    removeSubtree(target);
                }
            }
            for (k = m - 1; k >= 0; k--) {
                int n = ids[k];
                byte kind = kinds[k];
                if (kind == SKIP) {
                    continue;
                }
                if ((mark[n] & STACKED) == 0 && (kind != OPAQUE || (mark[n] & EXPLICIT) == 0)) {
                    mark[n] |= STACKED;
                    put(n, kind == OPAQUE ? 0 : sizes[k], kind == DIRECTORY);
                }
                for (int p = trie.parent(n); p != PathTrie.ROOT; p = trie.parent(p)) {
                    if ((mark[p] & STACKED) != 0) {
                        break;
                    }
                    if ((mark[p] & EXPLICIT) == 0) {
                        mark[p] |= STACKED;
                        put(p, 0, false);
                    }
                }
            }
            for (int i = 0; i < layerNodeCount; i++) {
                mark[layerNodes[i]] = 0;
            }
            layerNodeCount = 0;
            whiteoutCount = 0;
        }

        private static byte kind(FileEntry e) {
            if (e.path().equals("/")) {
                return SKIP;
            }
            return switch (e.type()) {
                case WHITEOUT -> WHITEOUT;
                case OPAQUE_WHITEOUT -> OPAQUE;
                case DIRECTORY -> DIRECTORY;
                default -> FILE;
            };
        }

        private int node(String path) {
            return ensure(trie.find(path, true));
        }

        /** Grows the per-node arrays to hold node n. */
        private int ensure(int n) {
            if (n >= cumulative.length) {
                int cap = Math.max(n + 1, cumulative.length + (cumulative.length >> 1) + 16);
                cumulative = Arrays.copyOf(cumulative, cap);
                minimum = Arrays.copyOf(minimum, cap);
                firstLayer = Arrays.copyOf(firstLayer, cap);
                int old = chainHead.length;
                chainHead = Arrays.copyOf(chainHead, cap);
                Arrays.fill(chainHead, old, cap, -1);
                stackedSize = Arrays.copyOf(stackedSize, cap);
                state = Arrays.copyOf(state, cap);
                mark = Arrays.copyOf(mark, cap);
            }
            return n;
        }

        /** Marks a node as part of the current layer's tree. */
        private void enter(int n) {
            if ((mark[n] & IN_LAYER) != 0) {
                return;
            }
            mark[n] |= IN_LAYER;
            layerNodes = add(layerNodes, layerNodeCount++, n);
            if (trie.nameStartsWith(n, WHITEOUT_PREFIX)) {
                whiteouts = add(whiteouts, whiteoutCount++, n);
            }
        }

        /** A leaf: a whiteout scores what it deletes at its target's path, anything else its own size. */
        private void scoreLeaf(int n, long size, int layer) {
            if (trie.nameStartsWith(n, WHITEOUT_PREFIX)) {
                int target = ensure(trie.siblingWithout(n, WHITEOUT_PREFIX.length(), true));
                add(target, deletedSize(target), layer);
            } else {
                add(n, size, layer);
            }
        }

        private void add(int n, long size, int layer) {
            if (firstLayer[n] == 0) {
                firstLayer[n] = layer;
                cumulative[n] = size;
                minimum[n] = size;
                return;
            }
            cumulative[n] += size;
            minimum[n] = Math.min(minimum[n], size);
            chainLayer = add(chainLayer, chainLength, layer);
            chainNext = add(chainNext, chainLength, chainHead[n]);
            chainHead[n] = chainLength++;
        }

        private void put(int n, long size, boolean dir) {
            if (!trie.nameStartsWith(n, WHITEOUT_PREFIX)) {
                state[n] = (byte) (PRESENT | (dir ? DIR : 0));
                stackedSize[n] = size;
                trie.attach(n); // this layer's own whiteout may have detached it after it was looked up
            }
        }

        /** What a whiteout deletes in dive's stacked tree: a directory's subtree, 0 for a file or nothing. */
        private long deletedSize(int target) {
            if (state[target] != (PRESENT | DIR)) {
                return 0;
            }
            long size = stackedSize[target];
            int depth = 0;
            walk = add(walk, depth++, target);
            while (depth > 0) {
                int d = walk[--depth];
                for (int c = trie.firstChild(d); c >= 0; c = trie.nextSibling(c)) {
                    if ((state[c] & PRESENT) != 0) {
                        size += stackedSize[c];
                    }
                    if (mayHoldStacked(c)) {
                        walk = add(walk, depth++, c);
                    }
                }
            }
            return size;
        }

        private void removeSubtree(int target) {
            if (!mayHoldStacked(target)) {
                return;
            }
            int depth = 0;
            walk = add(walk, depth++, target);
            while (depth > 0) {
                int d = walk[--depth];
                state[d] = 0;
                for (int c = trie.firstChild(d); c >= 0; c = trie.nextSibling(c)) {
                    if (mayHoldStacked(c)) {
                        walk = add(walk, depth++, c);
                    }
                }
                // nothing below is stacked any more: later walks skip it until a layer adds below it again
                trie.detachChildren(d);
            }
        }

        /**
         * Whether stacked nodes may sit at or below n. Stacking a node stacks its parents and a whiteout removes a whole
         * subtree, so below a node not stacked nothing is, except under a ".wh." name (never stacked itself): pruning
         * there keeps repeated whiteouts of one big directory from walking its removed subtree again.
         */
        private boolean mayHoldStacked(int n) {
            return (state[n] & PRESENT) != 0 || trie.nameStartsWith(n, WHITEOUT_PREFIX);
        }

        private static int[] add(int[] array, int at, int value) {
            int[] a = at == array.length ? Arrays.copyOf(array, array.length + (array.length >> 1) + 16) : array;
            a[at] = value;
            return a;
        }

        private static String whiteoutKey(String hiddenPath) {
            int slash = hiddenPath.lastIndexOf('/');
            return hiddenPath.substring(0, slash + 1) + WHITEOUT_PREFIX + hiddenPath.substring(slash + 1);
        }
    }
}
