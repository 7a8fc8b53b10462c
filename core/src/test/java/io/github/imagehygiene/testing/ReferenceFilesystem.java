package io.github.imagehygiene.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;

/**
 * The layered filesystem as first written, with a TreeMap of paths: simple enough to be obviously right, and the
 * oracle the compact {@link io.github.imagehygiene.layer.LayeredFilesystem} is compared with (same visible paths,
 * same order, same owning layer and entry).
 */
public final class ReferenceFilesystem {
    /** A visible entry and its 1-based layer. */
    public record Visible(FileEntry entry, int layer) {
    }

    private final TreeMap<String, Visible> nodes = new TreeMap<>();

    public static ReferenceFilesystem build(List<List<FileEntry>> layers) {
        ReferenceFilesystem fs = new ReferenceFilesystem();
        for (int i = 0; i < layers.size(); i++) {
            List<FileEntry> entries = layers.get(i);
            for (FileEntry e : entries) {
                if (e.type() == EntryType.WHITEOUT) {
                    fs.nodes.remove(e.path());
                    subtree(fs.nodes, e.path()).clear();
                } else if (e.type() == EntryType.OPAQUE_WHITEOUT) {
                    subtree(fs.nodes, e.path()).clear();
                }
            }
            for (FileEntry e : entries) {
                if (e.isWhiteout()) {
                    continue;
                }
                Visible previous = fs.nodes.put(e.path(), new Visible(e, i + 1));
                if (previous != null && previous.entry().type() == EntryType.DIRECTORY
                        && e.type() != EntryType.DIRECTORY) {
                    subtree(fs.nodes, e.path()).clear();
                }
            }
        }
        return fs;
    }

    /**
     * Everything strictly below {@code dir}. (The first implementation took "/" itself for below "/", so an opaque
     * marker at the root hid the root's own entry; the reference keeps to "strictly below", as documented.)
     */
    static NavigableMap<String, Visible> subtree(NavigableMap<String, Visible> nodes, String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        return nodes.subMap(prefix, false, prefix + Character.MAX_VALUE, false);
    }

    public Visible get(String path) {
        return nodes.get(path);
    }

    public List<Visible> nodes() {
        return new ArrayList<>(nodes.values());
    }

    public List<Visible> below(String dir) {
        return new ArrayList<>(subtree(nodes, dir).values());
    }

    public int size() {
        return nodes.size();
    }
}
