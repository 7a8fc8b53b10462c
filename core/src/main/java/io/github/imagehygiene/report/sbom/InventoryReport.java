package io.github.imagehygiene.report.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.common.ByteSize;

/**
 * The inventory's part of the console summary and of report.json: package counts and the size attribution table
 * (the packages that account for the most bytes of the final filesystem).
 */
public final class InventoryReport {
    /** Rows of the size attribution table. */
    public static final int TOP = 10;
    private static final int NAME_WIDTH = 44;

    private InventoryReport() {
    }

    /** "86 deb, 48 maven" in type order; "none" when the inventory is empty. */
    static String counts(Inventory inv) {
        Map<String, Integer> counts = new TreeMap<>();
        inv.components().forEach(c -> counts.merge(c.type().purlType(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((type, n) -> parts.add(n + " " + type));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /**
     * Console lines, indented like ConsoleSummary's:
     * <pre>
     *   Packages: 86 deb, 48 maven (debian-12); 141.0 MB of 163.1 MB in files attributed, 22.1 MB to no package
     *        BYTES  PACKAGE                                       VERSION                LAYER
     *      36.1 MB  libicu72 (deb)                                72.1-3                 #1
     * </pre>
     */
    /** Whether the inventory collectors ran in this check (the SBOM is on, or an inventory rule is). */
    public static boolean collected(ImageAnalysis analysis) {
        return analysis.collectorIds().contains(InventoryCollectors.OS_PACKAGES.id());
    }

    public static List<String> consoleLines(ImageAnalysis analysis, int top) {
        Inventory inv = Inventory.from(analysis);
        List<String> out = new ArrayList<>();
        out.add("  Packages: " + counts(inv) + (inv.os().distro().isEmpty() ? "" : " (" + inv.os().distro() + ")")
                + "; " + ByteSize.human(inv.attributedBytes()) + " of " + ByteSize.human(inv.fileBytes())
                + " in files attributed, " + ByteSize.human(inv.unattributedBytes()) + " to no package");
        List<Component> largest = inv.largest(top);
        if (largest.isEmpty()) {
            return out;
        }
        out.add(String.format(Locale.ROOT, "  %10s  %-" + NAME_WIDTH + "s  %-22s %s", "BYTES", "PACKAGE", "VERSION",
                "LAYER"));
        for (Component c : largest) {
            String name = label(c, NAME_WIDTH);
            out.add(String.format(Locale.ROOT, "  %10s  %-" + NAME_WIDTH + "s  %-22s %s", ByteSize.human(c.bytes()),
                    name, cut(c.version() == null ? "?" : c.version(), 22), c.layer() > 0 ? "#" + c.layer() : "?"));
        }
        return out;
    }

    /**
     * The report.json {@code inventory} object: {@code os}, {@code counts}, {@code fileBytes},
     * {@code attributedBytes}, {@code unattributedBytes}, {@code packages} (every package with a purl: purl,
     * version, bytes, evidence) and {@code largest} (the top rows: type, group, name,
     * version, purl, bytes, files, layer, layerDigest, location).
     */
    public static ObjectNode json(ImageAnalysis analysis, int top) {
        Inventory inv = Inventory.from(analysis);
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.putObject("os").put("id", inv.os().id()).put("versionId", inv.os().versionId())
                .put("distro", inv.os().distro());
        ObjectNode counts = node.putObject("counts");
        Map<String, Integer> byType = new TreeMap<>();
        inv.components().forEach(c -> byType.merge(c.type().purlType(), 1, Integer::sum));
        byType.forEach(counts::put);
        node.put("fileBytes", inv.fileBytes()).put("attributedBytes", inv.attributedBytes())
                .put("unattributedBytes", inv.unattributedBytes());
        // every package with a Package URL: what a later check compares with when this report is its baseline
        ArrayNode packages = node.putArray("packages");
        for (Component c : inv.components()) {
            if (c.purl() != null) {
                // evidence: how it was identified ("manifest Implementation-Vendor-Id" marks a guess)
                packages.addObject().put("purl", c.purl()).put("version", c.version()).put("bytes", c.bytes())
                        .put("evidence", c.evidence());
            }
        }
        ArrayNode largest = node.putArray("largest");
        for (Component c : inv.largest(top)) {
            ObjectNode row = largest.addObject();
            row.put("type", c.type().purlType());
            if (c.group() != null) {
                row.put("group", c.group());
            }
            row.put("name", c.name()).put("version", c.version()).put("purl", c.purl()).put("bytes", c.bytes())
                    .put("files", c.files()).put("layer", c.layer()).put("layerDigest", c.layerDigest())
                    .put("location", c.location());
        }
        return node;
    }

    /**
     * "org.springframework:spring-core (maven)"; where that is too wide, the artifact whole after the cut group,
     * "...:spring-boot-autoconfigure (maven)", wider than the column if it must.
     */
    static String label(Component c, int width) {
        String type = " (" + c.type().purlType() + ")";
        String full = c.displayName() + type;
        if (full.length() > width && c.group() != null) {
            return "...:" + c.name() + type;
        }
        return cut(full, width);
    }

    private static String cut(String s, int width) {
        return io.github.imagehygiene.common.OneLine.cut(s, width);
    }
}
