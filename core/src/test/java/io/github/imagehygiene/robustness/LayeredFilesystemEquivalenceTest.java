package io.github.imagehygiene.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.testing.ReferenceFilesystem;

/**
 * The compact layered filesystem (and the packed entry tables behind LayerScan.entries()), dive's figures and the
 * reclaimable copies give exactly what the first, TreeMap-based implementations gave: same visible paths in the same
 * order, same entries, same layers, same {@code below}, same dive sums and listed paths, same reclaimable items; on
 * every real image and on random layers over a small alphabet of paths (where whiteouts, opaque markers, files
 * replacing folders, mode-only changes and names sorting around '/' meet).
 */
class LayeredFilesystemEquivalenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"busybox-app.docker.tar", "jib-on-tiny.tar", "tiny.docker.tar", "tiny-zstd.oci.tar",
        "hostile/opaque-root.oci.tar", "hostile/whiteout-readd.oci.tar", "hostile/duplicates.oci.tar",
        "hostile/traversal.oci.tar", "hostile/long-names.oci.tar", "hostile/control-chars.oci.tar"})
    void realImages(String image) {
        ImageAnalysis a = Fixtures.analyse(Fixtures.image(image));
        List<List<FileEntry>> layers = new ArrayList<>();
        for (LayerScan s : a.scans()) {
            List<FileEntry> copy = new ArrayList<>(s.entries());
            assertThat(copy).hasSize(s.entries().size());
            for (int i = 0; i < copy.size(); i++) {
                assertThat(s.entries().get(i)).isEqualTo(copy.get(i));
            }
            layers.add(copy);
        }
        FuzzTargets.whiteoutsAgree(layers);
        // the filesystem over the packed tables (whose entries it decodes knowing their paths) agrees too
        ReferenceFilesystem ref = ReferenceFilesystem.build(layers);
        assertThat(a.filesystem().nodes()).extracting(n -> n.layer() + " " + n.entry())
                .containsExactlyElementsOf(ref.nodes().stream().map(n -> n.layer() + " " + n.entry()).toList());
    }

    @Test
    void diveFixtureWithFourteenLayers() {
        Path dive = Fixtures.shared("dive/test-docker-image.tar");
        ImageAnalysis a = Fixtures.analyse(dive);
        List<List<FileEntry>> layers = new ArrayList<>();
        a.scans().forEach(s -> layers.add(new ArrayList<>(s.entries())));
        FuzzTargets.whiteoutsAgree(layers);
    }

    /**
     * A directory deleted and filled again in one layer, then deleted again: what the second deletion removes is what
     * the refill put there (dive's sizes, the reclaimable copies), though the first deletion took the old names out of
     * the walks.
     */
    @Test
    void directoryDeletedAndRefilledThenDeletedAgain() {
        List<FileEntry> first = List.of(entry("/d", EntryType.DIRECTORY, 0), entry("/d/old", EntryType.FILE, 5));
        List<FileEntry> second = List.of(entry("/d", EntryType.WHITEOUT, 0), entry("/d", EntryType.DIRECTORY, 0),
                entry("/d/new", EntryType.FILE, 7));
        List<FileEntry> third = List.of(entry("/d", EntryType.WHITEOUT, 0));
        FuzzTargets.whiteoutsAgree(List.of(first, second, third));
        FuzzTargets.whiteoutsAgree(List.of(first, second, third, second, third));
    }

    private static FileEntry entry(String path, EntryType type, long size) {
        return new FileEntry(path, type, size, 0644, 0, 0, null);
    }

    @Test
    void randomLayers() {
        Random random = new Random(20261127);
        for (int round = 0; round < 3000; round++) {
            byte[] data = new byte[2 + random.nextInt(60)];
            random.nextBytes(data);
            FuzzTargets.whiteoutsAgree(FuzzTargets.decodeLayers(data));
        }
    }
}
