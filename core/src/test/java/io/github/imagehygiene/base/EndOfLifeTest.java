package io.github.imagehygiene.base;

import static io.github.imagehygiene.base.BaseFixtures.analyse;
import static io.github.imagehygiene.base.BaseFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.rules.base.BasePolicySettings;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.analysis.base.EolTable;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.rules.base.OsEndOfLifeRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeSoonRule;
import io.github.imagehygiene.testing.Fixtures;

/** The bundled, dated EOL table, and the end-of-life rules on real images with a fixed clock. */
class EndOfLifeTest {

    private static Clock at(String day) {
        return Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void theBundledTableIsDatedAndCoversTheIssuesDistributions() {
        EolTable t = EolTable.bundled();
        assertThat(t.date()).isEqualTo(LocalDate.of(2026, 2, 12));
        assertThat(t.source()).isEqualTo("bundled EOL table");
        assertThat(t.lookup("debian", "12").orElseThrow().eol()).isEqualTo(LocalDate.of(2028, 6, 30));
        assertThat(t.lookup("debian", "11").orElseThrow().eol()).isEqualTo(LocalDate.of(2026, 8, 31));
        assertThat(t.lookup("alpine", "3.20.3").orElseThrow().eol()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(t.lookup("alpine", "3.2")).isEmpty(); // 3.2 is not 3.20
        assertThat(t.lookup("alpine", "3.11.5").orElseThrow().name()).isEqualTo("Alpine Linux 3.11");
        assertThat(t.lookup("amzn", "2023").orElseThrow().eol()).isEqualTo(LocalDate.of(2029, 6, 30));
        assertThat(t.lookup("amzn", "2").orElseThrow().eol()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(t.lookup("ubuntu", "22.04").orElseThrow().eol()).isEqualTo(LocalDate.of(2027, 4, 1));
        assertThat(t.lookup("rhel", "9.4").orElseThrow().eol()).isEqualTo(LocalDate.of(2032, 5, 31));
        assertThat(t.lookup("rocky", "8.10").orElseThrow().eol()).isEqualTo(LocalDate.of(2029, 5, 31));
        assertThat(t.lookup("almalinux", "8.9").orElseThrow().eol()).isEqualTo(LocalDate.of(2029, 3, 1));
        assertThat(t.lookup("fedora", "40")).isEmpty();
        assertThat(t.rows()).extracting(EolTable.Row::id).containsOnly("debian", "ubuntu", "alpine", "amzn", "rhel",
                "rocky", "almalinux");
    }

    @Test
    void realAlpine311IsPastItsEndOfLife() {
        Path alpine = Fixtures.shared("pkgdb/rootfs/trivy-alpine-3.11-docker-save.tar.gz");
        ImageAnalysis a = analyse(alpine, BaseImageSettings.NONE);
        BaseImage base = BaseImage.of(a);
        assertThat(base.os().id()).isEqualTo("alpine");
        assertThat(base.os().versionId()).isEqualTo("3.11.5"); // trivy asserts OS alpine 3.11.5 for this image
        assertThat(base.os().prettyName()).isEqualTo("Alpine Linux v3.11");
        assertThat(base.eol().orElseThrow().eol()).isEqualTo(LocalDate.of(2021, 11, 1));
        RuleVerdict v = verdict(BaseRules.osEndOfLife(at("2026-11-27")), a);
        assertThat(v.status()).isEqualTo(RuleVerdict.Status.FAIL);
        assertThat(v.summary()).isEqualTo("Alpine Linux 3.11 past its end of life 2021-11-01 (EOL table of 2026-02-12)");
        assertThat(v.findings()).extracting(Finding::toString).containsExactly("[osEndOfLife] operating system Alpine"
                + " Linux v3.11 (alpine 3.11.5, from /etc/os-release, in layer #1) reached its end of life on"
                + " 2021-11-01, 1852 days before this build (2026-11-27), by the EOL table of 2026-02-12; move to a"
                + " supported release");
        // on its last supported day it passes
        assertThat(verdict(BaseRules.osEndOfLife(at("2021-11-01")), a).summary())
                .isEqualTo("Alpine Linux 3.11 supported until 2021-11-01 (EOL table of 2026-02-12)");
        RuleVerdict soon = verdict(BaseRules.osEndOfLifeSoon(90, at("2021-10-02")), a);
        assertThat(soon.level()).isEqualTo(Level.WARN);
        assertThat(soon.findings()).extracting(Finding::message).containsExactly("operating system Alpine Linux v3.11"
                + " (alpine 3.11.5, from /etc/os-release, in layer #1) reaches its end of life on 2021-11-01, in 30"
                + " days (eolWarningDays 90, EOL table of 2026-02-12); plan the move to a supported release");
        assertThat(verdict(BaseRules.osEndOfLifeSoon(90, at("2021-08-01")), a).summary())
                .isEqualTo("Alpine Linux 3.11 end of life 2021-11-01, in 92 days (warning at 90)");
        // unset, eolWarningDays is its one default, 90 days, in the core as in the plugin
        assertThat(BasePolicySettings.DEFAULT_EOL_WARNING_DAYS).isEqualTo(90);
        assertThat(verdict(BaseRules.osEndOfLifeSoon(null, at("2021-10-02")), a).findings())
                .extracting(Finding::message).containsExactly(soon.findings().get(0).message());
    }

    @Test
    void debian12InTheOpenjdkStandInWithANewerTable(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("eol.csv");
        Files.writeString(table, "# a newer table: Debian 12's support cut short\ndate,2027-01-15\n"
                + "debian,12,2027-01-01,Debian 12 (bookworm)\n");
        ImageAnalysis a = analyse(BaseFixtures.small("openjdk-app.docker.tar.gz"),
                new BaseImageSettings(List.of(), BuildHints.NONE, table, null));
        RuleVerdict v = verdict(BaseRules.osEndOfLife(at("2027-01-15")), a);
        assertThat(v.findings()).extracting(Finding::message).containsExactly("operating system Debian GNU/Linux 12"
                + " (bookworm) (debian 12, from /etc/os-release -> /usr/lib/os-release, in layer #4) reached its end"
                + " of life on 2027-01-01, 14 days before this build (2027-01-15), by the EOL table of 2027-01-15;"
                + " move to a supported release");
        assertThat(BaseImage.of(a).reportOs().get("eol")).isEqualTo("2027-01-01");

        ImageAnalysis bundled = analyse(BaseFixtures.small("openjdk-app.docker.tar.gz"), BaseImageSettings.NONE);
        assertThat(verdict(BaseRules.osEndOfLife(at("2026-11-27")), bundled).summary())
                .isEqualTo("Debian 12 (bookworm) supported until 2028-06-30 (EOL table of 2026-02-12)");
        assertThat(verdict(BaseRules.osEndOfLife(at("2028-07-01")), bundled).status()).isEqualTo(RuleVerdict.Status.FAIL);
        assertThat(verdict(BaseRules.osEndOfLife(at("2026-11-27")), analyse(Fixtures.image("tiny.docker.tar"),
                BaseImageSettings.NONE)).summary()).isEqualTo("no operating system found");
    }

    @Test
    void malformedTablesNameFileAndLine(@TempDir Path dir) throws IOException {
        Path noDate = dir.resolve("a.csv");
        Files.writeString(noDate, "# x\ndebian,12,2028-06-30,Debian 12\n");
        assertThatThrownBy(() -> EolTable.load(noDate)).isInstanceOf(ConfigurationException.class)
                .hasMessage("eolData " + noDate + " line 2: expected the table's date first, e.g. date,2026-02-12");
        Path badDate = dir.resolve("b.csv");
        Files.writeString(badDate, "date,2026-02-12\ndebian,12,June 2028\n");
        assertThatThrownBy(() -> EolTable.load(badDate)).isInstanceOf(ConfigurationException.class)
                .hasMessage("eolData " + badDate + " line 2: 'June 2028' is not a date (YYYY-MM-DD)");
        assertThatThrownBy(() -> EolTable.load(dir.resolve("none.csv"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read eolData " + dir.resolve("none.csv"));
    }
}
