package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.IntegrityException;
import io.github.imagehygiene.common.ImageReadException;
import static io.github.imagehygiene.testing.Fixtures.expected;
import static io.github.imagehygiene.testing.Fixtures.expectedList;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.testing.Damage;
import io.github.imagehygiene.testing.Fixtures;

/** Damaged copies of real archives: each gives one clear line naming the archive, the blob and the problem. */
class DamagedArchivesTest {
    @TempDir
    Path tmp;

    @Test
    void layerWhoseContentNoLongerMatchesItsDiffId() throws IOException {
        String layer = expectedList("busybox-app.docker.layerPaths", ",").get(0);
        Path damaged = Damage.rewriteTar(Fixtures.image("busybox-app.docker.tar"), tmp.resolve("d.tar"),
                Map.of(layer, data -> Damage.flip(data, 100_000)));
        String actual = Digests.sha256(Damage.flip(layerBytes(layer), 100_000));
        assertThatThrownBy(() -> Fixtures.analyse(damaged))
                .isInstanceOf(IntegrityException.class)
                .hasMessage(damaged + ": layer 1 (" + layer + "): uncompressed content is " + actual
                        + ", but the config's rootfs.diff_ids says " + expectedList("busybox-app.docker.diffIds", ",")
                                .get(0));
    }

    @Test
    void blobWhoseDigestDiffersWithTheSameSize() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        String digest = expectedList("tiny-oci-dir.layerDigests", ",").get(1);
        Path blob = dir.resolve("blobs/sha256/" + digest.substring(7));
        // byte 4 is the gzip header's MTIME: the content still inflates to the same tar, only the digest changes
        byte[] damaged = Damage.flip(Files.readAllBytes(blob), 4);
        Files.write(blob, damaged);
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(IntegrityException.class)
                .hasMessage(dir + ": layer 2 (blobs/sha256/" + digest.substring(7) + ") does not match its digest:"
                        + " expected " + digest + ", content is " + Digests.sha256(damaged));
    }

    @Test
    void blobOfAnotherSize() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        List<String> digests = expectedList("tiny-oci-dir.layerDigests", ",");
        Path first = dir.resolve("blobs/sha256/" + digests.get(0).substring(7));
        Files.copy(dir.resolve("blobs/sha256/" + digests.get(2).substring(7)), first,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Long> sizes = Fixtures.expectedLongs("tiny-oci-dir.compressedSizes");
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(IntegrityException.class)
                .hasMessage(dir + ": layer 1 (blobs/sha256/" + digests.get(0).substring(7) + ") is " + sizes.get(2)
                        + " bytes, but the manifest says " + sizes.get(0));
    }

    @Test
    void configWhoseDigestDiffers() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        String digest = expected("tiny-oci-dir.configDigest");
        Path config = dir.resolve("blobs/sha256/" + digest.substring(7));
        byte[] edited = new String(Files.readAllBytes(config), StandardCharsets.UTF_8)
                .replace("TINY_MODE=fixture", "TINY_MODE=fixturE").getBytes(StandardCharsets.UTF_8);
        Files.write(config, edited);
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(IntegrityException.class)
                .hasMessage(dir + ": config blob " + digest + " does not match its digest: content is "
                        + Digests.sha256(edited));
    }

    @Test
    void missingLayerBlob() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        String digest = expectedList("tiny-oci-dir.layerDigests", ",").get(2);
        Files.delete(dir.resolve("blobs/sha256/" + digest.substring(7)));
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(dir + ": blobs/sha256/" + digest.substring(7) + " is missing from the layout");
    }

    @Test
    void diffIdCountDiffersFromLayerCount() throws IOException {
        String thirdDiffId = expectedList("jib-app.diffIds", ",").get(2);
        Path damaged = Damage.rewriteTar(Fixtures.image("jib-app.tar"), tmp.resolve("d.tar"),
                Map.of("config.json", data -> new String(data, StandardCharsets.UTF_8)
                        .replace(",\"" + thirdDiffId + "\"", "").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> Fixtures.analyse(damaged))
                .isInstanceOf(IntegrityException.class)
                .hasMessage(damaged + ": the config lists 2 diff_ids but the manifest has 3 layers");
    }

    @Test
    void invalidJsonInIndex() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        Files.writeString(dir.resolve("index.json"), "{\"manifests\": [");
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(dir + ": index.json is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void manifestJsonLayerPathLeavingTheArchive() throws IOException {
        String layer = expectedList("tiny.docker.layerPaths", ",").get(1);
        Path damaged = Damage.rewriteTar(Fixtures.image("tiny.docker.tar"), tmp.resolve("d.tar"),
                Map.of("manifest.json", data -> new String(data, StandardCharsets.UTF_8)
                        .replace(layer, "../../etc/passwd").getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> Fixtures.analyse(damaged))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(damaged + ": manifest.json: layer path '../../etc/passwd' is empty or leaves the archive");
    }

    @Test
    void truncatedDockerSave() throws IOException {
        Path cut = Damage.truncate(Fixtures.image("busybox-app.docker.tar"), tmp.resolve("cut.tar"), 1_000_000);
        assertThatThrownBy(() -> Fixtures.analyse(cut))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(cut + ": not a readable tar archive: Truncated TAR archive");
    }

    @Test
    void truncatedOciArchive() throws IOException {
        Path source = Fixtures.image("tiny-uncompressed.oci.tar");
        Path cut = Damage.truncate(source, tmp.resolve("cut.tar"), Files.size(source) - 20_000);
        assertThatThrownBy(() -> Fixtures.analyse(cut))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(cut + ": not a readable tar archive: Truncated TAR archive");
    }

    @Test
    void truncatedGzippedDockerSave() throws IOException {
        Path gz = tmp.resolve("image.tar.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Fixtures.image("busybox-app.docker.tar"), out);
        }
        Path cut = Damage.truncate(gz, tmp.resolve("cut.tar.gz"), Files.size(gz) / 2);
        assertThatThrownBy(() -> Fixtures.analyse(cut))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(cut + ": not a readable tar stream: unexpected end of data (truncated)");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.tar"));
        assertThatThrownBy(() -> Fixtures.analyse(empty))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(empty + ": not an image archive: the tar holds no files");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] noise = new byte[50_000];
        new java.util.Random(42).nextBytes(noise);
        noise[0] = 'x';
        Path file = Files.write(tmp.resolve("noise.bin"), noise);
        assertThatThrownBy(() -> Fixtures.analyse(file))
                .isInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(file + ": not a readable tar archive: ");
    }

    @Test
    void folderThatIsNoLayout() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(dir + ": not a container image: found neither manifest.json (docker save, Jib) nor"
                        + " oci-layout and index.json (OCI image layout)");
    }

    @Test
    void blobLinkLeadingOutsideTheLayout() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        String digest = expectedList("tiny-oci-dir.layerDigests", ",").get(0);
        Path blob = dir.resolve("blobs/sha256/" + digest.substring(7));
        Path outside = Files.copy(blob, tmp.resolve("outside.bin"));
        Files.delete(blob);
        Files.createSymbolicLink(blob, outside);
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(dir + ": blobs/sha256/" + digest.substring(7) + " is a link leading outside the layout"
                        + " folder (to " + outside.toRealPath() + "); refusing to read it");
    }

    @Test
    void missingFile() {
        Path none = tmp.resolve("nothing.tar");
        assertThatThrownBy(() -> Fixtures.analyse(none))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(none + ": no such file or folder");
    }

    private static byte[] layerBytes(String entry) throws IOException {
        try (var tar = new org.apache.commons.compress.archivers.tar.TarFile(Fixtures.image("busybox-app.docker.tar"))) {
            for (var e : tar.getEntries()) {
                if (e.getName().equals(entry)) {
                    return tar.getInputStream(e).readAllBytes();
                }
            }
        }
        throw new IllegalStateException(entry);
    }
}
