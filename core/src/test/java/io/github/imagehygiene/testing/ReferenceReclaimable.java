package io.github.imagehygiene.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.hygiene.Reclaimable.How;
import io.github.imagehygiene.analysis.hygiene.Reclaimable.Item;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Reclaimable copies as first written, with a TreeMap from path to the entry that put it there: the oracle the
 * compact {@link io.github.imagehygiene.analysis.hygiene.Reclaimable} is compared with. One correction since: what an
 * opaque marker or a whiteout hides below the root no longer includes the root's own entry.
 */
public final class ReferenceReclaimable {
    private ReferenceReclaimable() {
    }

    private record Slot(FileEntry entry, int layer) {
    }

    public static List<Item> compute(List<List<FileEntry>> scans) {
        TreeMap<String, Slot> state = new TreeMap<>();
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            int layer = i + 1;
            List<FileEntry> entries = scans.get(i);
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
        out.sort(Comparator.comparingLong(Item::bytes).reversed().thenComparing(Item::path)
                .thenComparingInt(Item::addedIn));
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
            // below "/" is not "/" itself (a hostile layer may give the root a file entry; the fuzzer found one)
            if (!path.equals(dir)) {
                hide(state, path, layer, how, out);
            }
        }
    }
}
