package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;
import io.github.imagehygiene.report.sbom.InventoryReport;

/**
 * {@code report.html}: one self-contained page (styles, the small script and the charts inline as SVG; nothing is
 * fetched) that a person would rather read than the JSON: the verdict, the breaches and warnings grouped by rule with
 * their fixes, the layers as a chart marking the base's and the build's own, a treemap of what takes the space, the
 * largest files and packages, and every rule's verdict. The same result gives the same bytes.
 */
public final class HtmlReport {
    private static final int CHART_WIDTH = 900;
    private static final int TREEMAP_HEIGHT = 420;
    /**
     * The treemap's colours, one per top directory: none of the layers' legend (base blue, own orange, unknown grey),
     * so that no directory reads as the base's or yours.
     */
    private static final String[] PALETTE = {"#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#e15759", "#9c755f",
        "#ff9da7"};

    private final CheckResult result;
    private final UnaryOperator<String> mask;
    private final StringBuilder html = new StringBuilder(64 * 1024);

    private HtmlReport(CheckResult result, UnaryOperator<String> mask) {
        this.result = result;
        this.mask = mask;
    }

    /** @param mask masks what the image holds, applied before HTML escaping */
    public static String toHtml(CheckResult result, UnaryOperator<String> mask) {
        return toHtml(List.of(result), mask);
    }

    /** One page for the platforms of a multi-platform index, one part each, under the verdict over all. */
    public static String toHtml(List<CheckResult> results, UnaryOperator<String> mask) {
        HtmlReport page = page(results, mask);
        for (CheckResult r : results) {
            page.html.append(part(r, mask, results.size() > 1));
        }
        return page.end();
    }

    /** One platform's part of the page of several: rendered as soon as it is checked ({@link #page}). */
    static String part(CheckResult result, UnaryOperator<String> mask, boolean onePlatformOfSeveral) {
        HtmlReport part = new HtmlReport(result, mask);
        part.body(onePlatformOfSeveral);
        return part.html.toString();
    }

    /**
     * The page of several platforms from their parts ({@link #part}): the verdicts and platforms of the results,
     * nothing of their layers.
     */
    static String page(List<CheckResult> results, List<String> parts, UnaryOperator<String> mask) {
        HtmlReport page = page(results, mask);
        parts.forEach(page.html::append);
        return page.end();
    }

    /** The page up to the parts: the title, and with several platforms the overall verdict and their list. */
    private static HtmlReport page(List<CheckResult> results, UnaryOperator<String> mask) {
        CheckResult first = results.get(0);
        boolean failed = results.stream().anyMatch(r -> r.verdict() == io.github.imagehygiene.gate.Verdict.FAIL);
        String verdict = failed ? "FAIL" : "PASS";
        HtmlReport page = new HtmlReport(first, mask);
        StringBuilder html = page.html;
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Image hygiene: ").append(verdict).append(" — ")
                .append(page.t(first.analysis().image().source())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        if (results.size() > 1) {
            html.append("<header class=\"verdict-").append(verdict.toLowerCase(Locale.ROOT)).append("\">\n<h1><span")
                    .append(" id=\"verdict\" class=\"badge ").append(verdict.toLowerCase(Locale.ROOT)).append("\">")
                    .append(verdict).append("</span> ").append(page.t(first.analysis().image().source()))
                    .append("</h1>\n<p class=\"sub\">").append(results.size()).append(" platforms: ");
            html.append(String.join(", ", results.stream().map(r -> "<a href=\"#platform-"
                    + r.analysis().image().platform().toString().replace('/', '-') + "\">"
                    + r.analysis().image().platform() + "</a> " + r.verdict()).toList()));
            html.append("</p>\n</header>\n");
        }
        return page;
    }

    private String end() {
        html.append("<footer>image-hygiene · the same data as report.json, report.sarif and summary.md</footer>\n")
                .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The parts of one image: in an article of its own when the page holds several platforms. */
    private void body(boolean onePlatformOfSeveral) {
        ImageAnalysis a = result.analysis();
        Image image = a.image();
        if (onePlatformOfSeveral) {
            html.append("<article class=\"platform\" id=\"platform-")
                    .append(image.platform().toString().replace('/', '-')).append("\">\n");
        }
        header(a, image, onePlatformOfSeveral);
        findings();
        diff();
        layers(a);
        space(a);
        packages(a);
        rules();
        if (onePlatformOfSeveral) {
            html.append("</article>\n");
        }
    }

    private void header(ImageAnalysis a, Image image, boolean onePlatformOfSeveral) {
        String verdict = result.verdict().name();
        long errors = result.findings(io.github.imagehygiene.findings.Level.ERROR).size();
        long warnings = result.findings(io.github.imagehygiene.findings.Level.WARN).size();
        html.append("<header class=\"verdict-").append(verdict.toLowerCase(Locale.ROOT)).append("\">\n")
                .append(onePlatformOfSeveral ? "<h2 class=\"platform-title\"><span class=\"badge "
                        : "<h1><span id=\"verdict\" class=\"badge ").append(verdict.toLowerCase(Locale.ROOT))
                .append("\">").append(verdict).append("</span> ")
                .append(t(onePlatformOfSeveral ? image.platform().toString() : image.source()))
                .append(onePlatformOfSeveral ? "</h2>\n" : "</h1>\n")
                .append("<p class=\"sub\">").append(t(image.format().id())).append(" · ")
                .append(t(image.platform().toString())).append(" · <code>").append(t(image.digest()))
                .append("</code>").append(image.repoTags().isEmpty() ? "" : " · " + t(String.join(" ",
                        image.repoTags())))
                .append("</p>\n</header>\n<section class=\"cards\">\n");
        BaseImage base = BaseImage.of(a);
        card("breaches", String.valueOf(errors), errors > 0 ? "bad" : "good");
        card("warnings", String.valueOf(warnings), warnings > 0 ? "warn" : "good");
        card("size", ByteSize.human(a.contentSize()), "");
        card("compressed", ByteSize.human(a.compressedSize()), "");
        card("layers", String.valueOf(a.layers().size()), "");
        card("base image", base.name() == null ? "unknown" : base.name(), "");
        html.append("</section>\n");
    }

    private void card(String label, String value, String kind) {
        html.append("<div class=\"card ").append(kind).append("\"><div class=\"value\">").append(t(value))
                .append("</div><div class=\"label\">").append(label).append("</div></div>\n");
    }

    private void findings() {
        html.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        List<Finding> all = result.findings();
        if (all.isEmpty()) {
            html.append("<p class=\"none\">No breach and no warning.</p>\n</section>\n");
            return;
        }
        html.append("<input class=\"filter\" type=\"search\" placeholder=\"Filter findings by rule, path or text\">\n");
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        all.forEach(f -> byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f));
        for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
            Finding first = e.getValue().get(0);
            String level = first.level().name().toLowerCase(Locale.ROOT);
            html.append("<div class=\"rule-group\" data-rule=\"").append(e.getKey()).append("\">\n<h3><span class=\"badge ")
                    .append(level).append("\">").append(first.level()).append("</span> ").append(e.getKey())
                    .append(" <a href=\"").append(SarifReport.helpUri(e.getKey()))
                    .append("\">how to fix</a></h3>\n<ol>\n");
            for (Finding f : e.getValue()) {
                html.append("<li class=\"finding ").append(level).append("\" data-fingerprint=\"")
                        .append(f.fingerprint()).append("\">").append(t(f.message()));
                List<String> where = new ArrayList<>();
                if (f.path() != null) {
                    where.add("path <code>" + t(f.path()) + "</code>");
                }
                if (f.layer() > 0) {
                    where.add("layer " + f.layer());
                }
                if (f.origin() != null) {
                    where.add(f.origin().id());
                }
                if (!where.isEmpty()) {
                    html.append("<div class=\"where\">").append(String.join(" · ", where)).append("</div>");
                }
                html.append("</li>\n");
            }
            html.append("</ol>\n</div>\n");
        }
        html.append("</section>\n");
    }

    /** Against the baseline: sizes, what came in and went, new and gone findings. */
    private void diff() {
        if (DiffReport.baseline(result) == null) {
            return;
        }
        html.append("<section id=\"diff\">\n<h2>Against the baseline</h2>\n<ul>\n");
        for (String line : DiffReport.consoleLines(result)) {
            html.append("<li>").append(t(line.strip())).append("</li>\n");
        }
        io.github.imagehygiene.analysis.baseline.ImageDiff d = DiffReport.of(result);
        if (d == null) {
            html.append("</ul>\n</section>\n");
            return;
        }
        html.append("</ul>\n<table>\n<thead><tr><th>what</th><th>change</th><th>size</th></tr></thead>\n<tbody>\n");
        d.layers().added().forEach(l -> row("layer added", "#" + l.index() + " " + l.createdBy(), l.contentSize()));
        d.layers().removed().forEach(l -> row("layer removed", "#" + l.index() + " " + l.createdBy(),
                -l.contentSize()));
        if (d.packages() != null) {
            d.packages().added().forEach(p -> row("package added", p.purl(), p.bytes()));
            d.packages().removed().forEach(p -> row("package removed", p.purl(), -p.bytes()));
            d.packages().changed().forEach(c -> row("package changed", c.identity() + " " + c.from() + " → " + c.to(),
                    c.bytesAfter() - c.bytesBefore()));
        }
        d.files().added().forEach(f -> row("file added", f.path(), f.size()));
        d.files().removed().forEach(f -> row("file removed", f.path(), -f.size()));
        d.files().grown().forEach(g -> row("file grown", g.path(), g.delta()));
        html.append("</tbody>\n</table>\n<p class=\"legend\">Files: among the ")
                .append(io.github.imagehygiene.analysis.SizeAttribution.FILES)
                .append(" largest of each image; added when larger than the baseline's smallest of those")
                .append(d.files().addedAbove() < 0 ? " (it lists all its files)" : " ("
                        + io.github.imagehygiene.common.ByteSize.human(d.files().addedAbove()) + ")")
                .append(", removed when this image has no file at the path.</p>\n</section>\n");
    }

    private void row(String what, String change, long bytes) {
        html.append("<tr><td>").append(what).append("</td><td><code>").append(t(change))
                .append("</code></td><td class=\"num\">").append(DiffReport.signed(bytes)).append("</td></tr>\n");
    }

    private void layers(ImageAnalysis a) {
        BaseImage base = BaseImage.of(a);
        List<LayerSummary> layers = a.layers();
        long max = Math.max(1, layers.stream().mapToLong(LayerSummary::contentSize).max().orElse(1));
        int row = 26;
        int labelWidth = 60;
        int barWidth = CHART_WIDTH - labelWidth - 120;
        html.append("<section id=\"layers\">\n<h2>Layers</h2>\n<p class=\"legend\"><span class=\"sw base\"></span>")
                .append("base image <span class=\"sw own\"></span>your layers <span class=\"sw unknown\"></span>")
                .append("unknown</p>\n<svg class=\"chart\" role=\"img\" aria-label=\"layer sizes\" viewBox=\"0 0 ")
                .append(CHART_WIDTH).append(' ').append(layers.size() * row + 4).append("\" width=\"")
                .append(CHART_WIDTH).append("\">\n");
        for (int i = 0; i < layers.size(); i++) {
            LayerSummary l = layers.get(i);
            int y = i * row + 2;
            double w = Math.max(l.contentSize() > 0 ? 2 : 0, (double) barWidth * l.contentSize() / max);
            String kind = base.layers().column(l.index());
            html.append("<g class=\"layer-bar\"><title>#").append(l.index()).append(' ')
                    .append(ByteSize.human(l.contentSize())).append(": ").append(t(l.instruction())).append("</title>")
                    .append("<text x=\"0\" y=\"").append(y + 17).append("\">#").append(l.index()).append("</text>")
                    .append("<rect class=\"").append("?".equals(kind) ? "unknown" : kind).append("\" x=\"")
                    .append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(row - 8)
                    .append("\"/><text x=\"").append(String.format(Locale.ROOT, "%.1f", labelWidth + w + 6))
                    .append("\" y=\"").append(y + 17).append("\">").append(ByteSize.human(l.contentSize()))
                    .append("</text></g>\n");
        }
        html.append("</svg>\n<table class=\"layers\">\n<thead><tr><th>#</th><th>size</th><th>compressed</th>")
                .append("<th>files</th><th>base</th><th>created by</th></tr></thead>\n<tbody>\n");
        for (LayerSummary l : layers) {
            html.append("<tr class=\"layer\" data-layer=\"").append(l.index()).append("\"><td>").append(l.index())
                    .append("</td><td class=\"num\">").append(ByteSize.human(l.contentSize()))
                    .append("</td><td class=\"num\">").append(ByteSize.human(l.compressedSize()))
                    .append("</td><td class=\"num\">").append(l.files()).append("</td><td>")
                    .append(base.layers().column(l.index())).append("</td><td><code>").append(t(l.instruction()))
                    .append("</code></td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void space(ImageAnalysis a) {
        SizeAttribution space = SizeAttribution.of(a);
        html.append("<section id=\"space\">\n<h2>What takes the space</h2>\n<p>")
                .append(ByteSize.human(space.totalBytes()))
                .append(" in the files the container sees; directories of at least ")
                .append(String.format(Locale.ROOT, "%.1f", SizeAttribution.CHART_SHARE * 100))
                .append(" % of the image, ").append(SizeAttribution.CHART_DEPTH)
                .append(" levels deep; the colours tell the top directories apart.</p>\n");
        html.append("<svg class=\"treemap\" role=\"img\" aria-label=\"largest directories\" viewBox=\"0 0 ")
                .append(CHART_WIDTH).append(' ').append(TREEMAP_HEIGHT).append("\" width=\"").append(CHART_WIDTH)
                .append("\">\n");
        Treemap.Node root = Treemap.tree(space.chart(), space.totalBytes());
        drawTreemap(root, 0, 0, CHART_WIDTH, TREEMAP_HEIGHT, 0, null);
        html.append("</svg>\n<div class=\"two\">\n<table>\n<thead><tr><th>largest directories</th><th>size</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (PathSize d : space.largestDirectories()) {
            html.append("<tr><td><code>").append(t(d.path())).append("</code></td><td class=\"num\">")
                    .append(ByteSize.human(d.size())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<table>\n<thead><tr><th>largest files</th><th>size</th><th>layer</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (PathSize f : space.largestFiles()) {
            html.append("<tr><td><code>").append(t(f.path())).append("</code></td><td class=\"num\">")
                    .append(ByteSize.human(f.size())).append("</td><td class=\"num\">").append(f.layer())
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /** Draws a node's children squarified into the rectangle; each top-level directory keeps one colour. */
    private void drawTreemap(Treemap.Node node, double x, double y, double w, double h, int depth, String colour) {
        // what the listed sub-directories do not hold (files of this directory, smaller directories) is one more
        // rectangle, grey, so that the others keep their proportions and shapes
        List<Treemap.Node> children = new ArrayList<>(node.children());
        long rest = node.size() - children.stream().mapToLong(Treemap.Node::size).sum();
        if (rest > 0) {
            children.add(new Treemap.Node(null, rest, List.of()));
            children.sort((a, b) -> Long.compare(b.size(), a.size()));
        }
        List<double[]> rects = Treemap.squarify(children.stream().mapToLong(Treemap.Node::size).toArray(),
                node.size(), x, y, w, h);
        int colourIndex = 0;
        for (int i = 0; i < children.size(); i++) {
            Treemap.Node c = children.get(i);
            double[] r = rects.get(i);
            if (r[2] < 1 || r[3] < 1) {
                continue;
            }
            if (c.path() == null) {
                String what = "other files in " + node.path();
                html.append(String.format(Locale.ROOT, "<g class=\"rest\"><title>%s %s</title><rect x=\"%.1f\" y=\"%.1f\""
                        + " width=\"%.1f\" height=\"%.1f\" fill=\"#e0e0e0\"/>", t(what), ByteSize.human(c.size()),
                        r[0], r[1], r[2], r[3]));
                if (r[2] > 90 && r[3] > 18) {
                    html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", r[0] + 4,
                            r[1] + 14, t(label(mask.apply(what) + " " + ByteSize.human(c.size()), r[2]))));
                }
                html.append("</g>\n");
                continue;
            }
            int index = colourIndex++;
            String fill = colour != null ? colour : PALETTE[index % PALETTE.length];
            html.append(String.format(Locale.ROOT,
                    "<g class=\"dir\"><title>%s %s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                            + " fill=\"%s\" fill-opacity=\"%.2f\"/>",
                    t(c.path()), ByteSize.human(c.size()), r[0], r[1], r[2], r[3], fill, 0.45 + 0.2 * depth));
            if (r[2] > 70 && r[3] > 18) {
                String name = c.path().substring(c.path().lastIndexOf('/') + 1);
                String text = (depth == 0 ? c.path() : name) + " " + ByteSize.human(c.size());
                html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", r[0] + 4, r[1] + 14,
                        t(label(mask.apply(text), r[2]))));
            }
            html.append("</g>\n");
            if (!c.children().isEmpty() && r[2] > 30 && r[3] > 40) {
                drawTreemap(c, r[0] + 3, r[1] + 20, r[2] - 6, r[3] - 23, depth + 1, fill);
            }
        }
    }

    /** The text cut to what fits a width, about 7 pixels a character. */
    private static String label(String text, double width) {
        int chars = (int) (width / 7);
        return text.length() > chars ? text.substring(0, Math.max(1, chars - 1)) + "…" : text;
    }

    private void packages(ImageAnalysis a) {
        if (!InventoryReport.collected(a)) {
            return;
        }
        Inventory inv = Inventory.from(a);
        html.append("<section id=\"packages\">\n<h2>Packages</h2>\n<p>").append(inv.components().size())
                .append(" packages; ").append(ByteSize.human(inv.attributedBytes())).append(" of ")
                .append(ByteSize.human(inv.fileBytes())).append(" in files attributed to one.</p>\n");
        List<Component> largest = inv.largest(20);
        if (!largest.isEmpty()) {
            html.append("<table>\n<thead><tr><th>package</th><th>version</th><th>type</th><th>size</th><th>layer</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (Component c : largest) {
                html.append("<tr><td>").append(t(c.displayName())).append("</td><td>")
                        .append(t(c.version() == null ? "?" : c.version())).append("</td><td>")
                        .append(c.type().purlType()).append("</td><td class=\"num\">").append(ByteSize.human(c.bytes()))
                        .append("</td><td class=\"num\">").append(c.layer() > 0 ? String.valueOf(c.layer()) : "?")
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    private void rules() {
        html.append("<section id=\"rules\">\n<h2>Rules</h2>\n<label><input class=\"show-all\" type=\"checkbox\"> ")
                .append("show the rules not set or off</label>\n<table class=\"rules\">\n<thead><tr><th>rule</th>")
                .append("<th>level</th><th>status</th><th>summary</th></tr></thead>\n<tbody>\n");
        for (RuleVerdict v : result.verdicts()) {
            boolean quiet = v.status() == RuleVerdict.Status.NOT_SET || v.status() == RuleVerdict.Status.OFF;
            html.append("<tr class=\"rule").append(quiet ? " quiet" : "").append("\" data-rule=\"").append(v.rule())
                    .append("\"><td><a href=\"").append(SarifReport.helpUri(v.rule())).append("\">").append(v.rule())
                    .append("</a></td><td>").append(v.level()).append("</td><td><span class=\"badge ")
                    .append(v.status().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\">")
                    .append(v.status().name().replace('_', ' ')).append("</span></td><td>").append(t(v.summary()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    /** Masked, control characters shown escaped (as the console shows them), then escaped for HTML. */
    private String t(String s) {
        if (s == null) {
            return "";
        }
        String m = OneLine.of(mask.apply(s));
        StringBuilder sb = new StringBuilder(m.length());
        for (char c : m.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String STYLE = """
            :root { --bad: #c62828; --good: #2e7d32; --warn: #ef6c00; --muted: #666; --line: #e0e0e0; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
              max-width: 1000px; padding: 0 24px 40px; color: #222; }
            header { border-bottom: 4px solid var(--line); margin-bottom: 16px; }
            header.verdict-fail { border-color: var(--bad); } header.verdict-pass { border-color: var(--good); }
            h1 { font-size: 22px; margin: 24px 0 4px; word-break: break-all; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 16px 0 4px; } h3 a { font-size: 12px; font-weight: normal; margin-left: 8px; }
            .sub { color: var(--muted); margin: 0 0 12px; word-break: break-all; }
            code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; word-break: break-all; }
            .badge { display: inline-block; border-radius: 3px; padding: 1px 7px; font-size: 12px; font-weight: 600;
              color: #fff; background: #9e9e9e; vertical-align: middle; }
            .badge.pass { background: var(--good); } .badge.fail, .badge.error { background: var(--bad); }
            .badge.warn, .badge.skipped { background: var(--warn); } .badge.not-set, .badge.off { background: #bdbdbd; }
            .cards { display: flex; flex-wrap: wrap; gap: 10px; }
            .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
            .card .value { font-size: 18px; font-weight: 600; word-break: break-all; }
            .card .label { color: var(--muted); font-size: 12px; }
            .card.bad .value { color: var(--bad); } .card.good .value { color: var(--good); }
            .card.warn .value { color: var(--warn); }
            ol { padding-left: 22px; } li.finding { margin: 6px 0; } li.finding.error::marker { color: var(--bad); }
            .where { color: var(--muted); font-size: 12px; }
            input.filter { width: 100%; box-sizing: border-box; padding: 6px 8px; margin: 4px 0 8px; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; }
            th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
            td.num { text-align: right; white-space: nowrap; } th { font-size: 12px; color: var(--muted); }
            tr.quiet { display: none; } body.show-all tr.quiet { display: table-row; color: var(--muted); }
            .two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
            svg { width: 100%; height: auto; font-size: 12px; }
            svg text { fill: #222; } rect.base { fill: #7a9cc6; } rect.own { fill: #f28e2b; }
            rect.unknown { fill: #9e9e9e; } .treemap rect { stroke: #fff; stroke-width: 1; }
            .legend .sw { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px;
              vertical-align: middle; } .sw.base { background: #7a9cc6; } .sw.own { background: #f28e2b; }
            .sw.unknown { background: #9e9e9e; } .none { color: var(--good); }
            footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
            """;

    private static final String SCRIPT = """
            (function () {
              document.querySelectorAll('input.filter').forEach(function (filter) {
                var scope = filter.closest('article') || document;
                filter.addEventListener('input', function () {
                  var q = filter.value.toLowerCase();
                  scope.querySelectorAll('.rule-group').forEach(function (group) {
                    var shown = 0;
                    group.querySelectorAll('li.finding').forEach(function (li) {
                      var match = !q || (group.dataset.rule + ' ' + li.textContent).toLowerCase().indexOf(q) >= 0;
                      li.style.display = match ? '' : 'none';
                      if (match) { shown++; }
                    });
                    group.style.display = shown ? '' : 'none';
                  });
                });
              });
              document.querySelectorAll('input.show-all').forEach(function (all) {
                all.addEventListener('change', function () {
                  document.querySelectorAll('input.show-all').forEach(function (other) { other.checked = all.checked; });
                  document.body.classList.toggle('show-all', all.checked);
                });
              });
            })();
            """;
}
