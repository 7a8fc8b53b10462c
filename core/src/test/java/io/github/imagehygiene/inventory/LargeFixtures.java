package io.github.imagehygiene.inventory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The large inventory images and tool outputs that src/test/fixtures/large/build-inventory-fixtures.sh builds into
 * target/large-fixtures (too big to commit). Absent: the test is skipped with a visible message, or fails when
 * -DimageHygiene.it.docker=required (as .ci/run sets, after running the script).
 */
public final class LargeFixtures {
    static final String SCRIPT = "bash core/src/test/fixtures/large/build-inventory-fixtures.sh";

    private LargeFixtures() {
    }

    public static Path require(String name) {
        Path dir = Path.of(System.getProperty("imageHygiene.largeFixtures", "target/large-fixtures"));
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            String message = "SKIPPED: large fixture " + p.toAbsolutePath() + " is absent; run " + SCRIPT;
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message.substring(9));
            }
            System.err.println(message);
            assumeTrue(false, message);
        }
        return p;
    }

    public static List<String> lines(String name) {
        try {
            return Files.readAllLines(require(name), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an image with the inventory collectors in the layer pass. */
    public static ImageAnalysis analyse(Path image) {
        return new ImageCheck(CheckSettings.builder().image(image.toString()).build(), LogSink.NONE)
                .analyse(InventoryCollectors.all());
    }
}
