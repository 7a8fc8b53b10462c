package io.github.imagehygiene.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.base.BaseFixtures;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;
import io.github.imagehygiene.testing.Fixtures;

/**
 * The largest files and directories equal an independent reading of the layers: Python's tarfile applying them with
 * their whiteouts (core/src/test/fixtures/tools/read-image.py), on images with whiteouts, opaque directories, hard
 * links, Jib tars, OCI layouts, gzip and plain layers.
 */
class SizeAttributionTest {
    static final Path SCRIPT = Path.of("src/test/fixtures/tools/read-image.py");

    static Path image(String name) {
        if (name.startsWith("shared:")) {
            return Fixtures.shared(name.substring("shared:".length()));
        }
        if (name.startsWith("large:")) {
            return BaseFixtures.large(name.substring("large:".length()));
        }
        return Fixtures.image(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox-app.docker.tar", "tiny.oci.tar", "jib-on-tiny.tar", "jib-app.tar",
            "security/secrets.docker.tar.gz", "security/filesystem.docker.tar.gz", "hostile/whiteout-readd.oci.tar",
            "hostile/opaque-root.oci.tar", "hostile/hardlinks.oci.tar", "shared:dive/test-docker-image.tar",
            "shared:dive/test-oci-gzip-image.tar", "shared:dive/test-oci-uncompressed-image.tar", "shared:dive/test-kaniko-image.tar", "large:base-java-app.docker.tar"})
    void equalsPythonsReading(String name) throws Exception {
        Path image = image(name);
        JsonNode expected = python(image, SizeAttribution.TOP);
        SizeAttribution a = SizeAttribution.of(Fixtures.analyse(image));
        assertThat(a.totalBytes()).isEqualTo(expected.get("totalBytes").asLong());
        assertThat(a.largestFiles()).containsExactlyElementsOf(sizes(expected.get("largestFiles"), true));
        assertThat(a.largestDirectories()).containsExactlyElementsOf(sizes(expected.get("largestDirectories"), false));
        assertThat(a.largestFiles()).hasSizeLessThanOrEqualTo(SizeAttribution.TOP);
        // the chart's directories are among the directories, each at least the share asked, none deeper than asked
        for (PathSize d : a.chart()) {
            assertThat(d.path().split("/").length - 1).isLessThanOrEqualTo(SizeAttribution.CHART_DEPTH);
        }
    }

    private static List<PathSize> sizes(JsonNode list, boolean files) {
        List<PathSize> out = new ArrayList<>();
        for (JsonNode f : list) {
            out.add(new PathSize(f.get("path").asText(), f.get("size").asLong(), files ? f.get("layer").asInt() : 0));
        }
        return out;
    }

    static JsonNode python(Path image, int n) throws Exception {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), "space", image.toString(), String.valueOf(n))
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return new ObjectMapper().readTree(out);
    }
}
