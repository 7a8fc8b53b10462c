package io.github.imagehygiene.rules.budget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/** Names layers in messages: "#2 161.1 MB (RUN apt-get install ...)". */
final class LayerList {
    private static final int INSTRUCTION_WIDTH = 50;

    private LayerList() {
    }

    /** The three largest layers by {@code measure}, largest first, in the unit family of {@code limit}. */
    static String largest(List<LayerSummary> layers, ToLongFunction<LayerSummary> measure, ByteSize limit) {
        List<LayerSummary> sorted = new ArrayList<>(layers);
        sorted.sort(Comparator.comparingLong(measure).reversed().thenComparingInt(LayerSummary::index));
        List<String> parts = new ArrayList<>();
        for (LayerSummary l : sorted.subList(0, Math.min(3, sorted.size()))) {
            if (measure.applyAsLong(l) > 0) {
                parts.add(describe(l, measure.applyAsLong(l), limit));
            }
        }
        return String.join(", ", parts);
    }

    /** "/usr/lib/jvm/…/libjvm.so 22.4 MB (#2), /app/app.jar 20.1 MB (#5)": files, in the unit family of limit. */
    static String files(List<PathSize> files, ByteSize limit, boolean withLayer) {
        List<String> parts = new ArrayList<>();
        for (PathSize f : files) {
            parts.add(f.path() + " " + limit.formatCompact(f.size()) + (withLayer ? " (#" + f.layer() + ")" : ""));
        }
        return String.join(", ", parts);
    }

    static String describe(LayerSummary l, long bytes, ByteSize limit) {
        String instruction = l.instruction();
        return "#" + l.index() + " " + limit.formatCompact(bytes)
                + (instruction.isEmpty() ? "" : " (" + cut(instruction, INSTRUCTION_WIDTH) + ")");
    }

    static String cut(String s, int width) {
        return io.github.imagehygiene.common.OneLine.cut(s, width);
    }
}
