package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.rules.hygiene.HistoryLintRule;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;
import io.github.imagehygiene.rules.hygiene.MaxReclaimableRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedBytesRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedPercentRule;
import io.github.imagehygiene.rules.hygiene.MinEfficiencyRule;
import io.github.imagehygiene.rules.hygiene.NoBuildToolsRule;
import io.github.imagehygiene.rules.hygiene.NoPackageCachesRule;
import io.github.imagehygiene.testing.Fixtures;

/** Rule ids, levels, settings validation and the ignore globs every hygiene rule honours. */
class HygieneSettingsTest {

    @Test
    void idsAndDefaultLevels() {
        List<Rule> rules = List.of(HygieneRules.minEfficiency(null), HygieneRules.maxWastedBytes(null),
                HygieneRules.maxWastedPercent(null), HygieneRules.maxReclaimable(null), HygieneRules.noPackageCaches(null),
                HygieneRules.historyLint(), HygieneRules.noBuildTools(), HygieneRules.javaLayering());
        assertThat(rules).extracting(Rule::id).containsExactly("minEfficiency", "maxWastedBytes", "maxWastedPercent",
                "maxReclaimable", "noPackageCaches", "historyLint", "noBuildTools", "javaLayering");
        assertThat(rules).extracting(Rule::defaultLevel).containsExactly(Level.ERROR, Level.ERROR, Level.ERROR,
                Level.ERROR, Level.WARN, Level.WARN, Level.WARN, Level.WARN);
        assertThat(HygieneSettings.DEFAULT_MIN_EFFICIENCY).isEqualTo(0.9);
        assertThat(HygieneSettings.DEFAULT_MAX_WASTED_PERCENT).isEqualTo(0.1);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertThatThrownBy(() -> HygieneRules.minEfficiency(1.5)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for minEfficiency: 1.5; it is dive's efficiency, between 0 and 1, e.g. 0.9");
        assertThatThrownBy(() -> HygieneRules.maxWastedPercent(10.0)).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for maxWastedPercent: 10; it is a fraction as in dive's"
                        + " highestUserWastedPercent, between 0 and 1 (0.1 means 10 %)");
        assertThatThrownBy(() -> HygieneRules.maxReclaimable("120%")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for maxReclaimable: '120%' is not a percentage between 0% and 100%; use a"
                        + " size (50MB) or a share (5%)");
        assertThatThrownBy(() -> HygieneRules.maxReclaimable("lots")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid value for maxReclaimable: 'lots' is not a size");
        assertThatThrownBy(() -> PathGlobs.of(List.of("/tmp/**", " "))).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for ignorePaths: an empty glob; use e.g. /tmp/** or **/node_modules");
        assertThatThrownBy(() -> PathGlobs.of(List.of("/opt/{a,b"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for ignorePaths: '/opt/{a,b' has an unclosed '{'");
        assertThat(SizeLimit.parse("maxReclaimable", " 12.5 % ").fraction()).isEqualTo(0.125);
        assertThat(SizeLimit.parse("maxReclaimable", "1.5GiB").bytes().bytes())
                .isEqualTo(1610612736L);
        assertThat(SizeLimit.parse("maxReclaimable", "")).isNull();
    }

    @Test
    void globsMatchPathsAndTheirParents() {
        PathGlobs g = PathGlobs.of(List.of("/var/cache/apt", "**/node_modules", "/opt/*/lib/*.jar", "/tmp/?.log",
                "/srv/{a,b}/data", "cache.bin"));
        assertThat(g.ignores("/var/cache/apt")).isTrue();
        assertThat(g.ignores("/var/cache/apt/archives/x.deb")).isTrue();
        assertThat(g.ignores("/var/cache/aptitude")).isFalse();
        assertThat(g.ignores("/app/node_modules/left-pad/index.js")).isTrue();
        assertThat(g.ignores("/node_modules")).isTrue();
        assertThat(g.ignores("/opt/app/lib/x.jar")).isTrue();
        assertThat(g.ignores("/opt/app/sub/lib/x.jar")).isFalse();
        assertThat(g.ignores("/tmp/a.log")).isTrue();
        assertThat(g.ignores("/tmp/ab.log")).isFalse();
        assertThat(g.ignores("/srv/b/data/f")).isTrue();
        assertThat(g.ignores("/srv/c/data/f")).isFalse();
        assertThat(g.ignores("/var/lib/cache.bin")).isTrue();
        assertThat(PathGlobs.of(null).ignores("/x")).isFalse();
        assertThat(PathGlobs.of(List.of("/data/**")).ignores("/data")).isFalse();
        assertThat(PathGlobs.of(List.of("/data/**")).ignores("/data/x")).isTrue();
    }

    /** Ignoring all of /root, /tmp and /somefile.txt clears every hygiene finding on dive's image. */
    @Test
    void everyRuleHonoursIgnorePaths() {
        ImageAnalysis a = HygieneFixtures.analyse(Fixtures.shared("dive/test-docker-image.tar"));
        List<String> ignore = List.of("/root", "/tmp", "/somefile.txt");
        ByteSize oneByte = ByteSize.parse("x", "1");
        List<Rule> strict = List.of(HygieneRules.minEfficiency(1.0), HygieneRules.maxWastedBytes(oneByte),
                HygieneRules.maxWastedPercent(0.0), HygieneRules.maxReclaimable("0"), HygieneRules.noPackageCaches(null));
        List<Rule> ignoring = List.of(HygieneRules.minEfficiency(1.0, ignore), HygieneRules.maxWastedBytes(oneByte, ignore),
                HygieneRules.maxWastedPercent(0.0, ignore), HygieneRules.maxReclaimable("0", ignore),
                HygieneRules.noPackageCaches(null, ignore), HygieneRules.historyLint(ignore), HygieneRules.noBuildTools(ignore),
                HygieneRules.javaLayering(ignore));
        for (Rule r : strict) {
            assertThat(r.evaluate(a).messages()).as(r.id()).isNotEmpty();
        }
        for (Rule r : ignoring) {
            Outcome o = r.evaluate(a);
            if (r instanceof HistoryLintRule) {
                // the two ADDs go (their destinations are ignored); the consecutive RUNs are not about paths
                assertThat(o.messages()).as(r.id()).hasSize(2).allMatch(b -> b.contains("consecutive RUN"));
            } else {
                assertThat(o.messages()).as(r.id()).isEmpty();
            }
        }
    }
}
