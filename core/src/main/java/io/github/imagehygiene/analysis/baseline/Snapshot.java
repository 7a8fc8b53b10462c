package io.github.imagehygiene.analysis.baseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * What a diff compares of one image: its sizes, its layers, its packages, its largest files. Made from an analysis
 * ({@link #of}), or read back from a report.json that this plugin wrote ({@link #fromReport}): report.json carries
 * exactly these facts, so a baseline given as a report and one given as the image give the same diff.
 *
 * @param source         what the image was read from
 * @param digest         its digest
 * @param platform       os/arch[/variant]
 * @param contentSize    the bytes of its files, as {@code docker images} counts them
 * @param compressedSize what a push transfers
 * @param layers         bottom first
 * @param packages       by identity (purl without version and qualifiers); null when the inventory was not made
 * @param files          its {@link SizeAttribution#FILES} largest regular files, largest first
 */
public record Snapshot(String source, String digest, String platform, long contentSize, long compressedSize,
        List<Layer> layers, Map<String, Package> packages, List<PathSize> files) {

    /** A layer as a diff names it. */
    public record Layer(int index, String diffId, long contentSize, String createdBy) {
    }

    /** A package: its Package URL, version and the bytes it accounts for. */
    public record Package(String purl, String version, long bytes) {
        /** "pkg:deb/debian/make@4.3-4.1": the purl without its qualifiers, for messages. */
        public String display() {
            int q = purl.indexOf('?');
            return q < 0 ? purl : purl.substring(0, q);
        }
    }

    /** The snapshot of an analysed image; packages when the inventory collectors ran. */
    public static Snapshot of(ImageAnalysis a) {
        List<Layer> layers = new ArrayList<>();
        for (LayerSummary l : a.layers()) {
            layers.add(new Layer(l.index(), l.diffId(), l.contentSize(), l.createdBy()));
        }
        Map<String, Package> packages = null;
        if (a.collectorIds().contains(io.github.imagehygiene.analysis.inventory.InventoryCollectors.OS_PACKAGES.id())) {
            packages = new LinkedHashMap<>();
            for (Component c : Inventory.from(a).components()) {
                if (c.purl() != null) {
                    packages.putIfAbsent(identity(c.purl()), new Package(c.purl(), c.version(), c.bytes()));
                }
            }
        }
        return new Snapshot(a.image().source(), a.image().digest(), a.image().platform().toString(), a.contentSize(),
                a.compressedSize(), List.copyOf(layers), packages, SizeAttribution.of(a).files());
    }

    /**
     * Reads the snapshot out of a report.json this plugin wrote.
     *
     * @param where the file, for messages
     * @throws ConfigurationException when it is not such a report
     */
    public static Snapshot fromReport(JsonNode r, String where) {
        if (!r.path("tool").has("name") || !r.has("layers") || !r.path("attribution").has("files")) {
            throw new ConfigurationException("The baseline " + where + " is not a report.json of this plugin (version"
                    + " 0.1 or later, with attribution.files); write one with the baseline goal");
        }
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : r.get("layers")) {
            layers.add(new Layer(l.path("index").asInt(), l.path("diffId").asText(), l.path("contentSize").asLong(),
                    l.path("createdBy").asText("")));
        }
        Map<String, Package> packages = null;
        if (r.path("inventory").has("packages")) {
            packages = new LinkedHashMap<>();
            for (JsonNode p : r.path("inventory").get("packages")) {
                String purl = p.path("purl").asText();
                packages.putIfAbsent(identity(purl), new Package(purl, p.path("version").isNull() ? null
                        : p.path("version").asText(), p.path("bytes").asLong()));
            }
        }
        List<PathSize> files = new ArrayList<>();
        for (JsonNode f : r.path("attribution").get("files")) {
            files.add(new PathSize(f.path("path").asText(), f.path("size").asLong(), f.path("layer").asInt()));
        }
        JsonNode img = r.path("image");
        return new Snapshot(img.path("source").asText(), img.path("digest").asText(), img.path("platform").asText(),
                r.path("size").path("content").asLong(), r.path("size").path("compressed").asLong(),
                List.copyOf(layers), packages, List.copyOf(files));
    }

    /** A package's identity across versions: its purl without version, qualifiers and subpath. */
    public static String identity(String purl) {
        String s = purl;
        for (char c : new char[] {'#', '?', '@'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                s = s.substring(0, i);
            }
        }
        return s;
    }
}
