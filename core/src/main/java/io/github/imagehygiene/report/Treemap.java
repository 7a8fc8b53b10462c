package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * The squarified treemap of the HTML report (Bruls, Huizing and van Wijk, 2000): rectangles whose areas are the
 * directories' sizes, laid out in rows that keep them as square as possible, so that a large directory reads as large.
 */
final class Treemap {
    private Treemap() {
    }

    /** A directory of the chart and its sub-directories in it, largest first. */
    record Node(String path, long size, List<Node> children) {
    }

    /**
     * The directories nested by path under a root of {@code total} bytes; a directory whose parent is not in the list
     * hangs from its nearest listed ancestor.
     *
     * @param dirs largest first (as {@link io.github.imagehygiene.analysis.SizeAttribution#chart()} gives them)
     */
    static Node tree(List<PathSize> dirs, long total) {
        Node root = new Node("/", total, new ArrayList<>());
        Map<String, Node> byPath = new HashMap<>();
        byPath.put("/", root);
        // parents before children: a parent holds at least what any child holds, and comes first on a tie by path
        List<PathSize> sorted = new ArrayList<>(dirs);
        sorted.sort((a, b) -> Integer.compare(depth(a.path()), depth(b.path())));
        for (PathSize d : sorted) {
            Node parent = null;
            for (String p = parentOf(d.path()); parent == null; p = parentOf(p)) {
                parent = byPath.get(p);
            }
            Node n = new Node(d.path(), d.size(), new ArrayList<>());
            parent.children().add(n);
            byPath.put(d.path(), n);
        }
        sortChildren(root);
        return root;
    }

    private static void sortChildren(Node n) {
        n.children().sort((a, b) -> a.size() != b.size() ? Long.compare(b.size(), a.size())
                : a.path().compareTo(b.path()));
        n.children().forEach(Treemap::sortChildren);
    }

    private static int depth(String path) {
        return path.equals("/") ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /**
     * Lays out values (largest first) in the rectangle, scaled so that {@code whole} fills it: what the values do not
     * cover stays empty (a directory's own files, or what the chart left out).
     *
     * @return one {x, y, width, height} per value, in the values' order
     */
    static List<double[]> squarify(long[] values, long whole, double x, double y, double w, double h) {
        List<double[]> out = new ArrayList<>();
        double scale = whole <= 0 ? 0 : w * h / whole;
        double[] areas = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            areas[i] = values[i] * scale;
        }
        int i = 0;
        double rx = x;
        double ry = y;
        double rw = w;
        double rh = h;
        while (i < areas.length) {
            double side = Math.min(rw, rh);
            if (side <= 0) {
                break;
            }
            int end = i + 1;
            double sum = areas[i];
            while (end < areas.length && worst(areas, i, end + 1, sum + areas[end], side)
                    <= worst(areas, i, end, sum, side)) {
                sum += areas[end];
                end++;
            }
            double thickness = sum / side;
            double offset = 0;
            for (int k = i; k < end; k++) {
                double length = thickness == 0 ? 0 : areas[k] / thickness;
                if (rw >= rh) {
                    out.add(new double[] {rx, ry + offset, thickness, length});
                } else {
                    out.add(new double[] {rx + offset, ry, length, thickness});
                }
                offset += length;
            }
            if (rw >= rh) {
                rx += thickness;
                rw -= thickness;
            } else {
                ry += thickness;
                rh -= thickness;
            }
            i = end;
        }
        while (out.size() < values.length) {
            out.add(new double[] {x, y, 0, 0});
        }
        return out;
    }

    /** The worst aspect ratio of a row of areas laid along a side. */
    private static double worst(double[] areas, int from, int to, double sum, double side) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (int k = from; k < to; k++) {
            max = Math.max(max, areas[k]);
            min = Math.min(min, areas[k]);
        }
        if (sum == 0 || min == 0) {
            return Double.MAX_VALUE;
        }
        double s2 = side * side;
        double sum2 = sum * sum;
        return Math.max(s2 * max / sum2, sum2 / (s2 * min));
    }
}
