package io.github.imagehygiene.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Wraps a hostile layer into an image: a copy of the real OCI layout {@code tiny-oci-dir} (made by skopeo) with its
 * top layer replaced and every digest recomputed (layer descriptor, config diff_id, config descriptor, manifest
 * descriptor in index.json), so that the image is intact and only its content is hostile. The Java twin of
 * src/test/fixtures/hostile/make-hostile.py, for the layers too big to commit, made at test time under target/.
 */
public final class HostileImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileImages() {
    }

    /** Where generated images are kept between runs (they are deterministic). */
    public static Path cache() {
        return Path.of("target", "hostile-big");
    }

    /**
     * @param layout    the layout folder to write (replaced if present)
     * @param blob      the new top layer blob as stored (moved into the layout)
     * @param diffId    the sha256 of its uncompressed tar
     * @param mediaType its media type
     * @return the layout folder
     */
    public static Path withTopLayer(Path layout, Path blob, String diffId, String mediaType) throws IOException {
        if (Files.exists(layout)) {
            try (var walk = Files.walk(layout)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path base = Fixtures.image("tiny-oci-dir");
        Damage.copyTree(base, layout);
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode manifestDescriptor = (ObjectNode) index.path("manifests").get(0);
        Path manifestFile = blobFile(layout, manifestDescriptor.path("digest").asText());
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
        ObjectNode configDescriptor = (ObjectNode) manifest.path("config");
        Path configFile = blobFile(layout, configDescriptor.path("digest").asText());
        ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
        ArrayNode layers = (ArrayNode) manifest.path("layers");
        ObjectNode top = (ObjectNode) layers.get(layers.size() - 1);
        Files.delete(blobFile(layout, top.path("digest").asText()));
        String blobDigest = sha256(blob);
        top.put("mediaType", mediaType).put("digest", blobDigest).put("size", Files.size(blob));
        Files.move(blob, blobFile(layout, blobDigest), StandardCopyOption.REPLACE_EXISTING);
        ArrayNode diffIds = (ArrayNode) config.path("rootfs").path("diff_ids");
        diffIds.set(diffIds.size() - 1, diffId);
        Files.delete(configFile);
        String configDigest = writeBlob(layout, JSON.writeValueAsBytes(config));
        configDescriptor.put("digest", configDigest).put("size", Files.size(blobFile(layout, configDigest)));
        Files.delete(manifestFile);
        String manifestDigest = writeBlob(layout, JSON.writeValueAsBytes(manifest));
        manifestDescriptor.put("digest", manifestDigest).put("size", Files.size(blobFile(layout, manifestDigest)));
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        return layout;
    }

    private static Path blobFile(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private static String writeBlob(Path layout, byte[] data) throws IOException {
        String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(data));
        Files.write(blobFile(layout, digest), data);
        return digest;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
