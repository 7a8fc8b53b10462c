package io.github.imagehygiene.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.base.BaseFixtures;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * A large image says what it is reading, a layer at a time, so that a CI log shows the check working; a small one
 * says nothing. The stored sizes are the layer files' sizes as GNU tar lists the archive.
 */
class ProgressTest {
    private static final Pattern READ = Pattern.compile(
            "Read layer (\\d+) of (\\d+): (.+) stored, (.+) of files in \\d+\\.\\d s");

    static CapturedLog check(Path image) {
        CapturedLog log = new CapturedLog();
        ImageCheck.run(CheckSettings.builder().image(image.toString()).build(), log);
        return log;
    }

    @Test
    void aLargeImageReportsEachLayer() throws Exception {
        Path image = BaseFixtures.large("base-java-app.docker.tar");
        Map<String, Long> tarSizes = tarListing(image);
        List<String> manifestLayers = new ArrayList<>();
        new ObjectMapper().readTree(run("tar", "-xOf", image.toString(), "manifest.json")).get(0).get("Layers")
                .forEach(l -> manifestLayers.add(l.asText()));

        List<String> lines = check(image).lines();
        assertThat(lines).contains("Reading " + manifestLayers.size() + " layers, "
                + ByteSize.human(java.nio.file.Files.size(image)) + " of archive");
        List<String> read = new ArrayList<>();
        Map<Integer, String> stored = new HashMap<>();
        for (String l : lines) {
            Matcher m = READ.matcher(l);
            if (m.matches()) {
                assertThat(m.group(2)).isEqualTo(String.valueOf(manifestLayers.size()));
                stored.put(Integer.parseInt(m.group(1)), m.group(3));
                read.add(l);
            }
        }
        assertThat(read).hasSize(manifestLayers.size());
        for (int i = 0; i < manifestLayers.size(); i++) {
            assertThat(stored.get(i + 1)).as("layer " + (i + 1))
                    .isEqualTo(ByteSize.human(tarSizes.get(manifestLayers.get(i))));
        }
        // before the summary: the lines come while the layers are read
        assertThat(lines.indexOf(read.get(read.size() - 1))).isLessThan(
                lines.indexOf(lines.stream().filter(l -> l.startsWith("Image ")).findFirst().orElseThrow()));
    }

    /**
     * A gzipped archive is read as a stream, layers before its manifest: the large ones are reported as they come, by
     * their name in the archive, and the rest once the manifest is read.
     */
    @Test
    void aStreamedArchiveReportsItsLargeLayersAsTheyCome() throws Exception {
        Path image = BaseFixtures.large("base-java-app.docker.tar");
        Map<String, Long> tarSizes = tarListing(image);
        Path gz = Path.of("target/progress-test/base-java-app.docker.tar.gz");
        java.nio.file.Files.createDirectories(gz.getParent());
        if (!java.nio.file.Files.isRegularFile(gz)) {
            assertThat(new ProcessBuilder("sh", "-c", "gzip -1 -c '" + image + "' > '" + gz + "'").start().waitFor())
                    .isZero();
        }
        List<String> lines = check(gz).lines();
        List<String> early = new ArrayList<>();
        for (Map.Entry<String, Long> e : tarSizes.entrySet()) {
            if (e.getKey().endsWith("/layer.tar") && e.getValue() >= Progress.STREAMED_LAYER) {
                String prefix = "Read layer " + e.getKey() + ": " + ByteSize.human(e.getValue()) + " stored, ";
                assertThat(lines).as(prefix).anyMatch(l -> l.startsWith(prefix));
                early.add(e.getKey());
            }
        }
        assertThat(early).hasSize(2);
        assertThat(lines).anyMatch(l -> l.startsWith("Reading 4 layers, ") && l.endsWith(" (2 read before the"
                + " image's manifest came)"));
    }

    @Test
    void aSmallImageSaysNothingOfIt() {
        assertThat(check(Fixtures.image("busybox-app.docker.tar")).lines())
                .noneMatch(l -> l.startsWith("Read layer") || l.startsWith("Reading "));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }

    /** Entry name to size, from {@code tar -tvf}. */
    private static Map<String, Long> tarListing(Path archive) throws IOException, InterruptedException {
        String out = run("tar", "-tvf", archive.toString());
        Map<String, Long> sizes = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6) {
                sizes.put(f[f.length - 1], Long.parseLong(f[2]));
            }
        }
        return sizes;
    }
}
