package io.github.imagehygiene.robustness;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Locale;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * Run by {@link ResourceBoundsTest} in a JVM of its own (small heap): analyses an image, builds and walks its
 * filesystem, measures the heap the results keep, then runs the whole check; prints what it found, one fact a line.
 *
 * <p>Arguments: IMAGE REPORT_DIR
 */
public final class BigLayerProbe {
    private BigLayerProbe() {
    }

    public static void main(String[] args) {
        String image = args[0];
        Path report = Path.of(args[1]);
        boolean checkOnly = args.length > 2 && args[2].equals("check-only");
        if (!checkOnly) {
            measure(image);
        }
        // the whole check, as the goal runs it: read, analyse, every rule, report
        try {
            long before = checkOnly ? 0 : usedAfterGc();
            CheckResult result = new ImageCheck(CheckSettings.builder().image(image)
                    .reportDirectory(report).toolVersion("test").build(), LogSink.NONE).run();
            if (checkOnly) {
                facts(result.analysis(), result.analysis().filesystem());
            } else {
                // what the result keeps: the entries, the filesystem and every analysis the rules derived from them
                long entries = 0;
                for (LayerScan s : result.analysis().scans()) {
                    entries += s.entries().size();
                }
                long after = usedAfterGc();
                System.out.printf(Locale.ROOT, "checkRetainedBytes=%d bytesPerEntry=%.1f%n", after - before,
                        (after - before) / (double) entries);
            }
            System.out.println("verdict=" + result.verdict());
            Reference.reachabilityFence(result);
        } catch (OutOfMemoryError e) {
            System.out.println("wholeCheck=OutOfMemoryError in " + culprit(e));
            // where, for whoever makes it compact
            for (StackTraceElement f : e.getStackTrace()) {
                System.err.println("\tat " + f);
            }
        }
    }

    /** Reads the image, builds and walks its filesystem, and prints what the results keep of the heap. */
    private static void measure(String image) {
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        ImageAnalysis a = new ImageCheck(CheckSettings.builder().image(image).build(), LogSink.NONE)
                .analyse();
        LayeredFilesystem fs = a.filesystem();
        long walked = 0;
        for (LayeredFilesystem.Node n : fs.nodes()) {
            walked += n.layer() > 0 ? 1 : 0;
        }
        long t1 = System.nanoTime();
        long after = usedAfterGc();
        long entries = facts(a, fs);
        System.out.println("walked=" + walked);
        System.out.printf(Locale.ROOT, "retainedBytes=%d bytesPerEntry=%.1f seconds=%.1f maxHeap=%d%n",
                after - before, (after - before) / (double) entries, (t1 - t0) / 1e9, Runtime.getRuntime().maxMemory());
        Reference.reachabilityFence(a);
        Reference.reachabilityFence(fs);
    }

    /** Prints the entries, visible paths, top layer and its largest entry; returns the number of entries. */
    private static long facts(ImageAnalysis a, LayeredFilesystem fs) {
        long entries = 0;
        for (LayerScan s : a.scans()) {
            entries += s.entries().size();
        }
        LayerScan top = a.scans().get(a.scans().size() - 1);
        FileEntry largest = top.entries().stream().max(java.util.Comparator.comparingLong(FileEntry::size))
                .orElseThrow();
        System.out.println("entries=" + entries);
        System.out.println("visible=" + fs.size());
        System.out.println("topLayerSize=" + top.size());
        System.out.println("largest=" + largest.path() + " " + largest.type() + " " + largest.size());
        return entries;
    }

    /** The first frame of ours in an error's stack. */
    static String culprit(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("io.github.imagehygiene.")) {
                return f.getClassName() + "." + f.getMethodName();
            }
        }
        return "?";
    }

    static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
