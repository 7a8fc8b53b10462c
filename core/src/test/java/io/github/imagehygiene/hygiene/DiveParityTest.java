package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.rules.hygiene.MaxWastedBytesRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedPercentRule;
import io.github.imagehygiene.rules.hygiene.MinEfficiencyRule;
import io.github.imagehygiene.testing.Fixtures;

/**
 * dive parity: efficiency, wasted bytes and the user-wasted share computed as dive does, on dive's own test images,
 * equal to what dive's tests assert (shared/fixtures/dive/README.md) to the last digit.
 */
class DiveParityTest {

    private static ImageAnalysis dive(String name) {
        return HygieneFixtures.analyse(Fixtures.shared("dive/" + name));
    }

    @Test
    void testDockerImageGivesDivesNumbers() {
        ImageAnalysis a = dive("test-docker-image.tar");
        // dive's layer sizes (sum of tar-header sizes), 14 layers
        assertThat(a.layers()).extracting(LayerSummary::contentSize).containsExactly(1154361L, 6405L, 0L, 6405L,
                6405L, 6405L, 6405L, 6405L, 6405L, 0L, 2187L, 6405L, 6405L, 6405L);

        DiveEfficiency.Result r = DiveEfficiency.of(a).result();
        assertThat(r.efficiency()).isEqualTo(0.9844212134184309);
        assertThat(r.efficiency()).isEqualTo(1214193.0 / 1233408.0);
        assertThat(r.wastedBytes()).isEqualTo(32025L);
        assertThat(r.userWastedPercent()).isEqualTo(0.4834911001404049);
        assertThat(r.sizeBytes()).isEqualTo(1220598L);
        assertThat(r.userSizeBytes()).isEqualTo(66237L);
        assertThat(r.inefficiencies())
                .extracting(DiveEfficiency.Inefficiency::path, DiveEfficiency.Inefficiency::copies,
                        DiveEfficiency.Inefficiency::bytes, DiveEfficiency.Inefficiency::layers)
                .containsExactly(
                        tuple("/root/example/somefile1.txt", 2, 12810L, List.of(4, 5)),
                        tuple("/root/saved.txt", 2, 12810L, List.of(8, 14)),
                        tuple("/root/example/somefile3.txt", 2, 6405L, List.of(7, 8)));
    }

    /**
     * kaniko's build of the same Dockerfile (dive's test-kaniko-image.tar), whose README copy is 9249 bytes. From the
     * layer listings (tar -tzvf): layer 1 holds 1231733 bytes, layers 2..14 hold 10 copies of 9249 and the 2187
     * bytes of .data; the same three paths are stored twice, and rm -rf /root/example (layer 10) deletes somefile1
     * (layer 5) and somefile2 (layer 6), which dive adds at /root/example.
     */
    @Test
    void testKanikoImageFollowsTheSameRules() {
        DiveEfficiency.Result r = DiveEfficiency.of(dive("test-kaniko-image.tar")).result();
        long user = 10 * 9249L + 2187;
        long size = 1231733L + user;
        long discovered = size + 2 * 9249L;
        long minimum = discovered - 3 * 9249L;
        assertThat(r.sizeBytes()).isEqualTo(size);
        assertThat(r.userSizeBytes()).isEqualTo(user);
        assertThat(r.wastedBytes()).isEqualTo(5 * 9249L);
        assertThat(r.efficiency()).isEqualTo((double) minimum / (double) discovered);
        assertThat(r.userWastedPercent()).isEqualTo((double) (5 * 9249L) / (double) user);
        assertThat(r.inefficiencies()).extracting(DiveEfficiency.Inefficiency::path).containsExactly(
                "/root/example/somefile1.txt", "/root/saved.txt", "/root/example/somefile3.txt");
    }

    /** One layer (README.md, 11189 bytes): nothing stored twice, no user layers. */
    @ParameterizedTest
    @ValueSource(strings = {"test-oci-uncompressed-image.tar", "test-oci-gzip-image.tar", "test-oci-zstd-image.tar",
        "test-oci-estargz-image.tar"})
    void singleLayerImagesAreFullyEfficient(String name) {
        DiveEfficiency.Result r = DiveEfficiency.of(dive(name)).result();
        assertThat(r.efficiency()).isEqualTo(1.0);
        assertThat(r.wastedBytes()).isZero();
        assertThat(r.userSizeBytes()).isZero();
        assertThat(r.userWastedPercent()).isEqualTo(0.0);
        assertThat(r.inefficiencies()).isEmpty();
    }

    /**
     * busybox-app (src/test/resources/images, README): /bin/busybox 1982256 bytes, hello.txt 6 and blob.bin 102400 in
     * layer 3, blob.bin's whiteout in layer 4.
     */
    @Test
    void busyboxAppWastesTheDeletedBlob() {
        DiveEfficiency.Result r = DiveEfficiency.of(HygieneFixtures.analyse(Fixtures.image("busybox-app.docker.tar")))
                .result();
        long size = 1982256L + 6 + 102400;
        assertThat(r.sizeBytes()).isEqualTo(size);
        assertThat(r.userSizeBytes()).isEqualTo(102406L);
        assertThat(r.wastedBytes()).isEqualTo(102400L);
        assertThat(r.efficiency()).isEqualTo((double) (size - 102400) / (double) size);
        assertThat(r.userWastedPercent()).isEqualTo(102400.0 / 102406.0);
        assertThat(r.inefficiencies()).extracting(DiveEfficiency.Inefficiency::path, DiveEfficiency.Inefficiency::layers)
                .containsExactly(tuple("/app/data/blob.bin", List.of(3, 4)));
    }

    @Test
    void ignoredPathsLeaveBothSumsAndTheUserLayers() {
        ImageAnalysis a = dive("test-docker-image.tar");
        DiveEfficiency.Result r = DiveEfficiency.of(a).result(PathGlobs.of(List.of("/root/saved.txt")));
        // saved.txt: 6405 bytes in layers 8 and 14, both user layers
        assertThat(r.wastedBytes()).isEqualTo(32025L - 12810);
        assertThat(r.userSizeBytes()).isEqualTo(66237L - 12810);
        assertThat(r.efficiency()).isEqualTo((1214193.0 - 6405) / (1233408.0 - 12810));
        assertThat(r.inefficiencies()).extracting(DiveEfficiency.Inefficiency::path)
                .containsExactly("/root/example/somefile1.txt", "/root/example/somefile3.txt");
        assertThat(DiveEfficiency.of(a).result()).isSameAs(DiveEfficiency.of(a).result(PathGlobs.NONE));
    }

    /**
     * The waste of the paths whose every copy lies in given layers (the base image's, for the rules' messages): of
     * dive's three, somefile1.txt (#4, #5) and somefile3.txt (#7, #8) lie in layers 1-8, saved.txt (#8, #14) does not.
     */
    @Test
    void wasteOfThePathsOnlySomeLayersHold() {
        DiveEfficiency d = DiveEfficiency.of(dive("test-docker-image.tar"));
        assertThat(d.wastedBytesOnlyIn(layer -> layer <= 8, PathGlobs.NONE)).isEqualTo(12810L + 6405);
        assertThat(d.wastedBytesOnlyIn(layer -> layer <= 4, PathGlobs.NONE)).isZero();
        assertThat(d.wastedBytesOnlyIn(layer -> true, PathGlobs.NONE)).isEqualTo(d.result().wastedBytes());
        assertThat(d.wastedBytesOnlyIn(layer -> layer <= 8, PathGlobs.of(List.of("/root/example/somefile3.txt"))))
                .isEqualTo(12810L);
    }

    @Test
    void minEfficiencyComparesStrictlyLikeDive() {
        ImageAnalysis a = dive("test-docker-image.tar");
        assertThat(HygieneRules.minEfficiency(HygieneSettings.DEFAULT_MIN_EFFICIENCY).evaluate(a))
                .isEqualTo(Outcome.of("efficiency 0.9844 (minimum 0.9)", List.of()));
        assertThat(HygieneRules.minEfficiency(0.9844212134184309).evaluate(a).messages()).isEmpty();
        assertThat(HygieneRules.minEfficiency(null).evaluate(a))
                .isEqualTo(Outcome.notSet("efficiency 0.9844, no minimum set"));

        Outcome o = HygieneRules.minEfficiency(0.99).evaluate(a);
        assertThat(o.summary()).isEqualTo("efficiency 0.9844 (minimum 0.99)");
        assertThat(o.messages()).containsExactly("efficiency is 0.9844, below the minimum of 0.99; 32.0 KB of 1.2 MB"
                + " are in paths stored more than once (dive's wasted bytes); largest: /root/example/somefile1.txt"
                + " 12.8 KB in 2 copies (#4 (RUN cp /somefile.txt /root/example/somefile1.txt), #5 (RUN chmod 444"
                + " /root/example/somefile1.txt)), /root/saved.txt 12.8 KB in 2 copies (#8, #14),"
                + " /root/example/somefile3.txt 6.4 KB in 2 copies (#7, #8); delete or change files in the same RUN"
                + " that creates them (a later layer only adds a copy), set mode and owner when copying (COPY"
                + " --chmod/--chown), and copy only what the image needs (multi-stage build)");
        // a minimum the rounded efficiency would hide shows more digits
        assertThat(HygieneRules.minEfficiency(0.9844).evaluate(a))
                .isEqualTo(Outcome.of("efficiency 0.98442 (minimum 0.9844)", List.of()));
    }

    @Test
    void maxWastedBytesIsOffUnlessSetAndStrict() {
        ImageAnalysis a = dive("test-docker-image.tar");
        assertThat(HygieneRules.maxWastedBytes(null).evaluate(a))
                .isEqualTo(Outcome.notSet("32.0 KB wasted, no budget set"));
        assertThat(HygieneRules.maxWastedBytes(ByteSize.parse("maxWastedBytes", "32025")).evaluate(a))
                .isEqualTo(Outcome.of("32.0 KB wasted of 32025 B", List.of()));
        Outcome o = HygieneRules.maxWastedBytes(ByteSize.parse("maxWastedBytes", "20KB")).evaluate(a);
        assertThat(o.summary()).isEqualTo("32.0 KB wasted of 20 KB");
        assertThat(o.messages()).singleElement().asString().startsWith("wasted bytes are 32.0 KB, 12.0 KB over the"
                + " budget of 20 KB (paths stored more than once, dive's measure); largest: /root/example/somefile1.txt"
                + " 12.8 KB in 2 copies (#4 (RUN cp /somefile.txt /root/example/somefile1.txt), #5");
    }

    @Test
    void maxWastedPercentUsesDivesDefaultOfOneTenth() {
        ImageAnalysis a = dive("test-docker-image.tar");
        Outcome o = HygieneRules.maxWastedPercent(HygieneSettings.DEFAULT_MAX_WASTED_PERCENT).evaluate(a);
        assertThat(o.summary()).isEqualTo("48.35 % wasted (maximum 10 %)");
        assertThat(o.messages()).singleElement().asString().startsWith("wasted bytes are 48.35 % of the user layers"
                + " (32.0 KB of 66.2 KB in the layers above the first, dive's measure), above the maximum of 10 %;"
                + " largest: /root/example/somefile1.txt 12.8 KB in 2 copies");
        assertThat(HygieneRules.maxWastedPercent(0.4834911001404049).evaluate(a).messages()).isEmpty();
        assertThat(HygieneRules.maxWastedPercent(null).evaluate(a))
                .isEqualTo(Outcome.notSet("48.35 % of the user layers wasted, no maximum set"));
    }
}
