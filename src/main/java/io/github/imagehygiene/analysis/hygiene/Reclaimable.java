package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;

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

    private record Slot(FileEntry entry, int layer) {
    }

    private static List<Item> compute(List<LayerScan> scans) {
        TreeMap<String, Slot> state = new TreeMap<>();
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            int layer = i + 1;
            List<FileEntry> entries = scans.get(i).entries();
            // A layer's whiteouts hide what the layers below stored, wherever they sit in its tar.
            for (FileEntry e : entries) {
                if (e.type() == EntryType.WHITEOUT) {
                    Slot target = state.get(e.path());
                    if (target != null) {
                        hide(state, e.path(), layer, target.entry().type() == EntryType.DIRECTORY
                                ? How.DIRECTORY_DELETED : How.DELETED, out);
                    }
                    hideBelow(state, e.path(), layer, How.DIRECTORY_DELETED, out);
                } else if (e.type() == EntryType.OPAQUE_WHITEOUT) {
                    hideBelow(state, e.path(), layer, How.OPAQUE, out);
                }
            }
            for (FileEntry e : entries) {
                if (e.isWhiteout()) {
                    continue;
                }
                Slot previous = state.get(e.path());
                if (previous != null) {
                    FileEntry p = previous.entry();
                    if (p.type() == EntryType.DIRECTORY && e.type() != EntryType.DIRECTORY) {
                        hideBelow(state, e.path(), layer, How.OVERWRITTEN, out);
                    }
                    if (p.type() != EntryType.DIRECTORY) {
                        boolean metadataOnly = e.type() == EntryType.FILE && p.type() == EntryType.FILE
                                && e.size() == p.size()
                                && (e.mode() != p.mode() || e.uid() != p.uid() || e.gid() != p.gid());
                        hide(state, e.path(), layer, metadataOnly ? How.METADATA : How.OVERWRITTEN, out);
                    }
                }
                state.put(e.path(), new Slot(e, layer));
            }
        }
        // Content still reachable through a visible hard link of the same layer is not reclaimable.
        Set<String> linked = new HashSet<>();
        for (Slot s : state.values()) {
            if (s.entry().type() == EntryType.HARDLINK && s.entry().linkTarget() != null) {
                linked.add(s.layer() + ":" + s.entry().linkTarget());
            }
        }
        out.removeIf(item -> linked.contains(item.addedIn() + ":" + item.path()));
        out.sort(LARGEST_FIRST);
        return List.copyOf(out);
    }

    private static void hide(TreeMap<String, Slot> state, String path, int layer, How how, List<Item> out) {
        Slot slot = state.remove(path);
        if (slot != null && slot.entry().type() == EntryType.FILE && slot.entry().size() > 0) {
            out.add(new Item(path, slot.entry().size(), slot.layer(), layer, how));
        }
    }

    private static void hideBelow(TreeMap<String, Slot> state, String dir, int layer, How how, List<Item> out) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        NavigableMap<String, Slot> below = state.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
        for (String path : List.copyOf(below.keySet())) {
            hide(state, path, layer, how, out);
        }
    }
}
