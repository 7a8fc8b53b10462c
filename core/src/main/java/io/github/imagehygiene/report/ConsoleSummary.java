package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.archive.Digests;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;
import io.github.imagehygiene.report.sbom.InventoryReport;
import io.github.imagehygiene.gate.RuleVerdict;

/** The console summary: one row per layer, totals, and each rule's verdict. */
public final class ConsoleSummary {
    private static final int CREATED_BY_WIDTH = 60;

    private ConsoleSummary() {
    }

    public static List<String> lines(CheckResult result) {
        ImageAnalysis a = result.analysis();
        Image image = a.image();
        List<String> out = new ArrayList<>();
        out.add("Image " + image.source() + " (" + image.format().id() + ", " + image.platform() + ")");
        out.add("  digest " + image.digest() + (image.repoTags().isEmpty() ? "" : ", tags " + String.join(" ",
                image.repoTags())));
        BaseImage base = BaseImage.of(a);
        BaseLayers baseLayers = base.layers();
        out.add(String.format(Locale.ROOT, "  %4s  %10s  %10s  %7s  %-4s  %s", "#", "SIZE", "COMPRESSED", "FILES",
                "BASE", "CREATED BY"));
        for (LayerSummary l : a.layers()) {
            out.add(String.format(Locale.ROOT, "  %4d  %10s  %10s  %7d  %-4s  %s", l.index(),
                    ByteSize.human(l.contentSize()), ByteSize.human(l.compressedSize()), l.files(),
                    baseLayers.column(l.index()), cut(l.instruction(), l.digest())));
        }
        out.add(String.format(Locale.ROOT, "  %4s  %10s  %10s  %7d  %-4s  %d %s%s", "all",
                ByteSize.human(a.contentSize()), ByteSize.human(a.compressedSize()),
                a.layers().stream().mapToInt(LayerSummary::files).sum(), "", a.layers().size(),
                a.layers().size() == 1 ? "layer" : "layers",
                a.compressedEstimated() ? "; compressed sizes of uncompressed layers are gzip estimates" : ""));
        out.addAll(base.consoleLines());
        if (InventoryReport.collected(a)) {
            out.addAll(InventoryReport.consoleLines(a, InventoryReport.TOP));
        }
        SizeAttribution space = SizeAttribution.of(a);
        out.add("  Largest files: " + sizes(space.largestFiles(), true));
        out.add("  Largest directories: " + sizes(space.largestDirectories(), false));
        out.addAll(DiffReport.consoleLines(result));
        // Rules that checked something get a row; the others one line each, so new rules do not drown the table.
        List<RuleVerdict> ran = result.verdicts().stream().filter(v -> v.status() != RuleVerdict.Status.NOT_SET
                && v.status() != RuleVerdict.Status.OFF).toList();
        out.add("  Rules:");
        int width = ran.stream().mapToInt(v -> v.rule().length()).max().orElse(0);
        for (RuleVerdict v : ran) {
            // four letters, as the others: PASS, FAIL, WARN, SKIP
            String status = v.status() == RuleVerdict.Status.SKIPPED ? "SKIP" : v.status().name();
            out.add(String.format(Locale.ROOT, "    %-4s  %-" + width + "s  %s", status, v.rule(), v.summary()));
        }
        listRules(out, "    not set: ", result, RuleVerdict.Status.NOT_SET);
        listRules(out, "    off: ", result, RuleVerdict.Status.OFF);
        out.add("  Verdict: " + result.verdict());
        return out;
    }

    /** "/bin/busybox 2.0 MB (#1), /app/hello.txt 6 B (#3)": the first few; "none". */
    private static String sizes(List<PathSize> sizes, boolean layers) {
        List<String> parts = new ArrayList<>();
        for (PathSize p : sizes.subList(0, Math.min(SizeAttribution.CONSOLE_TOP, sizes.size()))) {
            // a path is the image's: its control characters shown escaped, as in every other line
            parts.add(OneLine.of(p.path()) + " " + ByteSize.human(p.size()) + (layers ? " (#" + p.layer() + ")" : ""));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void listRules(List<String> out, String label, CheckResult result, RuleVerdict.Status status) {
        List<String> ids = result.verdicts().stream().filter(v -> v.status() == status).map(RuleVerdict::rule).toList();
        if (!ids.isEmpty()) {
            out.add(label + String.join(", ", ids));
        }
    }

    private static String cut(String instruction, String digest) {
        String s = instruction.isEmpty() ? "(no history) " + Digests.shortForm(digest) : instruction;
        return OneLine.cut(s, CREATED_BY_WIDTH);
    }
}
