package io.github.imagehygiene.rules.hygiene;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.common.ByteSize;

/** How the hygiene rules name layers, bytes and ratios in their messages. */
final class Text {
    static final int INSTRUCTION_WIDTH = 50;

    private Text() {
    }

    /** "#3 (RUN apt-get update && apt-get install -y --no-ins...)", or "#3" when the history says nothing. */
    static String layer(ImageAnalysis a, int index) {
        String instruction = instruction(a, index);
        return "#" + index + (instruction.isEmpty() ? "" : " (" + cut(instruction, INSTRUCTION_WIDTH) + ")");
    }

    static String instruction(ImageAnalysis a, int index) {
        if (index < 1 || index > a.layers().size()) {
            return "";
        }
        LayerSummary l = a.layers().get(index - 1);
        return l.instruction();
    }

    /** "#1 31.9 MB (...), #2 78.6 MB (RUN ...)" or, for one layer, "#2 (RUN ...)". */
    static String layersWithBytes(ImageAnalysis a, Map<Integer, Long> bytesByLayer) {
        if (bytesByLayer.size() == 1) {
            return layer(a, bytesByLayer.keySet().iterator().next());
        }
        List<String> parts = new ArrayList<>();
        bytesByLayer.forEach((layer, bytes) -> {
            String instruction = instruction(a, layer);
            parts.add("#" + layer + " " + ByteSize.human(bytes)
                    + (instruction.isEmpty() ? "" : " (" + cut(instruction, INSTRUCTION_WIDTH) + ")"));
        });
        return String.join(", ", parts);
    }

    static String bytes(long value) {
        return ByteSize.human(value);
    }

    /** "48.35 %" of a fraction. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** A configured fraction as a percentage, as plain as it was written: 0.1 → "10 %". */
    static String percentLimit(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    /** A ratio with four decimals, more when needed to tell it from {@code other}. */
    static String ratio(double value, double other) {
        for (int digits = 4; digits <= 10; digits++) {
            String v = String.format(Locale.ROOT, "%." + digits + "f", value);
            if (value == other || new BigDecimal(v).compareTo(BigDecimal.valueOf(other)) != 0) {
                return v;
            }
        }
        return Double.toString(value);
    }

    /** A configured number as the user wrote it: 0.9, 0.1, 1. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String cut(String s, int width) {
        return io.github.imagehygiene.common.OneLine.cut(s, width);
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The layer that added the most bytes (the lower one on a tie); {@code otherwise} when none added any. */
    static int mainLayer(Map<Integer, Long> bytesByLayer, int otherwise) {
        int layer = otherwise;
        long most = -1;
        for (Map.Entry<Integer, Long> e : bytesByLayer.entrySet()) {
            if (e.getValue() > most) {
                most = e.getValue();
                layer = e.getKey();
            }
        }
        return layer;
    }
}
