package io.github.imagehygiene.layer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The filesystem a container sees: the layers applied bottom to top, whiteouts hiding what lower layers added. Each
 * visible path knows the layer that put it there.
 */
public final class LayeredFilesystem {
    private final NavigableMap<String, Node> nodes;
    private final List<LayerScan> scans;

    /** A visible entry and the 1-based index of the layer it comes from. */
    public record Node(FileEntry entry, int layer) {
    }

    private LayeredFilesystem(NavigableMap<String, Node> nodes, List<LayerScan> scans) {
        this.nodes = nodes;
        this.scans = scans;
    }

    public static LayeredFilesystem build(List<LayerScan> scans) {
        TreeMap<String, Node> nodes = new TreeMap<>();
        for (int i = 0; i < scans.size(); i++) {
            List<FileEntry> entries = scans.get(i).entries();
            // A layer's whiteouts hide only what lower layers added, wherever they sit in the layer's tar.
            for (FileEntry e : entries) {
                if (e.type() == EntryType.WHITEOUT) {
                    nodes.remove(e.path());
                    subtree(nodes, e.path()).clear();
                } else if (e.type() == EntryType.OPAQUE_WHITEOUT) {
                    subtree(nodes, e.path()).clear();
                }
            }
            for (FileEntry e : entries) {
                if (e.isWhiteout()) {
                    continue;
                }
                Node previous = nodes.put(e.path(), new Node(e, i + 1));
                if (previous != null && previous.entry().type() == EntryType.DIRECTORY
                        && e.type() != EntryType.DIRECTORY) {
                    subtree(nodes, e.path()).clear(); // a file replacing a directory replaces its content too
                }
            }
        }
        return new LayeredFilesystem(Collections.unmodifiableNavigableMap(nodes), scans);
    }

    /** Everything strictly below {@code dir}. */
    static NavigableMap<String, Node> subtree(NavigableMap<String, Node> nodes, String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        return nodes.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    public Optional<Node> get(String path) {
        return Optional.ofNullable(nodes.get(path));
    }

    /** Every visible entry, by path. */
    public Collection<Node> nodes() {
        return nodes.values();
    }

    /** The visible entries strictly below a directory, by path. */
    public Collection<Node> below(String dir) {
        return subtree(nodes, dir).values();
    }

    public int size() {
        return nodes.size();
    }

    /**
     * What a collector kept of the visible file at {@code path}: from the layer that file comes from, so a file
     * replaced or deleted later does not count.
     */
    public <T> Optional<T> collected(ContentCollector<T> collector, String path) {
        Node node = nodes.get(path);
        if (node == null) {
            return Optional.empty();
        }
        for (Collected c : scans.get(node.layer() - 1).collected()) {
            if (c.collector().equals(collector.id()) && c.path().equals(path)) {
                @SuppressWarnings("unchecked")
                T value = (T) c.value();
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Everything a collector kept of files still visible, in path order. */
    public <T> List<T> collectedVisible(ContentCollector<T> collector) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            for (Collected c : scans.get(i).collected()) {
                Node node = nodes.get(c.path());
                if (c.collector().equals(collector.id()) && node != null && node.layer() == i + 1) {
                    @SuppressWarnings("unchecked")
                    T value = (T) c.value();
                    out.add(value);
                }
            }
        }
        return out;
    }
}
