package io.github.imagehygiene.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayeredFilesystem;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * What takes the space: the largest files and directories of the final filesystem (a directory's size is the bytes
 * of the regular files below it, as {@code du --apparent-size} counts them), and the directories a chart shows.
 * Answers the first question a broken budget raises; computed once per analysis.
 *
 * @param totalBytes         the bytes of every regular file the container sees
 * @param largestFiles       the {@link #TOP} largest regular files, largest first, with the layer that added each
 * @param largestDirectories the {@link #TOP} largest directories ("/" left out), largest first
 * @param chart              the directories down to {@link #CHART_DEPTH} components holding at least
 *                           {@link #CHART_SHARE} of the image's file bytes, largest first
 * @param files              the {@link #FILES} largest regular files: what a diff against a baseline compares
 */
public record SizeAttribution(long totalBytes, List<PathSize> largestFiles, List<PathSize> largestDirectories,
        List<PathSize> chart, List<PathSize> files) {
    /** How many files and directories report.json lists. */
    public static final int TOP = 20;
    /** How many of the largest files report.json keeps for a later diff (a baseline). */
    public static final int FILES = 500;
    /** How many the console shows. */
    public static final int CONSOLE_TOP = 5;
    /** How deep the directory chart goes. */
    public static final int CHART_DEPTH = 3;
    /** The least share of the file bytes a directory of the chart holds. */
    public static final double CHART_SHARE = 0.005;

    public static SizeAttribution of(ImageAnalysis analysis) {
        return analysis.derived(SizeAttribution.class, a -> {
            LayeredFilesystem.SpaceUse use = a.filesystem().spaceUse(FILES, TOP, CHART_DEPTH,
                    Math.max(1, (long) (a.contentSize() * CHART_SHARE)));
            List<PathSize> files = use.largestFiles();
            return new SizeAttribution(use.totalBytes(), files.subList(0, Math.min(TOP, files.size())),
                    use.largestDirectories(), use.directories(), files);
        });
    }

    /**
     * The largest regular files one layer stores (whether or not a later layer hides them), largest first: what a
     * layer over its budget is made of.
     */
    public static List<PathSize> largestIn(ImageAnalysis analysis, int layer, int n) {
        List<PathSize> top = new ArrayList<>();
        Comparator<PathSize> order = Comparator.comparingLong(PathSize::size).reversed()
                .thenComparing(PathSize::path);
        for (FileEntry e : analysis.scans().get(layer - 1).entries()) {
            if (e.type() != EntryType.FILE || e.size() <= 0) {
                continue;
            }
            if (top.size() < n || e.size() >= top.get(top.size() - 1).size()) {
                top.add(new PathSize(e.path(), e.size(), layer));
                top.sort(order);
                if (top.size() > n) {
                    top.remove(top.size() - 1);
                }
            }
        }
        return List.copyOf(top);
    }
}
