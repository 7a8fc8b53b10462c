package io.github.imagehygiene.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.hygiene.HygieneFigures;
import io.github.imagehygiene.analysis.hygiene.Reclaimable;
import io.github.imagehygiene.report.sbom.InventoryReport;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.gate.SuppressionResult;

/**
 * Writes {@code report.json} (format: docs/report-format.md). No timestamps and a fixed field order, so the same
 * input always gives the same bytes.
 */
public final class JsonReport {
    public static final String FILE_NAME = "report.json";

    private JsonReport() {
    }

    /** The report as a JSON tree; the output stage masks and writes it ({@link Output#writeJson}). */
    public static ObjectNode toJson(CheckResult result, String toolName, String toolVersion) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.putObject("tool").put("name", toolName).put("version", toolVersion);
        ImageAnalysis a = result.analysis();
        Image image = a.image();
        ObjectNode img = root.putObject("image");
        img.put("source", image.source()).put("format", image.format().id()).put("digest", image.digest())
                .put("configDigest", image.configDigest()).put("platform", image.platform().toString());
        ArrayNode tags = img.putArray("repoTags");
        image.repoTags().forEach(tags::add);
        root.putObject("size").put("uncompressed", a.size()).put("compressed", a.compressedSize())
                .put("compressedEstimated", a.compressedEstimated()).put("content", a.contentSize());
        ArrayNode layers = root.putArray("layers");
        for (LayerSummary l : a.layers()) {
            layers.addObject().put("index", l.index()).put("digest", l.digest()).put("diffId", l.diffId())
                    .put("compressedSize", l.compressedSize()).put("blobSize", l.blobSize())
                    .put("compression", l.compression()).put("size", l.size()).put("contentSize", l.contentSize())
                    .put("files", l.files()).put("createdBy", l.createdBy());
            Boolean isBase = BaseImage.of(a).layers().isBase(l.index());
            if (isBase == null) {
                ((ObjectNode) layers.get(layers.size() - 1)).putNull("base");
            } else {
                ((ObjectNode) layers.get(layers.size() - 1)).put("base", isBase);
            }
        }
        BaseImage base = BaseImage.of(a);
        root.set("baseImage", mapper.valueToTree(base.reportBaseImage()));
        root.set("os", mapper.valueToTree(base.reportOs()));
        root.set("java", mapper.valueToTree(base.reportJava()));
        HygieneFigures h = HygieneFigures.of(a);
        root.put("efficiency", h.efficiency()).put("wastedBytes", h.wastedBytes())
                .put("userWastedPercent", h.userWastedPercent()).put("reclaimableBytes", h.reclaimableBytes());
        ArrayNode reclaimable = root.putArray("reclaimable");
        for (Reclaimable.Item i : h.reclaimable()) {
            reclaimable.addObject().put("path", i.path()).put("bytes", i.bytes()).put("addedIn", i.addedIn())
                    .put("hiddenIn", i.hiddenIn()).put("how", i.how().id());
        }
        SizeAttribution space = SizeAttribution.of(a);
        ObjectNode attribution = root.putObject("attribution").put("totalBytes", space.totalBytes());
        ArrayNode files = attribution.putArray("largestFiles");
        space.largestFiles().forEach(f -> files.addObject().put("path", f.path()).put("size", f.size())
                .put("layer", f.layer()));
        ArrayNode dirs = attribution.putArray("largestDirectories");
        space.largestDirectories().forEach(d -> dirs.addObject().put("path", d.path()).put("size", d.size()));
        // what a later check compares with when this report is its baseline
        ArrayNode largest = attribution.putArray("files");
        space.files().forEach(f -> largest.addObject().put("path", f.path()).put("size", f.size())
                .put("layer", f.layer()));
        if (InventoryReport.collected(a)) {
            root.set("inventory", InventoryReport.json(a, InventoryReport.TOP));
        }
        VulnerabilityReport.add(root, a);
        if (DiffReport.baseline(result) != null) {
            root.set("diff", DiffReport.json(result));
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleVerdict v : result.verdicts()) {
            rules.addObject().put("rule", v.rule()).put("level", v.level().name()).put("status", v.status().name())
                    .put("summary", v.summary());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            finding(findings.addObject(), f);
        }
        if (result.suppressions() != null) {
            addSuppressions(root, result.suppressions(), result);
        }
        root.put("verdict", result.verdict().name());
        return root;
    }

    /**
     * report.json of {@code platform=all}: the tool, the image as named, one report per platform under
     * {@code platforms[]} (each as a single-platform report.json, without the tool), the verdict over all.
     */
    public static ObjectNode toJson(List<CheckResult> results, String toolName, String toolVersion) {
        List<ObjectNode> platforms = new java.util.ArrayList<>();
        results.forEach(r -> platforms.add(platform(r, toolName, toolVersion)));
        return combined(results, platforms, toolName, toolVersion);
    }

    /** One platform's element of {@code platforms[]}: rendered as soon as it is checked ({@link #combined}). */
    static ObjectNode platform(CheckResult r, String toolName, String toolVersion) {
        ObjectNode one = toJson(r, toolName, toolVersion);
        one.remove("tool");
        ObjectNode withPlatform = new ObjectMapper().createObjectNode().put("platform",
                r.analysis().image().platform().toString());
        withPlatform.setAll(one);
        return withPlatform;
    }

    /** report.json of {@code platform=all} from its platforms' elements ({@link #platform}). */
    static ObjectNode combined(List<CheckResult> results, List<ObjectNode> platforms, String toolName,
            String toolVersion) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.putObject("tool").put("name", toolName).put("version", toolVersion);
        Image first = results.get(0).analysis().image();
        root.putObject("image").put("source", first.source()).put("format", first.format().id());
        root.putArray("platforms").addAll(platforms);
        boolean failed = results.stream().anyMatch(r -> r.verdict() == io.github.imagehygiene.gate.Verdict.FAIL);
        root.put("verdict", failed ? "FAIL" : "PASS");
        return root;
    }

    /** A finding's fields: what it says, where it is, what it is about. */
    static ObjectNode finding(ObjectNode node, Finding f) {
        node.put("rule", f.rule()).put("level", f.level().name()).put("message", f.message()).put("path", f.path());
        if (f.layer() > 0) {
            node.put("layer", f.layer());
        } else {
            node.putNull("layer");
        }
        node.put("origin", f.origin() == null ? null : f.origin().id()).put("subject", f.subject())
                .put("fingerprint", f.fingerprint());
        if (!f.ids().isEmpty()) {
            f.ids().forEach(node.putArray("ids")::add); // what a suppression by id matches
        }
        return node;
    }

    /** report.json's "suppressions": what was suppressed, which suppressions expired, which matched nothing. */
    private static void addSuppressions(ObjectNode report, SuppressionResult s, CheckResult result) {
        ObjectNode node = report.putObject("suppressions");
        ArrayNode suppressed = node.putArray("suppressed");
        for (SuppressionResult.Suppressed x : s.suppressed()) {
            finding(suppressed.addObject(), x.finding()).put("suppression", x.by().number())
                    .put("reason", x.by().reason())
                    .put("until", x.by().until() == null ? null : x.by().until().toString());
        }
        ArrayNode expired = node.putArray("expired");
        for (SuppressionResult.Expired x : s.expired()) {
            expired.addObject().put("suppression", x.suppression().number()).put("rule", x.suppression().rule())
                    .put("id", x.suppression().id()).put("until", x.suppression().until().toString()).put("findings", x.findings());
        }
        ArrayNode unused = node.putArray("unused");
        for (var x : s.unused()) {
            unused.addObject().put("suppression", x.number()).put("rule", x.rule()).put("id", x.id());
        }
    }
}
