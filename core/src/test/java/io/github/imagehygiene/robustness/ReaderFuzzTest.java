package io.github.imagehygiene.robustness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.imagehygiene.testing.Fixtures;

/**
 * Jazzer fuzz tests of the readers of untrusted input: archive detection (any file), the layer reader (any blob), the
 * JSON readers (index, manifest, config, manifest.json) and the whiteout logic (against the reference filesystem).
 *
 * <p>In the normal test run (no {@code JAZZER_FUZZ}) each replays its saved corpus, the seeds taken from the real
 * fixtures plus every crash found so far, under
 * src/test/resources/io/github/imagehygiene/robustness/ReaderFuzzTestInputs/METHOD/. To fuzz (docs/security.md):
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dinvoker.skip -Dtest=ReaderFuzzTest#layerReader -Djazzer.max_duration=10m}.
 */
class ReaderFuzzTest {
    static {
        // Replaying the corpus needs no instrumentation; Jazzer's hooks (its bug detectors) cost 40 s of startup.
        // Fuzzing keeps them (or -Djazzer.hooks=true keeps them here too).
        if (System.getenv("JAZZER_FUZZ") == null && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    private static Path scratch;
    private static Map<String, byte[]> layout;

    @BeforeAll
    static void setUp() throws IOException {
        scratch = Files.createTempFile("fuzz-archive", ".bin");
        layout = FuzzTargets.layout(Fixtures.image("tiny-oci-dir"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        Files.deleteIfExists(scratch);
    }

    @FuzzTest(maxDuration = "30s")
    void archiveDetection(byte[] data) throws IOException {
        FuzzTargets.archive(data, scratch);
    }

    @FuzzTest(maxDuration = "30s")
    void layerReader(byte[] data) {
        FuzzTargets.layer(data);
    }

    @FuzzTest(maxDuration = "30s")
    void jsonReaders(byte[] data) {
        if (data.length == 0) {
            return;
        }
        FuzzTargets.metadata(data[0], Arrays.copyOfRange(data, 1, data.length), layout);
    }

    @FuzzTest(maxDuration = "30s")
    void whiteouts(byte[] data) {
        FuzzTargets.whiteoutsAgree(FuzzTargets.decodeLayers(data));
    }
}
