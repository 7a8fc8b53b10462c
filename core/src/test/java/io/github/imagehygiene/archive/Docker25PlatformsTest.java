package io.github.imagehygiene.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.baseline.AllPlatformsTest;
import io.github.imagehygiene.check.CheckRun;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * What an archive offers, listed and resolved alike, on Docker 25+ {@code docker save} archives: an OCI layout plus a
 * manifest.json naming one image. go-containerregistry's hello-world v25 is Docker's own (one arm64 image,
 * {@code "manifests": null} in index.json); a multi-platform one, as Docker 25+ with the containerd image store writes
 * it, is made here from BuildKit's two-platform layout by adding the manifest.json Docker adds (its amd64 image, as
 * Docker names blobs: {@code blobs/sha256/…}). The platforms and layers expected are the layout's own, read by hand.
 */
class Docker25PlatformsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The layout as a tar, with Docker's manifest.json for its linux/amd64 image. */
    Path docker25(Path layout) throws Exception {
        JsonNode inner = JSON.readTree(layout.resolve(
                "blobs/sha256/a1a8d08faa5fe3d2ccc0ba54874e39dede9a17120f883c5cb56f2fd9309067c8").toFile());
        JsonNode amd64 = null;
        for (JsonNode m : inner.get("manifests")) {
            if (m.at("/platform/architecture").asText().equals("amd64")) {
                amd64 = JSON.readTree(layout.resolve("blobs/" + m.get("digest").asText().replace(':', '/')).toFile());
            }
        }
        String manifest = "[{\"Config\":\"blobs/" + amd64.at("/config/digest").asText().replace(':', '/')
                + "\",\"RepoTags\":[\"multi-platform:latest\"],\"Layers\":[\"blobs/"
                + amd64.at("/layers/0/digest").asText().replace(':', '/') + "\"]}]";
        Path tar = dir.resolve("docker25-multi.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar));
                Stream<Path> files = Files.walk(layout)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                add(out, layout.relativize(f).toString(), Files.readAllBytes(f));
            }
            add(out, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        }
        return tar;
    }

    private static void add(TarArchiveOutputStream out, String name, byte[] data) throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        out.putArchiveEntry(e);
        ((OutputStream) out).write(data);
        out.closeArchiveEntry();
    }

    @Test
    void everyPlatformOfAMultiPlatformDocker25Archive() throws Exception {
        Path layout = Fixtures.shared("archives/stereoscope-multiplatform-oci-dir");
        Map<String, List<String>> expected = AllPlatformsTest.manifests(layout, null);
        assertThat(expected).containsOnlyKeys("linux/amd64", "linux/arm64");
        Path tar = docker25(layout);

        CheckRun run = ImageCheck.check(CheckSettings.builder().image(tar.toString()).platform("all")
                .reportDirectory(dir.resolve("all")).build(), new CapturedLog());
        assertThat(run.results()).extracting(r -> r.analysis().image().platform().toString())
                .containsExactlyElementsOf(expected.keySet());
        for (CheckResult r : run.results()) {
            assertThat(r.analysis().layers()).extracting(LayerSummary::digest)
                    .containsExactlyElementsOf(expected.get(r.analysis().image().platform().toString()));
            assertThat(r.analysis().image().format().id()).isEqualTo("docker-archive");
        }
        // one platform asked for: the one manifest.json does not name is there too
        ImageAnalysis arm64 = Fixtures.analyse(CheckSettings.builder().image(tar.toString()).platform("linux/arm64")
                .build());
        assertThat(arm64.layers()).extracting(LayerSummary::digest).containsExactlyElementsOf(
                expected.get("linux/arm64"));
        // none asked for: manifest.json's, with its tags, as docker load would load it
        ImageAnalysis plain = Fixtures.analyse(tar);
        assertThat(plain.image().platform().toString()).isEqualTo("linux/amd64");
        assertThat(plain.image().repoTags()).containsExactly("multi-platform:latest");
        assertThat(plain.layers()).extracting(LayerSummary::digest).containsExactlyElementsOf(
                expected.get("linux/amd64"));
        // listing and resolving agree
        try (ArchiveSource<Object> source = ArchiveSources.open(tar, tar.toString(), (p, in) -> null)) {
            assertThat(ImageResolver.platforms(source, null)).extracting(Object::toString)
                    .containsExactlyElementsOf(expected.keySet());
        }
    }

    /** Docker's own v25 save: one arm64 image that only manifest.json names (README: diff_id = the layer's digest). */
    @Test
    void dockersOwnV25SaveUnderPlatformAll() {
        Path tar = Fixtures.shared("archives/ggcr-hello-world-docker-v25.tar");
        CheckRun run = ImageCheck.check(CheckSettings.builder().image(tar.toString()).platform("all")
                .reportDirectory(dir.resolve("ggcr")).build(), new CapturedLog());
        assertThat(run.results()).singleElement().satisfies(r -> {
            assertThat(r.analysis().image().platform().toString()).isEqualTo("linux/arm64");
            assertThat(r.analysis().layers()).extracting(LayerSummary::diffId)
                    .containsExactly("sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43");
        });
    }
}
