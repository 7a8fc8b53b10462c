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

    /** The Maven local repository the fixture script built the apps with (the build's own). */
    static Path localRepository() {
        String configured = System.getProperty("imageHygiene.localRepository");
        return configured != null && !configured.isBlank() && !configured.contains("${") ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * GROUP:ARTIFACT:VERSION's jar in {@link #localRepository()}, where Maven put it when the fixture script built the
     * apps; absent, as {@link #require}.
     */
    static Path localRepositoryJar(String group, String artifact, String version) {
        Path p = localRepository().resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".jar");
        if (!Files.isRegularFile(p)) {
            String message = "SKIPPED: " + p + " is absent from the local repository; run " + SCRIPT;
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
