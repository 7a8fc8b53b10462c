package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.BaselineFinding;
import io.github.imagehygiene.analysis.baseline.ImageDiff;
import io.github.imagehygiene.analysis.baseline.Snapshot;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.FindingsDiff;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * The diff against a baseline as every report shows it: report.json's {@code diff}, the console's lines; or, when the
 * baseline has no image of this platform, that fact and the findings, every one new.
 */
final class DiffReport {
    private DiffReport() {
    }

    /** This platform's baseline, or null without one. */
    static Baseline baseline(CheckResult result) {
        return result.analysis().settings(Baseline.class, null);
    }

    /** The diff of a result, or null without a baseline (or without this platform in it). */
    static ImageDiff of(CheckResult result) {
        return ImageDiff.of(result.analysis());
    }

    static FindingsDiff findings(CheckResult result, Baseline baseline) {
        return FindingsDiff.of(result.findings(), baseline);
    }

    /** report.json's {@code diff}, for a result with a baseline. */
    static ObjectNode json(CheckResult result) {
        Baseline baseline = baseline(result);
        ObjectNode n = new ObjectMapper().createObjectNode();
        Snapshot b = baseline.snapshot();
        ObjectNode about = n.putObject("baseline").put("location", baseline.location()).put("kind", baseline.kind())
                .put("source", baseline.source()).put("digest", b == null ? null : b.digest())
                .put("platform", b == null ? null : b.platform());
        baseline.platforms().forEach(about.putArray("platforms")::add);
        ImageDiff d = of(result);
        if (d == null) {
            n.put("missing", baseline.missing());
            for (String k : List.of("size", "layers", "packages", "files")) {
                n.putNull(k);
            }
        } else {
            n.putObject("size").put("before", d.size().before()).put("after", d.size().after())
                    .put("delta", d.size().delta()).put("compressedBefore", d.size().compressedBefore())
                    .put("compressedAfter", d.size().compressedAfter())
                    .put("compressedDelta", d.size().compressedDelta());
            ObjectNode layers = n.putObject("layers");
            layerList(layers.putArray("added"), d.layers().added());
            layerList(layers.putArray("removed"), d.layers().removed());
            layers.put("unchanged", d.layers().unchanged());
            if (d.packages() == null) {
                n.putNull("packages");
            } else {
                ObjectNode p = n.putObject("packages");
                d.packages().added().forEach(x -> p.withArray("added").addObject().put("purl", x.purl())
                        .put("bytes", x.bytes()));
                d.packages().removed().forEach(x -> p.withArray("removed").addObject().put("purl", x.purl())
                        .put("bytes", x.bytes()));
                d.packages().changed().forEach(x -> p.withArray("changed").addObject().put("package", x.identity())
                        .put("from", x.from()).put("to", x.to()).put("bytesBefore", x.bytesBefore())
                        .put("bytesAfter", x.bytesAfter()));
                for (String k : List.of("added", "removed", "changed")) {
                    p.withArray(k);
                }
            }
            // what the file diff can see: each side's largest files (docs/baseline.md)
            ObjectNode files = n.putObject("files").put("among", SizeAttribution.FILES);
            if (d.files().addedAbove() < 0) {
                files.putNull("addedAbove");
            } else {
                files.put("addedAbove", d.files().addedAbove());
            }
            ArrayNode added = files.putArray("added");
            d.files().added().forEach(f -> added.addObject().put("path", f.path()).put("size", f.size())
                    .put("layer", f.layer()));
            ArrayNode removed = files.putArray("removed");
            d.files().removed().forEach(f -> removed.addObject().put("path", f.path()).put("size", f.size()));
            ArrayNode grown = files.putArray("grown");
            d.files().grown().forEach(g -> grown.addObject().put("path", g.path()).put("before", g.before())
                    .put("after", g.after()).put("delta", g.delta()));
        }
        FindingsDiff f = findings(result, baseline);
        ObjectNode fd = n.putObject("findings");
        ArrayNode fresh = fd.putArray("new");
        for (Finding x : f.added()) {
            fresh.addObject().put("fingerprint", x.fingerprint()).put("rule", x.rule()).put("level", x.level().name())
                    .put("message", x.message());
        }
        ArrayNode gone = fd.putArray("gone");
        for (BaselineFinding x : f.gone()) {
            gone.addObject().put("fingerprint", x.fingerprint()).put("rule", x.rule()).put("level", x.level())
                    .put("message", x.message());
        }
        return n;
    }

    private static void layerList(ArrayNode out, List<Snapshot.Layer> layers) {
        layers.forEach(l -> out.addObject().put("index", l.index()).put("diffId", l.diffId())
                .put("contentSize", l.contentSize()).put("createdBy", l.createdBy()));
    }

    /**
     * The console's lines, empty without a baseline:
     * <pre>
     *   Baseline: image-baseline.json (report of debian-12.docker.tar): 153.3 MB → 214.9 MB (+61.6 MB, +40.2 %), compressed 81.6 MB → 101.7 MB (+20.1 MB)
     *     layers 1 added, 0 removed, 1 unchanged; packages 3 added, 0 removed, 0 changed; findings 2 new, 0 gone
     *     came in: layer #2 61.6 MB; /var/cache/apt/archives/make_4.3-4.1_amd64.deb 396.0 KB (#2)
     * </pre>
     * or, for a platform the baseline lacks:
     * <pre>
     *   Baseline: image-baseline.json (report of app.tar): the baseline has no linux/arm64 image (it has linux/amd64): a platform new in this image, nothing to compare with, every finding new
     *     findings 3 new
     * </pre>
     */
    static List<String> consoleLines(CheckResult result) {
        Baseline baseline = baseline(result);
        if (baseline == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String head = "  Baseline: " + baseline.location() + " (" + (baseline.kind().equals("image") ? "image"
                : "report of " + baseline.source()) + "): ";
        FindingsDiff f = findings(result, baseline);
        ImageDiff d = of(result);
        if (d == null) {
            out.add(head + baseline.missing());
            out.add("    findings " + f.added().size() + " new");
            return out;
        }
        out.add(head + ByteSize.human(d.size().before()) + " → "
                + ByteSize.human(d.size().after()) + " (" + signed(d.size().delta()) + ", "
                + percent(d.size().delta(), d.size().before()) + "), compressed "
                + ByteSize.human(d.size().compressedBefore()) + " → " + ByteSize.human(d.size().compressedAfter())
                + " (" + signed(d.size().compressedDelta()) + ")");
        out.add("    layers " + d.layers().added().size() + " added, " + d.layers().removed().size() + " removed, "
                + d.layers().unchanged() + " unchanged; packages "
                + (d.packages() == null ? "not compared" : d.packages().added().size() + " added, "
                        + d.packages().removed().size() + " removed, " + d.packages().changed().size() + " changed")
                + "; findings " + f.added().size() + " new, " + f.gone().size() + " gone");
        List<String> in = new ArrayList<>();
        d.layers().added().stream().sorted((a, b) -> Long.compare(b.contentSize(), a.contentSize())).limit(2)
                .forEach(l -> in.add("layer #" + l.index() + " " + ByteSize.human(l.contentSize())));
        if (d.packages() != null) {
            d.packages().added().stream().limit(2).forEach(p -> in.add(p.display() + " " + ByteSize.human(p.bytes())));
        }
        for (PathSize p : d.files().added().subList(0, Math.min(2, d.files().added().size()))) {
            in.add(io.github.imagehygiene.common.OneLine.of(p.path()) + " " + ByteSize.human(p.size()) + " (#"
                    + p.layer() + ")");
        }
        if (!in.isEmpty()) {
            out.add("    came in: " + String.join("; ", in));
        }
        return out;
    }

    static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "-") + ByteSize.human(Math.abs(bytes));
    }

    static String percent(long delta, long before) {
        return before <= 0 ? "new" : String.format(Locale.ROOT, "%+.1f %%", 100.0 * delta / before);
    }
}
