package io.github.imagehygiene.rules.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.ImageDiff;
import io.github.imagehygiene.analysis.baseline.Snapshot;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * The growth budgets' settings and words: a share over 100 %, a baseline of no bytes, a budget without a baseline, an
 * estimated compressed size compared with a measured one.
 */
class GrowthBudgetsTest {
    @TempDir
    Path dir;

    /** A growth is no part of the whole: 150 % is a budget (the image may grow to 2.5 times); a share stays ≤ 100 %. */
    @Test
    void aGrowthShareMayExceedAHundredPercent() {
        SizeLimit l = SizeLimit.parseGrowth("maxGrowth", "150%");
        assertThat(l.fraction()).isEqualTo(1.5);
        assertThat(l.text()).isEqualTo("150 %");
        CheckSettings s = CheckSettings.builder().image("x.tar").baseline(Fixtures.image("tiny.docker.tar").toString())
                .maxGrowth("150%").maxCompressedGrowth("250 %").build();
        assertThat(s.rules().budgets().maxGrowth().fraction()).isEqualTo(1.5);
        assertThat(s.rules().budgets().maxCompressedGrowth().fraction()).isEqualTo(2.5);
        assertThatThrownBy(() -> SizeLimit.parseGrowth("maxGrowth", "-5%")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for maxGrowth: '-5%' is not a percentage of 0% or more; use a size (20MB)"
                        + " or a share (10%, 150%)");
        assertThatThrownBy(() -> SizeLimit.parse("maxReclaimable", "150%")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a percentage between 0% and 100%");
    }

    /** As newFindingsOnly without a baseline: a configuration error of one line, before anything is read. */
    @Test
    void aGrowthBudgetWithoutABaselineIsAConfigurationError() {
        assertThatThrownBy(() -> CheckSettings.builder().image("x.tar").maxGrowth("10%").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxGrowth is set (10%), but no baseline is set: set <baseline> (imageHygiene.baseline) to"
                        + " a report.json or an image, or remove maxGrowth");
        assertThatThrownBy(() -> CheckSettings.builder().image("x.tar").maxCompressedGrowth("5MB").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("maxCompressedGrowth is set (5MB), but no baseline is set");
    }

    /** A share of nothing is nothing: the breach says so rather than "over the budget of 10 % (0 B)" alone. */
    @Test
    void aShareOfAnEmptyBaselineSaysItAllowsNothing() {
        Snapshot empty = new Snapshot("empty.tar", "sha256:0", "linux/amd64", 0, 32, false, List.of(), null,
                List.of());
        Snapshot after = new Snapshot("app.tar", "sha256:1", "linux/amd64", 1000, 500, false,
                List.of(new Snapshot.Layer(1, "sha256:a", 1000, "COPY app /app")), null, List.of());
        Baseline b = new Baseline("empty.json", "report", "empty.tar", "linux/amd64", empty, List.of("linux/amd64"),
                List.of(), false, UnaryOperator.identity());
        ImageDiff diff = ImageDiff.between(b, after, path -> -1);
        Outcome o = GrowthText.evaluate("image", false, SizeLimit.parseGrowth("maxGrowth", "10%"), b, diff);
        assertThat(o.messages()).containsExactly("image grew by 1.0 KB (new) from 0 B in the baseline to 1.0 KB, 1.0"
                + " KB over the budget of 10 % (0 B: a share of an empty baseline allows nothing; budget the growth in"
                + " bytes); what grew most: layer #1 1.0 KB (COPY app /app)");
    }

    /**
     * tiny.docker.tar's layers are stored uncompressed (expected.properties: none, none, none), so its compressed
     * size is a gzip estimate; Jib's layers are gzip (jib-on-tiny: 217+261+357+391+791+345 = 2,362 B, measured).
     */
    @Test
    void anEstimatedCompressedSizeIsSaidToBeOne() {
        assertThat(Fixtures.expected("tiny.docker.layerCompression")).isEqualTo("none,none,none");
        assertThat(Fixtures.expectedLongs("jib-on-tiny.compressedSizes").stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2362);
        CheckResult r = ImageCheck.run(CheckSettings.builder().image(Fixtures.image("jib-on-tiny.tar").toString())
                .baseline(Fixtures.image("tiny.docker.tar").toString()).maxCompressedGrowth("50%")
                .reportDirectory(dir).build(), new CapturedLog());
        Finding f = r.findings().stream().filter(x -> x.rule().equals("maxCompressedGrowth")).findFirst()
                .orElseThrow();
        assertThat(f.message()).startsWith("compressed image grew by ").contains(" (estimated) in the baseline to 2.4"
                + " KB, ");
        assertThat(r.verdicts().stream().filter(v -> v.rule().equals("maxCompressedGrowth")).findFirst()
                .orElseThrow().summary()).contains(" (estimated) → 2.4 KB, ");
    }
}
