package io.github.imagehygiene.rules.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.ImageDiff;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;

/**
 * The growth budgets' one measure: before and after, the growth in bytes and in percent of the baseline, against a
 * budget in bytes or percent; a breach says what grew most (the layers, packages and directories that came in).
 */
final class GrowthText {
    private GrowthText() {
    }

    /**
     * @param what       "image" or "compressed image"
     * @param compressed whether the compressed sizes are compared (they may be estimates)
     * @param limit      the budget; null when none is set
     * @param baseline   this platform's baseline, null without one
     * @param diff       the diff, null without a baseline or without this platform in it
     */
    static Outcome evaluate(String what, boolean compressed, SizeLimit limit, Baseline baseline, ImageDiff diff) {
        if (baseline != null && !baseline.hasPlatform()) {
            return Outcome.notSet(baseline.missing());
        }
        if (diff == null) {
            // a budget without a baseline is a configuration error; the rule is only ever NOT SET here
            return Outcome.notSet("no baseline, no budget set");
        }
        long before = compressed ? diff.size().compressedBefore() : diff.size().before();
        long after = compressed ? diff.size().compressedAfter() : diff.size().after();
        // a gzip estimate (a layer stored uncompressed) compared with a measured size: say which is one
        String was = compressed && diff.size().compressedBeforeEstimated() ? " (estimated)" : "";
        String is = compressed && diff.size().compressedAfterEstimated() ? " (estimated)" : "";
        long growth = after - before;
        String measured = human(before) + was + " → " + human(after) + is + ", " + signed(growth) + " ("
                + percent(growth, before) + ")";
        if (limit == null) {
            return Outcome.notSet(measured + ", no budget set");
        }
        long allowed = limit.bytes() != null ? limit.bytes().bytes() : (long) Math.floor(before * limit.fraction());
        String summary = measured + " of " + limit.text() + " allowed";
        if (growth <= allowed) {
            return Outcome.pass(summary);
        }
        String share = limit.fraction() == null ? ""
                : before <= 0 ? " (0 B: a share of an empty baseline allows nothing; budget the growth in bytes)"
                : " (" + human(allowed) + ")";
        return Outcome.breach(summary, Breach.ofImage(what + " grew by " + human(growth) + " ("
                + percent(growth, before) + ") from " + human(before) + was + " in the baseline to " + human(after)
                + is + ", " + human(growth - allowed) + " over the budget of " + limit.text() + share + "; "
                + grewMost(diff)));
    }

    /** "came in: layer #5 40.2 MB (RUN apt-get install ...); package pkg:deb/debian/gcc@12 12.1 MB; directory /usr/lib +30.1 MB". */
    static String grewMost(ImageDiff diff) {
        List<String> parts = new ArrayList<>();
        diff.layers().added().stream().sorted((a, b) -> Long.compare(b.contentSize(), a.contentSize())).limit(2)
                .forEach(l -> parts.add("layer #" + l.index() + " " + human(l.contentSize())
                        + (l.createdBy().isEmpty() ? "" : " (" + cut(l.createdBy(), 50) + ")")));
        if (diff.packages() != null) {
            diff.packages().added().stream().limit(2)
                    .forEach(p -> parts.add("package " + p.display() + " " + human(p.bytes())));
            diff.packages().changed().stream().filter(c -> c.bytesAfter() > c.bytesBefore()).limit(1)
                    .forEach(c -> parts.add("package " + c.identity() + " " + c.from() + " → " + c.to() + " "
                            + signed(c.bytesAfter() - c.bytesBefore())));
        }
        for (Map.Entry<String, Long> d : diff.files().directories().subList(0,
                Math.min(2, diff.files().directories().size()))) {
            parts.add("directory " + d.getKey() + " " + signed(d.getValue()));
        }
        return parts.isEmpty() ? "no layer, package or large file came in: the growth is in files below the largest"
                : "what grew most: " + String.join("; ", parts);
    }

    static String human(long bytes) {
        return ByteSize.human(bytes);
    }

    static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "-") + ByteSize.human(Math.abs(bytes));
    }

    static String percent(long growth, long before) {
        if (before <= 0) {
            return "new";
        }
        return String.format(Locale.ROOT, "%+.1f %%", 100.0 * growth / before);
    }

    private static String cut(String s, int width) {
        String t = s.replaceFirst("^/bin/sh -c #\\(nop\\)\\s*", "").replaceFirst("^/bin/sh -c ", "RUN ").strip();
        return io.github.imagehygiene.common.OneLine.cut(t, width);
    }
}
