package io.github.imagehygiene.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Edits a copy of a real OCI layout folder and re-chains the digests (config → manifest → index.json), so that an
 * edit is the only thing wrong with it: a config without a diff_id, an artifact's media type, nested indexes.
 */
public final class OciLayouts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciLayouts() {
    }

    /** The first manifest of index.json, its config, and where they are; edits are written back by {@link #save}. */
    public static final class Layout {
        public final Path dir;
        public final ObjectNode index;
        public final ObjectNode manifest;
        public final ObjectNode config;
        private final String manifestDigest;
        private final String configDigest;

        Layout(Path dir) throws IOException {
            this.dir = dir;
            index = (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
            manifestDigest = index.path("manifests").get(0).path("digest").asText();
            manifest = (ObjectNode) JSON.readTree(blob(dir, manifestDigest).toFile());
            configDigest = manifest.path("config").path("digest").asText();
            config = (ObjectNode) JSON.readTree(blob(dir, configDigest).toFile());
        }

        /** Writes config, manifest and index.json back with new digests; returns the manifest digest. */
        public String save() throws IOException {
            Files.deleteIfExists(blob(dir, configDigest));
            Files.deleteIfExists(blob(dir, manifestDigest));
            byte[] c = JSON.writeValueAsBytes(config);
            ((ObjectNode) manifest.path("config")).put("digest", write(dir, c)).put("size", c.length);
            byte[] m = JSON.writeValueAsBytes(manifest);
            String digest = write(dir, m);
            ((ObjectNode) index.path("manifests").get(0)).put("digest", digest).put("size", m.length);
            Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
            return digest;
        }

        public ArrayNode layers() {
            return (ArrayNode) manifest.path("layers");
        }
    }

    /** Copies tiny-oci-dir to {@code target}, applies the edit, re-chains the digests. */
    public static Layout edit(Path target, Consumer<Layout> edit) throws IOException {
        Damage.copyTree(Fixtures.image("tiny-oci-dir"), target);
        return editInPlace(target, edit);
    }

    /** Applies the edit to a layout folder and re-chains the digests. */
    public static Layout editInPlace(Path dir, Consumer<Layout> edit) throws IOException {
        Layout layout = new Layout(dir);
        edit.accept(layout);
        layout.save();
        return layout;
    }

    public static Path blob(Path dir, String digest) {
        return dir.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    /** Stores a blob by its digest; returns the digest. */
    public static String write(Path dir, byte[] data) throws IOException {
        String digest = "sha256:" + HexFormat.of().formatHex(HostileImages.sha256().digest(data));
        Files.write(blob(dir, digest), data);
        return digest;
    }

    /**
     * Puts {@code depth} indexes between index.json and the image manifest, each referring to the next.
     *
     * @return the digest of the outermost nested index
     */
    public static String nestIndexes(Path dir, int depth) throws IOException {
        ObjectNode index = (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
        ObjectNode descriptor = ((ObjectNode) index.path("manifests").get(0)).deepCopy();
        descriptor.remove("annotations");
        for (int i = 0; i < depth; i++) {
            ObjectNode nested = JSON.createObjectNode();
            nested.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
            nested.putArray("manifests").add(descriptor);
            byte[] data = JSON.writeValueAsBytes(nested);
            descriptor = JSON.createObjectNode();
            descriptor.put("mediaType", "application/vnd.oci.image.index.v1+json").put("digest", write(dir, data))
                    .put("size", data.length);
        }
        ObjectNode top = (ObjectNode) index.path("manifests").get(0);
        top.put("mediaType", descriptor.path("mediaType").asText()).put("digest", descriptor.path("digest").asText())
                .put("size", descriptor.path("size").asLong());
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
        return descriptor.path("digest").asText();
    }

    /** Unpacks an OCI archive (one of our fixtures) into a folder. */
    public static Path extract(Path archive, Path dir) throws IOException {
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                Files.newInputStream(archive))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path p = dir.resolve(e.getName()).normalize();
                if (!p.startsWith(dir)) {
                    throw new IOException("member leaves the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(in, p);
                }
            }
        }
        return dir;
    }

    /** Makes a tar of a layout folder (an OCI archive), members in sorted order. */
    public static Path tar(Path dir, Path archive) throws IOException {
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                Files.newOutputStream(archive)); var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(p.toFile(),
                            dir.relativize(p).toString().replace('\\', '/'));
                    out.putArchiveEntry(e);
                    Files.copy(p, out);
                    out.closeArchiveEntry();
                }
            }
        }
        return archive;
    }
}
