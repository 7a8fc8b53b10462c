package io.github.imagehygiene.robustness;

import static io.github.imagehygiene.robustness.HostileLayersTest.topLayer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.archive.Digests;
import io.github.imagehygiene.common.ImageReadException;
import io.github.imagehygiene.common.IntegrityException;
import io.github.imagehygiene.testing.Damage;
import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.testing.HostileImages;
import io.github.imagehygiene.testing.OciLayouts;
import io.github.imagehygiene.testing.TarEdits;

/**
 * Damaged copies of the real fixture images, in every format and compression: each fails with one
 * {@link ImageReadException} (or its {@link IntegrityException}) whose message is one line naming the archive, the
 * entry or blob, and what is wrong. DamagedArchivesTest has the first cases; these extend them to every format.
 */
class DamagedArchivesMatrixTest {
    @TempDir
    Path tmp;

    private static void failsWith(Path image, Class<? extends ImageReadException> type, String problem) {
        assertThatThrownBy(() -> Fixtures.analyse(image))
                .isExactlyInstanceOf(type)
                .hasMessage(image + ": " + problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path gzip(Path source, String name) throws IOException {
        Path out = tmp.resolve(name);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
            Files.copy(source, gz);
        }
        return out;
    }

    private Path zstd(Path source, String name) throws IOException {
        Path out = tmp.resolve(name);
        try (OutputStream z = new ZstdCompressorOutputStream(Files.newOutputStream(out))) {
            Files.copy(source, z);
        }
        return out;
    }

    /** The entry name of the top layer blob inside an OCI archive (blobs/sha256/HEX). */
    private static String top(String fixture) {
        return topLayer(Fixtures.image(fixture));
    }

    // ---- truncated archives -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} cut at {1}")
    @CsvSource({
        "tiny.docker.tar, 40000",
        "tiny.docker.tar, 1100",
        "busybox-app.docker.tar, 2000000",
        "jib-app.tar, 3000",
        "tiny.oci.tar, 5000",
        "tiny-zstd.oci.tar, 5000",
        "tiny-uncompressed.oci.tar, 30000",
    })
    void truncatedTarArchives(String fixture, long length) throws IOException {
        Path cut = Damage.truncate(Fixtures.image(fixture), tmp.resolve("cut-" + fixture), length);
        failsWith(cut, ImageReadException.class, "not a readable tar archive: Truncated TAR archive");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny.docker.tar", "tiny.oci.tar", "jib-app.tar"})
    void truncatedGzipAndZstdStreams(String fixture) throws IOException {
        Path gz = gzip(Fixtures.image(fixture), fixture + ".gz");
        Path cutGz = Damage.truncate(gz, tmp.resolve("cut-" + fixture + ".gz"), Files.size(gz) / 2);
        failsWith(cutGz, ImageReadException.class, "not a readable tar stream: unexpected end of data (truncated)");
        Path zst = zstd(Fixtures.image(fixture), fixture + ".zst");
        Path cutZst = Damage.truncate(zst, tmp.resolve("cut-" + fixture + ".zst"), Files.size(zst) / 2);
        failsWith(cutZst, ImageReadException.class, "not a readable tar stream: Truncated source");
    }

    @Test
    void gzippedAndZstdArchivesReadWhole() throws IOException {
        // the streamed variants of the damaged cases below start from intact archives
        assertThat(Fixtures.analyse(gzip(Fixtures.image("tiny.oci.tar"), "ok.tar.gz")).layers()).hasSize(3);
        assertThat(Fixtures.analyse(zstd(Fixtures.image("tiny.docker.tar"), "ok.tar.zst")).layers()).hasSize(3);
    }

    // ---- truncated and corrupted blobs --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tiny.oci.tar              | not a readable gzip tar: unexpected end of data (truncated)",
        "tiny-zstd.oci.tar         | not a readable zstd tar: Truncated source",
        "tiny-uncompressed.oci.tar | not a readable tar: entry /data/large.txt of 40960 bytes: Truncated TAR archive",
    })
    void truncatedLayerBlob(String fixture, String problem) throws IOException {
        String layer = top(fixture);
        Path damaged = TarEdits.rewrite(Fixtures.image(fixture), tmp.resolve("d-" + fixture),
                Map.of(layer, data -> Arrays.copyOf(data, data.length / 2)));
        failsWith(damaged, ImageReadException.class, "layer " + layer + ": " + problem);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tiny.oci.tar              | not a readable gzip tar: Gzip-compressed data is corrupt (CRC32 error).",
        "tiny-zstd.oci.tar         | not a readable zstd tar: Data corruption detected",
    })
    void corruptedCompressedLayerBlob(String fixture, String problem) throws IOException {
        String layer = top(fixture);
        Path damaged = TarEdits.rewrite(Fixtures.image(fixture), tmp.resolve("d-" + fixture),
                Map.of(layer, data -> Damage.flip(data, data.length / 2)));
        failsWith(damaged, ImageReadException.class, "layer " + layer + ": " + problem);
    }

    @Test
    void corruptedUncompressedLayerHeader() throws IOException {
        String layer = top("tiny-uncompressed.oci.tar");
        Path damaged = TarEdits.rewrite(Fixtures.image("tiny-uncompressed.oci.tar"), tmp.resolve("d.tar"),
                Map.of(layer, data -> Damage.flip(data, 1)));
        failsWith(damaged, ImageReadException.class, "layer " + layer + ": not a readable tar: the header of entry 1"
                + " fails its checksum");
    }

    @Test
    void corruptedUncompressedLayerContentFailsItsDigest() throws IOException {
        String fixture = "tiny-uncompressed.oci.tar";
        String layer = top(fixture);
        byte[][] damagedBlob = new byte[1][];
        Path damaged = TarEdits.rewrite(Fixtures.image(fixture), tmp.resolve("d.tar"),
                Map.of(layer, data -> damagedBlob[0] = Damage.flip(data, 5000)));
        failsWith(damaged, IntegrityException.class, "layer 3 (" + layer + ") does not match its digest: expected sha256:"
                + layer.substring("blobs/sha256/".length()) + ", content is " + Digests.sha256(damagedBlob[0]));
    }

    // ---- missing blobs ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny.oci.tar", "tiny-zstd.oci.tar", "tiny-uncompressed.oci.tar"})
    void missingLayerOrConfigInOciArchives(String fixture) throws IOException {
        String layer = top(fixture);
        Path noLayer = TarEdits.rewrite(Fixtures.image(fixture), tmp.resolve("nolayer.tar"),
                Map.of(layer, data -> null));
        failsWith(noLayer, ImageReadException.class, "layer " + layer + " is missing from the archive");
    }

    @Test
    void missingConfigInEachFormat() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        String config = Fixtures.expected("tiny-oci-dir.configDigest");
        Files.delete(OciLayouts.blob(dir, config));
        failsWith(dir, ImageReadException.class, "blobs/sha256/" + config.substring(7) + " is missing from the layout");

        Path jib = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("jib.tar"),
                Map.of("config.json", data -> null));
        failsWith(jib, ImageReadException.class, "config.json is missing from the archive");

        String dockerConfig = Fixtures.expected("tiny.docker.configDigest").substring(7) + ".json";
        Path docker = TarEdits.rewrite(Fixtures.image("tiny.docker.tar"), tmp.resolve("docker.tar"),
                Map.of(dockerConfig, data -> null));
        failsWith(docker, ImageReadException.class, dockerConfig + " is missing from the archive");
    }

    @Test
    void missingLayerInDockerArchives() throws IOException {
        String layer = Fixtures.expectedList("tiny.docker.layerPaths", ",").get(0);
        Path docker = TarEdits.rewrite(Fixtures.image("tiny.docker.tar"), tmp.resolve("docker.tar"),
                Map.of(layer, data -> null));
        failsWith(docker, ImageReadException.class, "layer " + layer + " is missing from the archive");
        Path streamed = gzip(docker, "docker.tar.gz");
        failsWith(streamed, ImageReadException.class, "layer " + layer + " is missing from the archive");
    }

    // ---- invalid JSON -------------------------------------------------------------------------------------------

    @Test
    void invalidJsonInEveryMetadataFile() throws IOException {
        Path index = TarEdits.rewrite(Fixtures.image("tiny.oci.tar"), tmp.resolve("index.tar"),
                Map.of("index.json", data -> "{\"manifests\": [".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> Fixtures.analyse(index)).isExactlyInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(index + ": index.json is not valid JSON: Unexpected end-of-input");

        Path manifest = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("manifest.tar"),
                Map.of("manifest.json", data -> "[{\"config\": }]".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> Fixtures.analyse(manifest)).isExactlyInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(manifest + ": manifest.json is not valid JSON: Unexpected character ('}'");

        Path config = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("config.tar"),
                Map.of("config.json", data -> Arrays.copyOf(data, data.length - 3)));
        assertThatThrownBy(() -> Fixtures.analyse(config)).isExactlyInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(config + ": config.json is not valid JSON: Unexpected end-of-input");

        Path dir = tmp.resolve("layout");
        OciLayouts.Layout layout = OciLayouts.edit(dir, l -> {
        });
        byte[] broken = "{\"schemaVersion\": 2, \"layers\": [}".getBytes(StandardCharsets.UTF_8);
        String brokenDigest = OciLayouts.write(dir, broken);
        ((ObjectNode) layout.index.path("manifests").get(0)).put("digest", brokenDigest).put("size", broken.length);
        Files.write(dir.resolve("index.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsBytes(layout.index));
        assertThatThrownBy(() -> Fixtures.analyse(dir)).isExactlyInstanceOf(ImageReadException.class)
                .hasMessage(dir + ": blob " + brokenDigest + " is not valid JSON: Unexpected close marker '}': expected"
                        + " ']' at line 1, column 33");
    }

    @Test
    void jsonOfTheWrongShape() throws IOException {
        Path notArray = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("shape.tar"),
                Map.of("manifest.json", data -> "{\"config\": \"config.json\"}".getBytes(StandardCharsets.UTF_8)));
        failsWith(notArray, ImageReadException.class, "manifest.json lists no image");
        Path numbers = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("numbers.tar"),
                Map.of("manifest.json", data -> "[1, 2]".getBytes(StandardCharsets.UTF_8)));
        failsWith(numbers, ImageReadException.class, "the archive holds 2 images (<untagged>, <untagged>); name one"
                + " as PATH:TAG");
        Path nullJson = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("null.tar"),
                Map.of("manifest.json", data -> "[{\"config\": null, \"layers\": 7}]".getBytes(StandardCharsets.UTF_8)));
        failsWith(nullJson, ImageReadException.class, "manifest.json: the config path '' is missing or leaves the"
                + " archive");
    }

    // ---- not an image ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1f8b     | not a readable gzip stream: Unsupported compression method 15 in the .gz header",
        "28b52ffd | not a readable tar stream: Unsupported frame parameter",
        "00       | not a readable tar archive: no tar header at byte 0 (checksum mismatch)",
        "7878     | not a readable tar archive: no tar header at byte 0 (checksum mismatch)",
    })
    void randomBytesBehindEachMagic(String magic, String problem) throws IOException {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);
        byte[] head = java.util.HexFormat.of().parseHex(magic);
        System.arraycopy(head, 0, noise, 0, head.length);
        Path file = Files.write(tmp.resolve("noise-" + magic), noise);
        assertThatThrownBy(() -> Fixtures.analyse(file)).isExactlyInstanceOf(ImageReadException.class)
                .hasMessage(file + ": " + problem);
    }

    @Test
    void zerosAndTarsOfOtherThings() throws IOException {
        Path zeros = Files.write(tmp.resolve("zeros.tar"), new byte[4096]);
        failsWith(zeros, ImageReadException.class, "not an image archive: the tar holds no files");
        Path pom = Files.writeString(tmp.resolve("pom.xml"), "<project/>");
        Path tar = OciLayouts.tar(Files.createDirectories(tmp.resolve("src/main")).getParent(),
                tmp.resolve("sources.tar"));
        failsWith(tar, ImageReadException.class, "not an image archive: the tar holds no files");
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(pom, project.resolve("pom.xml"));
        Path projectTar = OciLayouts.tar(project, tmp.resolve("project.tar"));
        failsWith(projectTar, ImageReadException.class, "not a container image: found neither manifest.json (docker"
                + " save, Jib) nor oci-layout and index.json (OCI image layout)");
    }

    @Test
    void foldersThatAreNoLayout() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        failsWith(empty, ImageReadException.class, "not a container image: found neither manifest.json (docker save,"
                + " Jib) nor oci-layout and index.json (OCI image layout)");
        Path half = Files.createDirectories(tmp.resolve("half"));
        Files.writeString(half.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
        failsWith(half, ImageReadException.class, "not a container image: found neither manifest.json (docker save,"
                + " Jib) nor oci-layout and index.json (OCI image layout)");
    }

    // ---- descriptor, digest and diff_id mismatches ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny.oci.tar", "tiny-zstd.oci.tar", "tiny-uncompressed.oci.tar"})
    void layerOfAnotherSizeThanItsDescriptor(String fixture) throws IOException {
        String layer = top(fixture);
        Path dir = OciLayouts.extract(Fixtures.image(fixture), tmp.resolve("layout"));
        long[] size = new long[1];
        OciLayouts.editInPlace(dir, l -> {
            ObjectNode d = (ObjectNode) l.layers().get(2);
            size[0] = d.path("size").asLong();
            d.put("size", size[0] + 1);
        });
        Path archive = OciLayouts.tar(dir, tmp.resolve("d.tar"));
        failsWith(archive, IntegrityException.class, "layer 3 (" + layer + ") is " + size[0]
                + " bytes, but the manifest says " + (size[0] + 1));
        failsWith(dir, IntegrityException.class, "layer 3 (" + layer + ") is " + size[0]
                + " bytes, but the manifest says " + (size[0] + 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tiny.oci.tar              | not a readable gzip tar: Unexpected data after a valid .gz stream.",
        "tiny-zstd.oci.tar         | not a readable zstd tar: Unknown frame descriptor",
    })
    void compressedBlobWithTrailingGarbage(String fixture, String problem) throws IOException {
        String layer = top(fixture);
        Path damaged = TarEdits.rewrite(Fixtures.image(fixture), tmp.resolve("d.tar"),
                Map.of(layer, data -> Arrays.copyOf(data, data.length + 3)));
        failsWith(damaged, ImageReadException.class, "layer " + layer + ": " + problem);
    }

    @Test
    void manifestBlobThatDoesNotMatchItsDescriptor() throws IOException {
        Path dir = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("layout"));
        String digest = Fixtures.expected("tiny-oci-dir.manifestDigest");
        Path manifest = OciLayouts.blob(dir, digest);
        byte[] edited = Files.readString(manifest).replace("\"schemaVersion\":2", "\"schemaVersion\":3")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(manifest, edited);
        failsWith(dir, IntegrityException.class, "manifest blob " + digest + " does not match its digest: content is "
                + Digests.sha256(edited));
        Files.write(manifest, Arrays.copyOf(edited, edited.length + 1));
        failsWith(dir, IntegrityException.class, "manifest blob " + digest + " is " + (edited.length + 1)
                + " bytes, but its descriptor says " + edited.length);
    }

    @Test
    void diffIdMismatchInAnOciLayout() throws IOException {
        Path blob = tmp.resolve("layer.tar.gz");
        Files.copy(OciLayouts.blob(Fixtures.image("tiny-oci-dir"),
                Fixtures.expectedList("tiny-oci-dir.layerDigests", ",").get(2)), blob);
        String wrong = Fixtures.expectedList("tiny-oci-dir.diffIds", ",").get(0);
        Path dir = HostileImages.withTopLayer(tmp.resolve("layout"), blob, wrong,
                "application/vnd.oci.image.layer.v1.tar+gzip");
        String layer = "blobs/sha256/" + Fixtures.expectedList("tiny-oci-dir.layerDigests", ",").get(2).substring(7);
        failsWith(dir, IntegrityException.class, "layer 3 (" + layer + "): uncompressed content is "
                + Fixtures.expectedList("tiny-oci-dir.diffIds", ",").get(2) + ", but the config's rootfs.diff_ids says "
                + wrong);
    }

    @Test
    void diffIdMismatchInAJibTar() throws IOException {
        String second = Fixtures.expectedList("jib-app.diffIds", ",").get(1);
        String third = Fixtures.expectedList("jib-app.diffIds", ",").get(2);
        Path damaged = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("d.tar"),
                Map.of("config.json", data -> new String(data, StandardCharsets.UTF_8).replace(third, second)
                        .getBytes(StandardCharsets.UTF_8)));
        String layer = Fixtures.expectedList("jib-app.layerDigests", ",").get(2).substring(7) + ".tar.gz";
        failsWith(damaged, IntegrityException.class, "layer 3 (" + layer + "): uncompressed content is " + third
                + ", but the config's rootfs.diff_ids says " + second);
    }

    @Test
    void diffIdCountDiffersInAnOciLayout() throws IOException {
        Path dir = tmp.resolve("layout");
        OciLayouts.edit(dir, l -> ((com.fasterxml.jackson.databind.node.ArrayNode) l.config.path("rootfs")
                .path("diff_ids")).add("sha256:" + "0".repeat(64)));
        failsWith(dir, IntegrityException.class, "the config lists 4 diff_ids but the manifest has 3 layers");
    }

    // ---- indexes that loop, nest or hold no image -----------------------------------------------------------------

    @Test
    void indexThatRefersBackToItselfThroughAReferrer() {
        String dir = Fixtures.shared("archives/regclient-testrepo").toString();
        assertThatThrownBy(() -> Fixtures.analyse(dir + ":loop")).isExactlyInstanceOf(ImageReadException.class)
                .hasMessage(dir + ": no container image: manifest"
                        + " sha256:8e54c6754f08d22f85c7552bb1951b228b8194d29b14a1639dbe50868da0273e is an artifact"
                        + " (config media type application/vnd.oci.empty.v1+json), not an image");
    }

    @Test
    void indexesNestedEightDeepReadNineDoNot() throws IOException {
        Path ok = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("eight"));
        OciLayouts.nestIndexes(ok, 8);
        assertThat(Fixtures.analyse(ok).image().digest()).isEqualTo(Fixtures.expected("tiny-oci-dir.manifestDigest"));
        Path deep = Damage.copyTree(Fixtures.image("tiny-oci-dir"), tmp.resolve("nine"));
        OciLayouts.nestIndexes(deep, 9);
        assertThatThrownBy(() -> Fixtures.analyse(deep)).isExactlyInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(deep + ": indexes nested more than 8 deep at sha256:");
    }

    @Test
    void helmChartArtifactIsNoImage() throws IOException {
        Path dir = tmp.resolve("helm");
        OciLayouts.Layout layout = OciLayouts.edit(dir, l -> {
            ((ObjectNode) l.manifest.path("config")).put("mediaType", "application/vnd.cncf.helm.config.v1+json");
            l.manifest.put("artifactType", "application/vnd.cncf.helm.config.v1+json");
            l.layers().forEach(d -> ((ObjectNode) d).put("mediaType",
                    "application/vnd.cncf.helm.chart.content.v1.tar+gzip"));
        });
        String manifest = layout.index.path("manifests").get(0).path("digest").asText();
        failsWith(dir, ImageReadException.class, "no container image: manifest " + manifest + " is an artifact (config"
                + " media type application/vnd.cncf.helm.config.v1+json), not an image");
    }

    // ---- paths and links leading out ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({"../../etc/passwd", "/etc/passwd", "a/../../b"})
    void manifestJsonPathsLeavingTheArchive(String path) throws IOException {
        String layer = Fixtures.expectedList("jib-app.layerDigests", ",").get(0).substring(7) + ".tar.gz";
        Path damaged = TarEdits.rewrite(Fixtures.image("jib-app.tar"), tmp.resolve("d.tar"),
                Map.of("manifest.json", data -> new String(data, StandardCharsets.UTF_8).replace(layer, path)
                        .getBytes(StandardCharsets.UTF_8)));
        failsWith(damaged, ImageReadException.class, "manifest.json: layer path '" + path
                + "' is empty or leaves the archive");
    }

    @Test
    void archiveMemberLinksAreFollowedInsideTheArchiveOnly() throws IOException {
        // legacy docker save writes a repeated layer as a symlink to the first copy: it reads
        String layer = Fixtures.expectedList("tiny.docker.layerPaths", ",").get(0);
        Path withLink = TarEdits.rewrite(Fixtures.image("tiny.docker.tar"), tmp.resolve("link.tar"), Map.of());
        ImageAnalysis a = Fixtures.analyse(withLink);
        assertThat(a.layers()).hasSize(3);
        Path outside = TarEdits.replaceWithSymlink(Fixtures.image("tiny.docker.tar"), tmp.resolve("out.tar"),
                layer, "../../../../etc/passwd");
        failsWith(outside, ImageReadException.class, "layer " + layer + " is a link leading outside the archive;"
                + " refusing to read it");
        Path inside = TarEdits.replaceWithSymlink(Fixtures.image("tiny.docker.tar"), tmp.resolve("in.tar"),
                layer, "../" + Fixtures.expectedList("tiny.docker.layerPaths", ",").get(1));
        failsWith(inside, IntegrityException.class, "layer 1 (" + layer + "): uncompressed content is "
                + Fixtures.expectedList("tiny.docker.diffIds", ",").get(1) + ", but the config's rootfs.diff_ids says "
                + Fixtures.expectedList("tiny.docker.diffIds", ",").get(0));
    }
}
