package io.github.imagehygiene.analysis.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.Collected;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * Every file of every layer in which the secret scanner found something, visible or not: a secret deleted or
 * replaced by a later layer is still stored in the image, and whoever pulls it can read it.
 */
public final class SecretInventory {
    private SecretInventory() {
    }

    /**
     * A file holding secrets, as one layer stored it.
     *
     * @param path     the file's path
     * @param layer    the 1-based layer that stored this copy
     * @param hits     what was found, masked
     * @param hiddenIn the layer that deleted or replaced it; 0 when it is visible in the final filesystem
     * @param replaced whether {@code hiddenIn} replaced the file (else deleted it or a directory above it)
     */
    public record Item(String path, int layer, List<SecretHit> hits, int hiddenIn, boolean replaced) {
        public boolean visible() {
            return hiddenIn == 0;
        }
    }

    /** The files with secrets, by layer, then in tar order. */
    public static List<Item> of(ImageAnalysis analysis, String collectorId) {
        List<LayerScan> scans = analysis.scans();
        LayeredFilesystem fs = analysis.filesystem();
        List<Item> items = new ArrayList<>();
        Map<String, List<int[]>> pending = new HashMap<>(); // path or ancestor -> (item index, layer)
        for (int i = 0; i < scans.size(); i++) {
            int layer = i + 1;
            for (Collected c : scans.get(i).collected()) {
                if (!c.collector().equals(collectorId) || !(c.value() instanceof List<?> list) || list.isEmpty()) {
                    continue;
                }
                List<SecretHit> hits = new ArrayList<>();
                for (Object o : list) {
                    hits.add((SecretHit) o);
                }
                Optional<LayeredFilesystem.Node> node = fs.get(c.path());
                boolean visible = node.isPresent() && node.get().layer() == layer;
                items.add(new Item(c.path(), layer, List.copyOf(hits), visible ? 0 : -1, false));
                if (!visible) {
                    int index = items.size() - 1;
                    String p = c.path();
                    while (true) {
                        pending.computeIfAbsent(p, k -> new ArrayList<>()).add(new int[] {index, layer});
                        int slash = p.lastIndexOf('/');
                        if (slash <= 0) {
                            break;
                        }
                        p = p.substring(0, slash);
                    }
                }
            }
        }
        if (!pending.isEmpty()) {
            // one pass over the later layers' entries: the first one above a stored copy that hides it
            for (int i = 0; i < scans.size(); i++) {
                int layer = i + 1;
                for (FileEntry e : scans.get(i).entries()) {
                    List<int[]> waiting = pending.get(e.path());
                    if (waiting == null) {
                        continue;
                    }
                    for (int[] w : waiting) {
                        Item item = items.get(w[0]);
                        if (item.hiddenIn() >= 0 || w[1] >= layer) {
                            continue;
                        }
                        boolean self = e.path().equals(item.path());
                        boolean hides = e.type() == EntryType.WHITEOUT
                                || (e.type() == EntryType.OPAQUE_WHITEOUT && !self)
                                || (self && !e.isWhiteout())
                                || (!self && !e.isWhiteout() && e.type() != EntryType.DIRECTORY);
                        if (hides) {
                            items.set(w[0], new Item(item.path(), item.layer(), item.hits(), layer,
                                    self && !e.isWhiteout()));
                        }
                    }
                }
            }
        }
        List<Item> out = new ArrayList<>();
        for (Item item : items) {
            // hidden by nothing above it: a later entry of the same layer's tar replaced it
            out.add(item.hiddenIn() < 0 ? new Item(item.path(), item.layer(), item.hits(), item.layer(), true) : item);
        }
        return List.copyOf(out);
    }
}
