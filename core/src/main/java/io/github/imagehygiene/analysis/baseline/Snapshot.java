package io.github.imagehygiene.analysis.baseline;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * What a diff compares of one image (one platform): its sizes, its layers, its packages, its largest files. Made from
 * an analysis ({@link #of}), or read back from a report.json that this plugin wrote ({@link #fromReport}): report.json
 * carries exactly these facts, so a baseline given as a report and one given as the image give the same diff.
 *
 * @param source              what the image was read from
 * @param digest              its digest
 * @param platform            os/arch[/variant]
 * @param contentSize         the bytes of its files, as {@code docker images} counts them
 * @param compressedSize      what a push transfers
 * @param compressedEstimated whether the compressed size holds a gzip estimate (a layer stored uncompressed)
 * @param layers              bottom first
 * @param packages            every package with a Package URL, duplicates kept (two versions of one jar, a
 *                            multiarch library); null when the inventory was not made
 * @param files               its {@link SizeAttribution#FILES} largest regular files, largest first
 */
public record Snapshot(String source, String digest, String platform, long contentSize, long compressedSize,
        boolean compressedEstimated, List<Layer> layers, List<Package> packages, List<PathSize> files) {

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

    /** Whether {@link #files} holds every regular file of the image (fewer than the cut), not only the largest. */
    public boolean allFiles() {
        return files.size() < SizeAttribution.FILES;
    }

    /** The snapshot of an analysed image; packages when the inventory collectors ran. */
    public static Snapshot of(ImageAnalysis a) {
        List<Layer> layers = new ArrayList<>();
        for (LayerSummary l : a.layers()) {
            layers.add(new Layer(l.index(), l.diffId(), l.contentSize(), l.createdBy()));
        }
        List<Package> packages = null;
        if (a.collectorIds().contains(InventoryCollectors.OS_PACKAGES.id())) {
            packages = new ArrayList<>();
            for (Component c : Inventory.from(a).components()) {
                if (c.purl() != null) {
                    packages.add(new Package(c.purl(), c.version(), c.bytes()));
                }
            }
        }
        return new Snapshot(a.image().source(), a.image().digest(), a.image().platform().toString(), a.contentSize(),
                a.compressedSize(), a.compressedEstimated(), List.copyOf(layers),
                packages == null ? null : List.copyOf(packages), SizeAttribution.of(a).files());
    }

    /**
     * The single-platform reports a report.json this plugin wrote holds: itself, or with {@code platform=all} each
     * of its {@code platforms[]}.
     *
     * @param where the file, for messages
     * @throws ConfigurationException when it is not such a report
     */
    public static List<JsonNode> reportsIn(JsonNode root, String where) {
        List<JsonNode> out = new ArrayList<>();
        if (root.path("tool").has("name") && root.path("platforms").isArray() && !root.path("platforms").isEmpty()) {
            root.path("platforms").forEach(out::add);
        } else if (root.path("tool").has("name")) {
            out.add(root);
        }
        if (out.isEmpty() || out.stream().anyMatch(r -> !r.has("layers") || !r.path("attribution").has("files"))) {
            throw new ConfigurationException("The baseline " + where + " is not a report.json of this plugin (version"
                    + " 0.1 or later, with attribution.files); write one with the baseline goal");
        }
        return out;
    }

    /** Reads the snapshot out of one report of {@link #reportsIn}. */
    public static Snapshot fromReport(JsonNode r) {
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : r.get("layers")) {
            layers.add(new Layer(l.path("index").asInt(), l.path("diffId").asText(), l.path("contentSize").asLong(),
                    l.path("createdBy").asText("")));
        }
        List<Package> packages = null;
        if (r.path("inventory").has("packages")) {
            packages = new ArrayList<>();
            for (JsonNode p : r.path("inventory").get("packages")) {
                packages.add(new Package(p.path("purl").asText(), p.path("version").isNull() ? null
                        : p.path("version").asText(), p.path("bytes").asLong()));
            }
        }
        List<PathSize> files = new ArrayList<>();
        for (JsonNode f : r.path("attribution").get("files")) {
            files.add(new PathSize(f.path("path").asText(), f.path("size").asLong(), f.path("layer").asInt()));
        }
        JsonNode img = r.path("image");
        JsonNode size = r.path("size");
        return new Snapshot(img.path("source").asText(), img.path("digest").asText(), img.path("platform").asText(),
                size.path("content").asLong(), size.path("compressed").asLong(),
                size.path("compressedEstimated").asBoolean(false), List.copyOf(layers),
                packages == null ? null : List.copyOf(packages), List.copyOf(files));
    }

    /**
     * A package's identity across versions: its purl without version, subpath and qualifiers but its architecture
     * ({@code pkg:deb/debian/libc6?arch=i386}), so that the two architectures of a multiarch library stay two.
     */
    public static String identity(String purl) {
        String s = purl;
        String arch = null;
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int q = s.indexOf('?');
        if (q >= 0) {
            for (String pair : s.substring(q + 1).split("&")) {
                if (pair.startsWith("arch=")) {
                    arch = pair;
                }
            }
            s = s.substring(0, q);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        return arch == null ? s : s + "?" + arch;
    }
}
