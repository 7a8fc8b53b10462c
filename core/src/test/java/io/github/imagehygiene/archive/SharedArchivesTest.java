package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.ImageReadException;
import static io.github.imagehygiene.testing.Fixtures.shared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.testing.Fixtures;

/** Archives made by other tools (../shared/fixtures), with the values their own projects' tests assert. */
class SharedArchivesTest {

    @Test
    void diveLegacyDockerSaveHasDivesLayerSizes() {
        ImageAnalysis a = Fixtures.analyse(shared("dive/test-docker-image.tar"));
        assertThat(a.image().format().id()).isEqualTo("docker-archive");
        assertThat(a.layers()).extracting(LayerSummary::contentSize).containsExactly(1154361L, 6405L, 0L, 6405L,
                6405L, 6405L, 6405L, 6405L, 6405L, 0L, 2187L, 6405L, 6405L, 6405L);
        assertThat(a.contentSize()).isEqualTo(1220598L);
        assertThat(a.contentSize() - a.layers().get(0).contentSize()).isEqualTo(66237L);
        assertThat(a.image().repoTags()).containsExactly("dive-test:latest");
        assertThat(a.image().config().user()).isEmpty();
        assertThat(a.image().config().healthcheck()).isEmpty();
        assertThat(a.layers().get(0).instruction()).startsWith("ADD file:");
    }

    @Test
    void diveKanikoArchiveWithGzipLayersReads() {
        ImageAnalysis a = Fixtures.analyse(shared("dive/test-kaniko-image.tar"));
        assertThat(a.image().format().id()).isEqualTo("docker-archive");
        assertThat(a.layers()).allSatisfy(l -> assertThat(l.compression()).isEqualTo("gzip"));
        assertThat(a.layers()).allSatisfy(l -> assertThat(l.blobSize()).isEqualTo(l.compressedSize()));
    }

    @ParameterizedTest
    @CsvSource({
        "dive/test-oci-uncompressed-image.tar, none",
        "dive/test-oci-gzip-image.tar, gzip",
        "dive/test-oci-zstd-image.tar, zstd",
        "dive/test-oci-estargz-image.tar, gzip",
    })
    void diveOciVariantsReadInEveryCompression(String file, String compression) {
        ImageAnalysis a = Fixtures.analyse(shared(file));
        assertThat(a.image().format().id()).isEqualTo("oci-archive");
        assertThat(a.layers()).singleElement().satisfies(l -> assertThat(l.compression()).isEqualTo(compression));
        List<FileEntry> files = a.scans().get(0).entries().stream().filter(e -> e.type() == EntryType.FILE).toList();
        // estargz adds its table of contents as a file of its own
        assertThat(files).filteredOn(e -> e.path().equals("/README.md")).singleElement()
                .satisfies(e -> assertThat(e.size()).isEqualTo(11189L));
    }

    @Test
    void dockerV25SaveIsFoundThroughManifestJson() {
        ImageAnalysis a = Fixtures.analyse(shared("archives/ggcr-hello-world-docker-v25.tar"));
        String id = "sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43";
        assertThat(a.image().format().id()).isEqualTo("docker-archive");
        assertThat(a.layers()).singleElement().satisfies(l -> {
            assertThat(l.diffId()).isEqualTo(id);
            assertThat(l.digest()).isEqualTo(id);
        });
        assertThat(a.image().platform()).hasToString("linux/arm64");
        assertThat(a.image().config().cmd()).containsExactly("/hello");
        assertThat(a.image().config().history()).extracting(HistoryEntry::emptyLayer).containsExactly(false, true);
        assertThat(a.image().repoTags()).isEmpty();
        assertThat(a.scans().get(0).entries()).filteredOn(e -> e.path().equals("/hello")).singleElement()
                .satisfies(e -> assertThat(e.size()).isEqualTo(9136L));
    }

    @Test
    void classicDockerSaveFromJib() {
        ImageAnalysis a = Fixtures.analyse(shared("archives/jib-docker-save-legacy-pre25.tar"));
        assertThat(a.layers()).extracting(LayerSummary::diffId).containsExactly(
                "sha256:5e701122d3347fae0758cd5b7f0692c686fcd07b0e7fd9c4a125fbdbbedc04dd",
                "sha256:f1ac3015bcbf0ada4750d728626eb10f0f585199e2b667dcd79e49f0e926178e");
        assertThat(a.image().repoTags()).containsExactly("extraction.test:latest");
    }

    @Test
    void jibTarWithLowercaseManifestKeys() {
        ImageAnalysis a = Fixtures.analyse(shared("archives/jib-image-docker-format.tar"));
        assertThat(a.image().format().id()).isEqualTo("docker-archive");
        assertThat(a.layers()).extracting(LayerSummary::diffId).containsExactly(
                "sha256:5e701122d3347fae0758cd5b7f0692c686fcd07b0e7fd9c4a125fbdbbedc04dd",
                "sha256:f1ac3015bcbf0ada4750d728626eb10f0f585199e2b667dcd79e49f0e926178e");
        assertThat(a.layers()).extracting(l -> l.digest().substring(0, 15)).containsExactly("sha256:0011328a",
                "sha256:c10ef24a");
    }

    @ParameterizedTest
    @CsvSource({
        "linux/amd64, sha256:e7c26a4b4d156fd9947ee82295b7b78acf7aa54b93b8f3e4b9f608179ffb20e8",
        "linux/arm64, sha256:5ed07065bcbc6c52e3ad28526557d7b6833613fc79257b1a786de85e37c03b05",
    })
    void nestedIndexSelectsThePlatform(String platform, String manifest) {
        ImageAnalysis a = Fixtures.analyse(CheckSettings.builder()
                .image(shared("archives/stereoscope-multiplatform-oci-dir").toString()).platform(platform).build());
        assertThat(a.image().format().id()).isEqualTo("oci-dir");
        assertThat(a.image().digest()).isEqualTo(manifest);
        assertThat(a.image().platform()).hasToString(platform);
        assertThat(a.layers()).singleElement().satisfies(l -> assertThat(l.compression()).isEqualTo("gzip"));
    }

    @Test
    void nestedIndexDefaultsToLinuxAmd64() {
        ImageAnalysis a = Fixtures.analyse(shared("archives/stereoscope-multiplatform-oci-dir"));
        assertThat(a.image().digest())
                .isEqualTo("sha256:e7c26a4b4d156fd9947ee82295b7b78acf7aa54b93b8f3e4b9f608179ffb20e8");
    }

    @Test
    void missingPlatformListsThoseFound() {
        String dir = shared("archives/stereoscope-multiplatform-oci-dir").toString();
        assertThatThrownBy(() -> Fixtures.analyse(CheckSettings.builder().image(dir).platform("linux/ppc64le")
                .build()))
                .isInstanceOf(ImageReadException.class)
                .hasMessage(dir + ": no image for platform linux/ppc64le; platforms found: linux/amd64, linux/arm64");
    }

    @ParameterizedTest
    @CsvSource({"b1, 1, linux/amd64", "v1, 2, linux/amd64", "v2, 3, linux/amd64", "v3, 5, linux/amd64"})
    void regclientTagsSkipAttestationsAndArtifacts(String tag, int layers, String platform) {
        String dir = shared("archives/regclient-testrepo").toString();
        ImageAnalysis a = Fixtures.analyse(dir + ":" + tag);
        assertThat(a.layers()).hasSize(layers);
        assertThat(a.image().platform()).hasToString(platform);
        assertThat(a.image().repoTags()).containsExactly(tag);
    }

    @Test
    void regclientPlatformsOfATag() {
        String dir = shared("archives/regclient-testrepo").toString();
        assertThatThrownBy(() -> Fixtures.analyse(CheckSettings.builder().image(dir + ":v2")
                .platform("linux/s390x").build()))
                .hasMessage(dir + ": no image for platform linux/s390x; platforms found: linux/amd64, linux/arm64,"
                        + " linux/arm/v7");
        ImageAnalysis armV7 = Fixtures.analyse(CheckSettings.builder().image(dir + ":v2").platform("linux/arm/v7")
                .build());
        assertThat(armV7.image().platform()).hasToString("linux/arm/v7");
        assertThat(armV7.layers()).hasSize(3);
    }

    @Test
    void layoutWithManyTagsAsksForOne() {
        String dir = shared("archives/regclient-testrepo").toString();
        assertThatThrownBy(() -> Fixtures.analyse(dir))
                .isInstanceOf(ImageReadException.class)
                .hasMessageStartingWith(dir + ": the layout holds ")
                .hasMessageEndingWith(" tagged images (b1, b2, b3, v1, v2, v3, a-docker, a-docker-oci); name one as"
                        + " PATH:TAG");
    }

    @Test
    void buildkitOciTar() {
        ImageAnalysis a = Fixtures.analyse(shared("archives/stereoscope-valid-oci.tar"));
        assertThat(a.image().format().id()).isEqualTo("oci-archive");
        assertThat(a.image().platform()).hasToString("linux/amd64");
        assertThat(a.layers()).singleElement().satisfies(l -> {
            assertThat(l.compression()).isEqualTo("gzip");
            assertThat(l.blobSize()).isEqualTo(120L);
        });
    }
}
