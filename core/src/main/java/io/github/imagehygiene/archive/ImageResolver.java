package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.IntegrityException;
import io.github.imagehygiene.common.ImageReadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.ImageConfig;
import io.github.imagehygiene.image.ImageFormat;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.image.Platform;

/**
 * Finds the image in an archive from its content (never its file name): {@code manifest.json} (docker save, legacy
 * or Docker 25+, and Jib's buildTar) or {@code oci-layout} + {@code index.json} (OCI layout), selects a platform from
 * (nested) indexes, and checks every metadata blob against its digest and size.
 */
public final class ImageResolver {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final int MAX_INDEX_DEPTH = 8;
    /**
     * More layers than any runnable image has (Docker stops at 125): a manifest listing more is hostile, and each
     * layer costs a scan.
     */
    static final int MAX_LAYERS = 1000;
    private static final Platform DEFAULT_PLATFORM = new Platform("linux", "amd64", null);
    private static final Set<String> IMAGE_CONFIG_TYPES = Set.of("application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json");

    private final ObjectMapper json = new ObjectMapper();
    private final ArchiveSource<?> source;
    private final String name;

    private ImageResolver(ArchiveSource<?> source) {
        this.source = source;
        this.name = source.name();
    }

    /**
     * @param platform the platform to select from a multi-platform index, or null for the only one / linux/amd64
     * @param tag      the tag (ref name) to select when the archive holds several images, or null
     */
    public static Image resolve(ArchiveSource<?> source, Platform platform, String tag) {
        return new ImageResolver(source).resolve(platform, tag);
    }

    /**
     * The platforms of the image an archive holds, in the index's order: every one of a multi-platform index
     * (attestations and artifacts left out, as {@link #resolve} leaves them), else the one of its image. Exactly
     * the platforms {@link #resolve} accepts, from the same reading; no layer is read.
     */
    public static List<Platform> platforms(ArchiveSource<?> source, String tag) {
        List<Platform> out = new ArrayList<>();
        for (Offer o : new ImageResolver(source).offers(tag)) {
            out.add(o.platform());
        }
        return List.copyOf(out);
    }

    /** The image of every platform {@link #platforms} lists, in its order ({@code platform=all}). */
    public static List<Image> resolveAll(ArchiveSource<?> source, String tag) {
        ImageResolver r = new ImageResolver(source);
        List<Image> out = new ArrayList<>();
        for (Offer o : r.offers(tag)) {
            out.add(r.image(o));
        }
        return List.copyOf(out);
    }

    /**
     * One image the archive offers: its platform, and how it is reached: through manifest.json (docker save, Jib;
     * {@code docker} its entry, {@code layout} the OCI manifest of the same image when a Docker 25+ archive has
     * one), or through index.json alone ({@code docker} null).
     */
    private record Offer(Platform platform, JsonNode docker, Candidate layout) {
    }

    /**
     * What the archive offers for a tag, one image per platform, in the index's order: the one source of truth for
     * both listing and resolving. A Docker 25+ archive has manifest.json (one image) beside an OCI index that may
     * list more platforms of that image: the one manifest.json names is read through it (its tags, its format), the
     * others through the index.
     */
    private List<Offer> offers(String tag) {
        boolean layout = source.exists("oci-layout") && source.exists("index.json");
        List<Offer> out = new ArrayList<>();
        if (source.exists("manifest.json")) {
            JsonNode manifest = parse("manifest.json", source.read("manifest.json"));
            if (manifest.isArray() && manifest.size() > 0) {
                JsonNode entry = selectDockerEntry(manifest, tag);
                DockerConfig dc = dockerConfig(entry);
                String configDigest = dc.digest();
                Platform own = dc.config().platform();
                List<Candidate> group = List.of();
                Candidate same = null;
                if (layout) {
                    List<Candidate> all = collectFromIndex(null, new ArrayList<>());
                    for (Candidate c : all) {
                        if (configDigest.equals(c.manifest.path("config").path("digest").asText())
                                && c.manifest.path("layers").size() == field(entry, "Layers", "layers").size()) {
                            same = c;
                            break;
                        }
                    }
                    if (same != null) {
                        int top = same.top;
                        group = all.stream().filter(c -> c.top == top).toList();
                    }
                }
                Set<String> seen = new LinkedHashSet<>();
                if (same == null) {
                    out.add(new Offer(own, entry, null));
                }
                for (Candidate c : group) {
                    Platform p = c == same ? own : platformOf(c);
                    if (seen.add(p.toString())) {
                        out.add(new Offer(p, c == same ? entry : null, c));
                    }
                }
                return List.copyOf(out);
            }
            if (!layout) {
                throw new ImageReadException(name + ": manifest.json lists no image");
            }
        }
        if (!layout) {
            throw new ImageReadException(name + ": not a container image: found neither manifest.json (docker save,"
                    + " Jib) nor oci-layout and index.json (OCI image layout)");
        }
        List<String> artifacts = new ArrayList<>();
        List<Candidate> candidates = collectFromIndex(tag, artifacts);
        if (candidates.isEmpty()) {
            if (!artifacts.isEmpty()) {
                throw new ImageReadException(name + ": no container image: " + String.join("; ", artifacts));
            }
            throw new ImageReadException(name + ": index.json lists no image manifest"
                    + (tag == null ? "" : " tagged '" + tag + "'"));
        }
        if (tag == null) {
            Set<String> refs = new LinkedHashSet<>();
            candidates.forEach(c -> {
                if (c.ref != null) {
                    refs.add(c.ref);
                }
            });
            if (refs.size() > 1) {
                throw new ImageReadException(name + ": the layout holds " + refs.size() + " tagged images ("
                        + String.join(", ", refs) + "); name one as PATH:TAG");
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            Platform p = platformOf(c);
            if (seen.add(p.toString())) {
                out.add(new Offer(p, null, c));
            }
        }
        return List.copyOf(out);
    }

    private Image resolve(Platform requested, String tag) {
        List<Offer> offers = offers(tag);
        Set<String> found = new LinkedHashSet<>();
        offers.forEach(o -> found.add(o.platform().toString()));
        if (requested != null) {
            for (Offer o : offers) {
                if (requested.matches(o.platform())) {
                    return image(o);
                }
            }
            if (offers.size() == 1 && offers.get(0).docker() != null) {
                throw new ImageReadException(name + ": the image is " + offers.get(0).platform() + ", but platform "
                        + requested + " was requested");
            }
            throw new ImageReadException(name + ": no image for platform " + requested + "; platforms found: "
                    + String.join(", ", found));
        }
        // manifest.json's image first (what docker load would load), else the only one, else linux/amd64
        for (Offer o : offers) {
            if (o.docker() != null) {
                return image(o);
            }
        }
        if (offers.size() == 1) {
            return image(offers.get(0));
        }
        for (Offer o : offers) {
            if (DEFAULT_PLATFORM.matches(o.platform())) {
                return image(o);
            }
        }
        throw new ImageReadException(name + ": the index holds several platforms and none is linux/amd64 ("
                + String.join(", ", found) + "); choose one with <platform> (imageHygiene.platform)");
    }

    private Image image(Offer o) {
        return o.docker() != null ? fromDockerManifest(o.docker(), o.layout()) : fromLayout(o.layout());
    }

    /** A candidate's platform: its index descriptor's, else its config's. */
    private Platform platformOf(Candidate c) {
        if (c.platform == null) {
            JsonNode cfg = parse("config", readBlob(c.manifest.path("config"), "config"));
            c.platform = new Platform(ConfigParser.text(cfg, "os"), ConfigParser.text(cfg, "architecture"),
                    ConfigParser.text(cfg, "variant"));
        }
        return c.platform;
    }

    // ---- docker save (legacy and Docker 25+) and Jib -------------------------------------------------------------

    /** A manifest.json entry's config, checked against the digest its file name declares. */
    private record DockerConfig(String digest, ImageConfig config) {
    }

    private DockerConfig dockerConfig(JsonNode entry) {
        String configPath = memberPath(field(entry, "Config", "config").asText(""));
        if (configPath == null || configPath.isEmpty()) {
            throw new ImageReadException(name + ": manifest.json: the config path '" + field(entry, "Config", "config")
                    .asText("") + "' is missing or leaves the archive");
        }
        byte[] configBytes = source.read(configPath);
        String configDigest = Digests.sha256(configBytes);
        String declared = ArchivePaths.digestOf(configPath);
        if (declared != null && declared.startsWith("sha256:") && !declared.equals(configDigest)) {
            throw new IntegrityException(name + ": config " + configPath + " does not match its digest: expected "
                    + declared + ", content is " + configDigest);
        }
        return new DockerConfig(configDigest, ConfigParser.parse(parse(configPath, configBytes)));
    }

    /**
     * @param oci the OCI manifest of the same image (Docker 25+), for blob digests, sizes and the manifest digest;
     *            null when the archive has none
     */
    private Image fromDockerManifest(JsonNode entry, Candidate oci) {
        DockerConfig dc = dockerConfig(entry);
        String configDigest = dc.digest();
        ImageConfig config = dc.config();

        List<String> layerPaths = new ArrayList<>();
        checkLayerCount("manifest.json", field(entry, "Layers", "layers").size());
        for (JsonNode l : field(entry, "Layers", "layers")) {
            String p = memberPath(l.asText(""));
            if (p == null || p.isEmpty()) {
                throw new ImageReadException(name + ": manifest.json: layer path '" + l.asText("")
                        + "' is empty or leaves the archive");
            }
            layerPaths.add(p);
        }
        // Docker 25+ also writes the OCI manifest: use it for blob digests, sizes and the manifest digest.
        JsonNode ociManifest = oci == null ? null : oci.manifest;
        String manifestDigest = oci == null ? null : oci.digest;
        List<LayerDescriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerPaths.size(); i++) {
            String path = layerPaths.get(i);
            String digest = ArchivePaths.digestOf(path);
            long size = -1;
            String mediaType = null;
            if (ociManifest != null) {
                JsonNode d = ociManifest.path("layers").get(i);
                digest = d.path("digest").asText(digest);
                size = d.path("size").asLong(-1);
                mediaType = ConfigParser.text(d, "mediaType");
            }
            layers.add(new LayerDescriptor(i + 1, path, digest, size, mediaType, null, null));
        }
        Platform found = config.platform();
        List<String> tags = new ArrayList<>(ConfigParser.strings(field(entry, "RepoTags", "repoTags")));
        tags.sort(null);
        ImageFormat format = source.kind() == ArchiveSource.Kind.DAEMON ? ImageFormat.DOCKER_DAEMON
                : ImageFormat.DOCKER_ARCHIVE;
        Map<String, String> annotations = ociManifest == null ? Map.of() : ConfigParser.stringMap(ociManifest.path("annotations"));
        return new Image(name, format, manifestDigest != null ? manifestDigest : configDigest, configDigest, found,
                List.copyOf(tags), annotations, config, withConfig(layers, config));
    }

    private JsonNode selectDockerEntry(JsonNode manifest, String tag) {
        if (tag != null) {
            for (JsonNode e : manifest) {
                for (String t : ConfigParser.strings(field(e, "RepoTags", "repoTags"))) {
                    if (t.equals(tag) || t.endsWith(":" + tag)) {
                        return e;
                    }
                }
            }
            throw new ImageReadException(name + ": no image tagged '" + tag + "'; the archive holds " + dockerTags(manifest));
        }
        if (manifest.size() == 1) {
            return manifest.get(0);
        }
        throw new ImageReadException(name + ": the archive holds " + manifest.size() + " images (" + dockerTags(manifest)
                + "); name one as PATH:TAG");
    }

    private static String dockerTags(JsonNode manifest) {
        List<String> tags = new ArrayList<>();
        for (JsonNode e : manifest) {
            List<String> t = ConfigParser.strings(field(e, "RepoTags", "repoTags"));
            tags.add(t.isEmpty() ? "<untagged>" : String.join(" ", t));
        }
        return String.join(", ", tags);
    }

    /** Jib writes lowercase keys; docker save capitalised ones. */
    private static JsonNode field(JsonNode node, String upper, String lower) {
        JsonNode v = node.get(upper);
        return v != null && !v.isNull() ? v : node.path(lower);
    }

    // ---- OCI image layout ------------------------------------------------------------------------------------------

    private Image fromLayout(Candidate chosen) {
        JsonNode configDescriptor = chosen.manifest.path("config");
        byte[] configBytes = readBlob(configDescriptor, "config");
        ImageConfig config = ConfigParser.parse(parse("config " + configDescriptor.path("digest").asText(), configBytes));
        List<LayerDescriptor> layers = new ArrayList<>();
        int i = 0;
        checkLayerCount("manifest " + chosen.digest, chosen.manifest.path("layers").size());
        for (JsonNode d : chosen.manifest.path("layers")) {
            String digest = d.path("digest").asText(null);
            String path = ArchivePaths.blobPath(digest);
            if (path == null) {
                throw new IntegrityException(name + ": manifest " + chosen.digest + ": layer " + (i + 1)
                        + " has a malformed digest '" + digest + "'");
            }
            i++;
            layers.add(new LayerDescriptor(i, path, digest, d.path("size").asLong(-1), ConfigParser.text(d, "mediaType"),
                    null, null));
        }
        Map<String, String> annotations = new TreeMap<>(chosen.annotations);
        annotations.putAll(ConfigParser.stringMap(chosen.manifest.path("annotations")));
        List<String> tags = chosen.tag == null ? List.of() : List.of(chosen.tag);
        // another platform of a Docker 25+ archive is still a docker save archive
        ImageFormat format = source.kind() == ArchiveSource.Kind.DIRECTORY ? ImageFormat.OCI_DIR
                : source.kind() == ArchiveSource.Kind.DAEMON ? ImageFormat.DOCKER_DAEMON
                : source.exists("manifest.json") ? ImageFormat.DOCKER_ARCHIVE : ImageFormat.OCI_ARCHIVE;
        Platform found = chosen.platform != null ? chosen.platform : config.platform();
        return new Image(name, format, chosen.digest, configDescriptor.path("digest").asText(), found, tags,
                annotations, config, withConfig(layers, config));
    }

    /** An image manifest reachable from index.json. */
    private static final class Candidate {
        /** The index.json entry it was reached from (several platforms of one image share it). */
        int top;
        String digest;
        JsonNode manifest;
        Platform platform;
        String ref;
        String tag;
        Map<String, String> annotations;
    }

    private List<Candidate> collectFromIndex(String tag, List<String> artifacts) {
        JsonNode index = parse("index.json", source.read("index.json"));
        List<Candidate> out = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Map<String, String> indexAnnotations = ConfigParser.stringMap(index.path("annotations"));
        int top = 0;
        for (JsonNode d : index.path("manifests")) {
            top++;
            Map<String, String> ann = ConfigParser.stringMap(d.path("annotations"));
            String ref = ann.get(REF_NAME);
            String full = ann.get(CONTAINERD_NAME);
            if (tag != null && !(tag.equals(ref) || (full != null && (full.equals(tag) || full.endsWith(":" + tag))))) {
                continue;
            }
            Map<String, String> merged = new TreeMap<>(indexAnnotations);
            merged.putAll(ann);
            int before = out.size();
            walk(d, 0, visited, merged, ref, full != null ? full : ref, out, artifacts);
            for (Candidate c : out.subList(before, out.size())) {
                c.top = top;
            }
        }
        return out;
    }

    private void walk(JsonNode descriptor, int depth, Set<String> visited, Map<String, String> annotations, String ref,
            String tag, List<Candidate> out, List<String> artifacts) {
        Platform platform = platformOf(descriptor.path("platform"));
        Map<String, String> ann = ConfigParser.stringMap(descriptor.path("annotations"));
        if ("attestation-manifest".equals(ann.get("vnd.docker.reference.type"))
                || (platform != null && "unknown".equals(platform.os()))) {
            return; // build attestations (SBOM, provenance) ride along in indexes; they are not runnable images
        }
        String digest = descriptor.path("digest").asText("");
        if (!visited.add(digest)) {
            return; // an index that refers back to itself, or one reached twice
        }
        if (depth > MAX_INDEX_DEPTH) {
            throw new ImageReadException(name + ": indexes nested more than " + MAX_INDEX_DEPTH + " deep at " + digest);
        }
        JsonNode node = parse("blob " + digest, readBlob(descriptor, "manifest"));
        if (node.has("manifests")) {
            for (JsonNode child : node.path("manifests")) {
                walk(child, depth + 1, visited, annotations, ref, tag, out, artifacts);
            }
            return;
        }
        String configType = node.path("config").path("mediaType").asText("");
        if (!node.has("layers") || !node.has("config")) {
            artifacts.add("manifest " + digest + " is not an image manifest");
            return;
        }
        if (!configType.isEmpty() && !IMAGE_CONFIG_TYPES.contains(configType)) {
            artifacts.add("manifest " + digest + " is an artifact (config media type " + configType + "), not an image");
            return;
        }
        Candidate c = new Candidate();
        c.digest = digest;
        c.manifest = node;
        c.platform = platform;
        c.ref = ref;
        c.tag = tag;
        c.annotations = annotations;
        out.add(c);
    }

    private static Platform platformOf(JsonNode p) {
        if (!p.isObject()) {
            return null;
        }
        return new Platform(ConfigParser.text(p, "os"), ConfigParser.text(p, "architecture"),
                ConfigParser.text(p, "variant"));
    }

    /** Reads a blob named by a descriptor and checks its size and digest. */
    private byte[] readBlob(JsonNode descriptor, String what) {
        String digest = descriptor.path("digest").asText(null);
        String path = ArchivePaths.blobPath(digest);
        if (path == null) {
            throw new IntegrityException(name + ": " + what + " descriptor has a malformed digest '" + digest + "'");
        }
        byte[] data = source.read(path);
        long size = descriptor.path("size").asLong(-1);
        if (size >= 0 && size != data.length) {
            throw new IntegrityException(name + ": " + what + " blob " + digest + " is " + data.length
                    + " bytes, but its descriptor says " + size);
        }
        String actual = Digests.of(Digests.algorithmOf(digest), data);
        if (!actual.equals(digest)) {
            throw new IntegrityException(name + ": " + what + " blob " + digest + " does not match its digest: content is "
                    + actual);
        }
        return data;
    }

    /** Jackson's message without its source excerpts: "Unexpected end-of-input at line 1, column 16". */
    static String jsonProblem(IOException e) {
        String m;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            com.fasterxml.jackson.core.JsonProcessingException j = (com.fasterxml.jackson.core.JsonProcessingException) e;
            m = j.getOriginalMessage();
            m = m == null ? "" : m.replaceAll("\\s*\\([^\\n\\[]*\\[Source:[^\\n]*", "");
            int nl = m.indexOf('\n');
            m = (nl >= 0 ? m.substring(0, nl) : m).strip();
            if (j.getLocation() != null && j.getLocation().getLineNr() > 0) {
                m += " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
            }
        } else {
            m = ParallelScan.describe(e);
        }
        return m;
    }

    // ---- shared ------------------------------------------------------------------------------------------------------

    /** A path manifest.json gives, normalised; null when it is absolute or climbs out with "..". */
    private static String memberPath(String raw) {
        return raw.startsWith("/") || raw.startsWith("\\") ? null : ArchivePaths.normalise(raw);
    }

    private void checkLayerCount(String where, int count) {
        if (count > MAX_LAYERS) {
            throw new ImageReadException(name + ": " + where + " lists " + count + " layers, more than the " + MAX_LAYERS
                    + " an image can have here (Docker stops at 125)");
        }
    }

    /** Adds diff_ids and the history entry that made each layer (empty_layer entries own none). */
    private List<LayerDescriptor> withConfig(List<LayerDescriptor> layers, ImageConfig config) {
        List<String> diffIds = config.diffIds();
        if (diffIds.size() != layers.size()) {
            throw new IntegrityException(name + ": the config lists " + diffIds.size() + " diff_ids but the manifest has "
                    + layers.size() + " layers");
        }
        List<HistoryEntry> owning = new ArrayList<>();
        for (HistoryEntry h : config.history()) {
            if (!h.emptyLayer()) {
                owning.add(h);
            }
        }
        List<LayerDescriptor> out = new ArrayList<>();
        for (LayerDescriptor l : layers) {
            int i = l.index() - 1;
            // When the history and the layers disagree in count, history is matched from the top, where the
            // image's own (most recent) steps are.
            int h = owning.size() == layers.size() ? i : i - (layers.size() - owning.size());
            HistoryEntry entry = h >= 0 && h < owning.size() ? owning.get(h) : null;
            out.add(new LayerDescriptor(l.index(), l.archivePath(), l.digest(), l.size(), l.mediaType(), diffIds.get(i),
                    entry));
        }
        return List.copyOf(out);
    }

    private JsonNode parse(String what, byte[] data) {
        try {
            JsonNode node = json.readTree(data);
            if (node == null || node.isMissingNode()) {
                throw new ImageReadException(name + ": " + what + " is empty, expected JSON");
            }
            return node;
        } catch (IOException e) {
            throw new ImageReadException(name + ": " + what + " is not valid JSON: " + jsonProblem(e), e);
        }
    }
}
