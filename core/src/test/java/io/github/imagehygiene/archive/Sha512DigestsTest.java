package io.github.imagehygiene.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.common.IntegrityException;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.testing.Fixtures;

/**
 * The OCI image spec allows sha512 blob digests: skopeo's uncompressed OCI archive of the tiny image, unpacked, its
 * layer blobs moved to {@code blobs/sha512/<hex>} and its manifest's layer descriptors rewritten to say so. Each blob
 * is verified against its sha512 digest (coreutils' sha512sum gives the expected values) as a sha256 one is, and a
 * changed byte is caught; the diff_ids stay sha256 (expected.properties, from skopeo inspect).
 */
class Sha512DigestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sha512LayerDigestsAreVerified(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("layout");
        untar(Fixtures.image("tiny-uncompressed.oci.tar"), layout);
        List<Path> blobs = toSha512(layout);
        List<String> expected = new ArrayList<>();
        for (Path blob : blobs) {
            expected.add("sha512:" + sha512sum(blob));
        }
        assertThat(expected).allSatisfy(d -> assertThat(d).hasSize("sha512:".length() + 128));

        ImageAnalysis a = Fixtures.analyse(layout);
        assertThat(a.image().layers()).extracting(LayerDescriptor::digest).containsExactlyElementsOf(expected);
        assertThat(a.scans()).extracting(s -> s.blobDigest()).containsExactlyElementsOf(expected);
        assertThat(a.scans()).extracting(s -> s.diffId())
                .containsExactlyElementsOf(Fixtures.expectedList("tiny-uncompressed.oci.diffIds", ","));

        // one byte of a file changed, the tar still well-formed: the sha512 digest catches it
        int k = 0;
        while (!flipFirstDataByte(blobs.get(k))) {
            k++;
        }
        Path changed = blobs.get(k);
        String layer = "layer " + (k + 1) + " (blobs/sha512/" + expected.get(k).substring("sha512:".length()) + ")";
        assertThatThrownBy(() -> Fixtures.analyse(layout)).isInstanceOf(IntegrityException.class)
                .hasMessage(layout + ": " + layer + " does not match its digest: expected " + expected.get(k)
                        + ", content is sha512:" + sha512sum(changed));
    }

    private static void untar(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path p = into.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectories(p.getParent());
                    Files.copy(in, p);
                }
            }
        }
    }

    /** Moves every layer blob to blobs/sha512/, rewrites the manifest and the index; the moved blobs, in order. */
    private static List<Path> toSha512(Path layout) throws Exception {
        ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
        ObjectNode entry = (ObjectNode) index.get("manifests").get(0);
        Path manifestBlob = blob(layout, entry.get("digest").asText());
        ObjectNode manifest = (ObjectNode) JSON.readTree(manifestBlob.toFile());
        List<Path> moved = new ArrayList<>();
        Files.createDirectories(layout.resolve("blobs/sha512"));
        for (var layer : manifest.get("layers")) {
            Path old = blob(layout, layer.get("digest").asText());
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(old)));
            Path now = layout.resolve("blobs/sha512/" + hex);
            Files.move(old, now);
            ((ObjectNode) layer).put("digest", "sha512:" + hex);
            moved.add(now);
        }
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.write(layout.resolve("blobs/sha256/" + hex), bytes);
        Files.delete(manifestBlob);
        entry.put("digest", "sha256:" + hex).put("size", bytes.length);
        Files.writeString(layout.resolve("index.json"), JSON.writeValueAsString(index), StandardCharsets.UTF_8);
        return moved;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/" + digest.replace(':', '/'));
    }

    private static String sha512sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha512sum", file.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).as(out).isZero();
        return out.substring(0, out.indexOf(' '));
    }

    /**
     * Changes the first data byte of the first regular file with data, walking the ustar headers (size at 124, type
     * at 156): the tar stays well-formed. False when the layer has no such file.
     */
    private static boolean flipFirstDataByte(Path tar) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(tar.toFile(), "rw")) {
            byte[] header = new byte[512];
            long offset = 0;
            while (offset + 512 <= f.length()) {
                f.seek(offset);
                f.readFully(header);
                if (header[0] == 0) {
                    return false;
                }
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).trim()
                        .replace("\0", ""), 8);
                byte type = header[156];
                if ((type == '0' || type == 0) && size > 0) {
                    f.seek(offset + 512);
                    int v = f.read();
                    f.seek(offset + 512);
                    f.write(v ^ 0x01);
                    return true;
                }
                offset += 512 + (size + 511) / 512 * 512;
            }
        }
        return false;
    }
}
