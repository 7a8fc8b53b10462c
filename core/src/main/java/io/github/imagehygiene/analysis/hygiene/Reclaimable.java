package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.PathTrie;

/**
 * Bytes stored in some layer but not visible in the final filesystem: every push and pull carries them, no container
 * sees them. Each stored copy of a regular file that a later layer hides counts once, with the layer that added it
 * and the layer that hid it:
 * <ul>
 * <li>{@link How#OVERWRITTEN}: a later layer wrote the path again (or replaced the file by a directory, or a
 * directory holding it by a file);
 * <li>{@link How#METADATA}: a later layer changed only mode or owner (chmod, chown): the layer format stores the
 * whole file again;
 * <li>{@link How#DELETED}: a file whiteout ({@code rm file});
 * <li>{@link How#DIRECTORY_DELETED}: a directory whiteout ({@code rm -rf dir}) hid it with its directory;
 * <li>{@link How#OPAQUE}: an opaque directory (deleted and re-created in one step) hid the lower content.
 * </ul>
 * A file still reachable through a visible hard link of its own layer is not counted.
 */
public final class Reclaimable {
    /** How a later layer hid a stored file. */
    public enum How {
        OVERWRITTEN("overwritten", "overwritten by"),
        METADATA("metadata", "copied again by a mode/owner-only change (chmod/chown) in"),
        DELETED("deleted", "deleted by"),
        DIRECTORY_DELETED("directory-deleted", "deleted with its directory by"),
        OPAQUE("opaque", "hidden by an opaque directory in");

        private final String id;
        private final String phrase;

        How(String id, String phrase) {
            this.id = id;
            this.phrase = phrase;
        }

        /** As report.json names it: overwritten, metadata, deleted, directory-deleted, opaque. */
        public String id() {
            return id;
        }

        /** "deleted by", to be followed by the hiding layer. */
        public String phrase() {
            return phrase;
        }
    }

    /**
     * One stored copy nobody sees.
     *
     * @param path     the file's path
     * @param bytes    its size in the layer that added it
     * @param addedIn  1-based index of the layer that stored it
     * @param hiddenIn 1-based index of the layer that hid it
     * @param how      how that layer hid it
     */
    public record Item(String path, long bytes, int addedIn, int hiddenIn, How how) {
    }

    private static final Comparator<Item> LARGEST_FIRST = Comparator.comparingLong(Item::bytes).reversed()
            .thenComparing(Item::path).thenComparingInt(Item::addedIn);

    private final List<Item> items;
    private final long imageContentBytes;

    private Reclaimable(List<Item> items, long imageContentBytes) {
        this.items = items;
        this.imageContentBytes = imageContentBytes;
    }

    /** Computed once per analysis. */
    public static Reclaimable of(ImageAnalysis analysis) {
        return analysis.derived(Reclaimable.class, a -> new Reclaimable(compute(a.scans()),
                a.contentSize()));
    }

    /** Every reclaimable copy, largest first. */
    public List<Item> items() {
        return items;
    }

    /** The reclaimable copies whose path is not ignored, largest first. */
    public List<Item> items(PathGlobs ignore) {
        if (ignore == null || ignore.isEmpty()) {
            return items;
        }
        return items.stream().filter(i -> !ignore.ignores(i.path())).toList();
    }

    public long bytes() {
        return bytes(PathGlobs.NONE);
    }

    public long bytes(PathGlobs ignore) {
        return items(ignore).stream().mapToLong(Item::bytes).sum();
    }

    /** The summed entry sizes of all layers: what "% of the image" is measured against. */
    public long imageContentBytes() {
        return imageContentBytes;
    }

    private static List<Item> compute(List<LayerScan> scans) {
        return new Replay(scans).run();
    }

    /**
     * Applies the layers bottom to top, remembering for every path the layer and entry that put it there. The state is
     * a {@link PathTrie} and arrays by node rather than a map of strings to entries, so a layer of a million files
     * costs about 50 bytes a path, and only while this runs.
     */
    private static final class Replay {
        private static final EntryType[] TYPES = EntryType.values();
        private final List<LayerScan> scans;
        private final PathTrie trie;
        /** Per node: 1-based layer of the entry that put the path there (0: absent), its index and type. */
        private int[] layerOf;
        private int[] entryOf;
        private byte[] typeOf;
        private int[] walk = new int[64];
        private final List<Item> out = new ArrayList<>();

        Replay(List<LayerScan> scans) {
            this.scans = scans;
            long entries = 0;
            for (LayerScan s : scans) {
                entries += s.entries().size();
            }
            int expected = (int) Math.min(1 << 28, entries + entries / 16 + 64);
            trie = new PathTrie(expected);
            layerOf = new int[expected + 1];
            entryOf = new int[expected + 1];
            typeOf = new byte[expected + 1];
        }

        List<Item> run() {
            for (int i = 0; i < scans.size(); i++) {
                int layer = i + 1;
                List<FileEntry> entries = scans.get(i).entries();
                // A layer's whiteouts hide what the layers below stored, wherever they sit in its tar.
                for (FileEntry e : entries) {
                    if (e.type() == EntryType.WHITEOUT) {
                        int n = trie.find(e.path(), false);
                        if (n >= 0) {
                            if (layerOf[n] > 0) {
                                hide(n, layer, typeOf[n] == EntryType.DIRECTORY.ordinal() ? How.DIRECTORY_DELETED
                                        : How.DELETED);
                            }
                            hideBelow(n, layer, How.DIRECTORY_DELETED);
                        }
                    } else if (e.type() == EntryType.OPAQUE_WHITEOUT) {
                        int n = trie.find(e.path(), false);
                        if (n >= 0) {
                            hideBelow(n, layer, How.OPAQUE);
                        }
                    }
                }
                int index = 0;
                for (FileEntry e : entries) {
                    int k = index++;
                    if (e.isWhiteout()) {
                        continue;
                    }
                    int n = node(e.path());
                    if (layerOf[n] > 0) {
                        EntryType previous = TYPES[typeOf[n]];
                        if (previous == EntryType.DIRECTORY && e.type() != EntryType.DIRECTORY) {
                            hideBelow(n, layer, How.OVERWRITTEN);
                        }
                        if (previous != EntryType.DIRECTORY) {
                            FileEntry p = previous == EntryType.FILE && e.type() == EntryType.FILE ? entry(n) : null;
                            boolean metadataOnly = p != null && e.size() == p.size()
                                    && (e.mode() != p.mode() || e.uid() != p.uid() || e.gid() != p.gid());
                            hide(n, layer, metadataOnly ? How.METADATA : How.OVERWRITTEN);
                        }
                    }
                    layerOf[n] = layer;
                    entryOf[n] = k;
                    typeOf[n] = (byte) e.type().ordinal();
                }
            }
            // Content still reachable through a visible hard link of the same layer is not reclaimable.
            Set<String> linked = new HashSet<>();
            for (int n = 0; n < trie.size(); n++) {
                if (layerOf[n] > 0 && typeOf[n] == EntryType.HARDLINK.ordinal()) {
                    String target = entry(n).linkTarget();
                    if (target != null) {
                        linked.add(layerOf[n] + ":" + target);
                    }
                }
            }
            out.removeIf(item -> linked.contains(item.addedIn() + ":" + item.path()));
            out.sort(LARGEST_FIRST);
            return List.copyOf(out);
        }

        private FileEntry entry(int n) {
            return scans.get(layerOf[n] - 1).entries().get(entryOf[n]);
        }

        private int node(String path) {
            int n = trie.find(path, true);
            if (n >= layerOf.length) {
                int cap = Math.max(n + 1, layerOf.length + (layerOf.length >> 1) + 16);
                layerOf = Arrays.copyOf(layerOf, cap);
                entryOf = Arrays.copyOf(entryOf, cap);
                typeOf = Arrays.copyOf(typeOf, cap);
            }
            return n;
        }

        private void hide(int n, int layer, How how) {
            if (layerOf[n] == 0) {
                return;
            }
            if (typeOf[n] == EntryType.FILE.ordinal()) {
                long size = entry(n).size();
                if (size > 0) {
                    out.add(new Item(trie.path(n), size, layerOf[n], layer, how));
                }
            }
            layerOf[n] = 0;
        }

        /**
         * Hides everything below a node (paths without their parents' entries included). Nothing below is left, so
         * the subtree is detached from the walks until a later layer adds below it again.
         */
        private void hideBelow(int dir, int layer, How how) {
            int depth = 0;
            for (int c = trie.firstChild(dir); c >= 0; c = trie.nextSibling(c)) {
                walk = push(walk, depth++, c);
            }
            trie.detachChildren(dir);
            while (depth > 0) {
                int n = walk[--depth];
                hide(n, layer, how);
                for (int c = trie.firstChild(n); c >= 0; c = trie.nextSibling(c)) {
                    walk = push(walk, depth++, c);
                }
                trie.detachChildren(n);
            }
        }

        private static int[] push(int[] stack, int at, int value) {
            int[] s = at == stack.length ? Arrays.copyOf(stack, stack.length * 2) : stack;
            s[at] = value;
            return s;
        }
    }
}
