package io.github.imagehygiene.archive;

import static io.github.imagehygiene.testing.Fixtures.expected;
import static io.github.imagehygiene.testing.Fixtures.expectedList;
import static io.github.imagehygiene.testing.Fixtures.expectedLongs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.ImageConfig;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Every format of our own fixture images, made by docker, skopeo and Jib, reads to exactly what those tools reported
 * about them (expected.properties, written by build-fixtures.sh from docker inspect, skopeo inspect and tar).
 */
class OwnImagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"busybox-app.docker.", "tiny.docker.", "tiny.oci.", "tiny-zstd.oci.",
        "tiny-uncompressed.oci.", "tiny-oci-dir.", "jib-app.", "jib-on-tiny."})
    void readsWhatTheToolsReported(String fixture) {
        ImageAnalysis a = Fixtures.analyse(Fixtures.image(expected(fixture + "file")));
        Image image = a.image();

        String format = expected(fixture + "format");
        assertThat(image.format().id()).isEqualTo(format.equals("oci") ? "oci-dir" : format);
        assertThat(a.layers()).hasSize(Integer.parseInt(expected(fixture + "layers")));
        assertThat(a.layers()).extracting(LayerSummary::diffId)
                .containsExactlyElementsOf(expectedList(fixture + "diffIds", ","));
        assertThat(a.layers()).extracting(LayerSummary::digest)
                .containsExactlyElementsOf(expectedList(fixture + "layerDigests", ","));
        assertThat(a.layers()).extracting(LayerSummary::blobSize)
                .containsExactlyElementsOf(expectedLongs(fixture + "compressedSizes"));
        assertThat(a.layers()).extracting(LayerSummary::size)
                .containsExactlyElementsOf(expectedLongs(fixture + "uncompressedSizes"));
        assertThat(a.layers()).extracting(LayerSummary::contentSize)
                .containsExactlyElementsOf(expectedLongs(fixture + "contentSizes"));
        assertThat(a.layers()).extracting(l -> (long) l.files())
                .containsExactlyElementsOf(expectedLongs(fixture + "files"));
        assertThat(a.layers()).extracting(LayerSummary::compression)
                .containsExactlyElementsOf(expectedList(fixture + "layerCompression", ","));
        assertThat(image.layers()).extracting(LayerDescriptor::createdBy)
                .containsExactlyElementsOf(expectedList(fixture + "createdBy", "|"));
        assertThat(a.size()).isEqualTo(expectedLongs(fixture + "uncompressedSizes").stream().mapToLong(Long::longValue).sum());

        assertThat(image.configDigest()).isEqualTo(expected(fixture + "configDigest"));
        String manifestDigest = Fixtures.expected().getProperty(fixture + "manifestDigest");
        assertThat(image.digest()).isEqualTo(manifestDigest != null ? manifestDigest : expected(fixture + "configDigest"));
        String refName = Fixtures.expected().getProperty(fixture + "refName");
        assertThat(image.repoTags()).containsExactlyElementsOf(refName != null ? List.of(refName)
                : expectedList(fixture + "repoTags", ","));
        assertThat(image.platform()).hasToString(expected(fixture + "os") + "/" + expected(fixture + "architecture"));

        ImageConfig c = image.config();
        assertThat(nullToEmpty(c.user())).isEqualTo(expected(fixture + "user"));
        assertThat(nullToEmpty(c.workingDir())).isEqualTo(expected(fixture + "workdir"));
        assertThat(c.env()).containsExactlyElementsOf(expectedList(fixture + "env", "|"));
        assertThat(c.entrypoint()).containsExactlyElementsOf(expectedList(fixture + "entrypoint", "|"));
        assertThat(c.cmd()).containsExactlyElementsOf(expectedList(fixture + "cmd", "|"));
        assertThat(c.exposedPorts()).containsExactlyElementsOf(expectedList(fixture + "exposedPorts", ","));
        assertThat(c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.toList())).containsExactlyElementsOf(expectedList(fixture + "labels", "|"));
        assertThat(c.created()).isEqualTo(expected(fixture + "created"));
        assertThat(c.history()).hasSize(Integer.parseInt(expected(fixture + "historyEntries")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox-app.docker.", "jib-on-tiny."})
    void recognisesWhiteouts(String fixture) {
        ImageAnalysis a = Fixtures.analyse(Fixtures.image(expected(fixture + "file")));
        List<String> whiteouts = expectedList(fixture + "whiteouts", ",");
        Map<Integer, List<String>> found = new java.util.TreeMap<>();
        for (int i = 0; i < a.scans().size(); i++) {
            int layer = i;
            a.scans().get(i).entries().stream().filter(e -> e.isWhiteout())
                    .forEach(e -> found.computeIfAbsent(layer, k -> new java.util.ArrayList<>()).add(e.path()));
        }
        // expected "3:app/data/.wh.blob.bin": 0-based layer index and the whiteout's tar name
        List<String> actual = found.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(p -> e.getKey() + ":" + p)).toList();
        assertThat(actual).containsExactlyElementsOf(whiteouts.stream()
                .map(w -> w.replace(".wh.", "").replaceFirst(":", ":/")).toList());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
