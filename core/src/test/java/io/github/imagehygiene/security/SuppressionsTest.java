package io.github.imagehygiene.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.Verdict;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.gate.RuleVerdict.Status;
import io.github.imagehygiene.rules.security.SecuritySettings;
import io.github.imagehygiene.gate.Suppression;
import io.github.imagehygiene.gate.SuppressionFile;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.gate.Suppressions;

/**
 * Suppression files (XML and YAML, the same six entries) applied to the real findings of the filesystem image on a
 * fixed date: a valid suppression takes its finding out, an expired one stops suppressing and says so, unused ones
 * are listed.
 */
class SuppressionsTest {
    static final Path DIR = Path.of("src/test/fixtures/security/suppressions");
    static final Clock JUNE_15_2025 = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);

    private static Pipeline.Outputs run(Path file, Clock clock) {
        return Pipeline.run("filesystem", SecuritySettings.defaults(), Map.of(), SuppressionFile.load(file), clock);
    }

    private static RuleVerdict verdict(Pipeline.Outputs o, String rule) {
        return o.result().verdicts().stream().filter(v -> v.rule().equals(rule)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xml/image-hygiene-suppressions.xml", "yaml/image-hygiene-suppressions.yaml"})
    void validExpiredAndUnused(String name) {
        Path file = DIR.resolve(name);
        Pipeline.Outputs o = run(file, JUNE_15_2025);
        SuppressionResult s = o.suppressions();

        // 1. valid until 2099: helper's setuid finding is gone, grouper's stays (WARN)
        RuleVerdict setuid = verdict(o, "noSetuidFiles");
        assertThat(setuid.findings()).extracting(Finding::message).singleElement().asString()
                .startsWith("/usr/local/bin/grouper is setgid");
        assertThat(setuid.status()).isEqualTo(Status.WARN);
        assertThat(setuid.summary()).isEqualTo("2 setuid/setgid files, 1 allowlisted; 1 suppressed");
        // 4. a path-less suppression takes every finding of its rule: the verdict passes
        RuleVerdict writable = verdict(o, "noWorldWritable");
        assertThat(writable.findings()).isEmpty();
        assertThat(writable.status()).isEqualTo(Status.PASS);
        assertThat(writable.summary()).isEqualTo("2 world-writable paths, 1 in temporary directories; 2 suppressed");
        // 3. no date: /etc/group's gid 50 is suppressed, /etc/passwd's uid 0 is not (another path)
        assertThat(verdict(o, "uniqueIds").findings()).extracting(Finding::message).singleElement().asString()
                .startsWith("/etc/passwd: uid 0 is shared by root, toor");
        // 2. expired on 2025-01-31: .git counts again, and the note says so
        assertThat(verdict(o, "noStrayFiles").findings()).extracting(Finding::message)
                .anyMatch(m -> m.startsWith("/app/.git: .git directory"));
        assertThat(s.suppressed()).extracting(x -> x.path(), x -> x.by().number()).containsExactly(
                tuple("/usr/local/bin/helper", 1), tuple("/app/data.txt", 4), tuple("/app/uploads", 4),
                tuple("/etc/group", 3));
        assertThat(s.expired()).extracting(x -> x.suppression().number(), SuppressionResult.Expired::findings)
                .containsExactly(tuple(2, 1));
        assertThat(s.unused()).extracting(Suppression::number).containsExactly(5, 6);
        assertThat(s.notes()).containsExactly(
                file + ": suppression 2 (noStrayFiles /app/.git, until 2025-01-31) expired after 2025-01-31 and"
                        + " suppresses nothing now; 1 finding counts again (reason was: the version page reads"
                        + " .git/HEAD until the build writes a version file)",
                file + ": suppression 5 (noEmptyPasswords /etc/passwd) matched no finding: remove it, or correct its"
                        + " rule or path",
                file + ": suppression 6 (noRootUser) matched no finding: remove it, or correct its rule or path");
        // still a FAIL: the empty password and the shared uid are errors nobody suppressed
        assertThat(o.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(o.console()).contains("[WARNING] " + s.notes().get(0));
        assertThat(o.report().at("/suppressions/expired/0/until").asText()).isEqualTo("2025-01-31");
        assertThat(o.report().at("/suppressions/suppressed/0/reason").asText())
                .isEqualTo("helper drops its rights first thing; reviewed in SEC-101");
    }

    /** until is the last day a suppression holds: on 2025-01-31 the .git finding is still suppressed. */
    @Test
    void untilIsInclusive() {
        Clock lastDay = Clock.fixed(Instant.parse("2025-01-31T23:59:00Z"), ZoneOffset.UTC);
        Pipeline.Outputs o = run(DIR.resolve("xml/image-hygiene-suppressions.xml"), lastDay);
        assertThat(o.suppressions().expired()).isEmpty();
        assertThat(verdict(o, "noStrayFiles").findings()).extracting(Finding::message)
                .noneMatch(m -> m.startsWith("/app/.git:"));
        assertThat(verdict(o, "noStrayFiles").summary()).isEqualTo("7 stray files; 1 suppressed");
    }

    /** A finding without a path (the config's USER) is matched by a suppression without a path only. */
    @Test
    void findingsWithoutAPath() {
        Suppressions pathless = SuppressionFile.parse("inline.yaml", "suppressions:\n  - rule: noRootUser\n"
                + "    reason: the entrypoint drops to uid 1000 itself\n", false);
        Pipeline.Outputs o = Pipeline.run("user-root", SecuritySettings.defaults(), Map.of(), pathless, JUNE_15_2025);
        assertThat(verdict(o, "noRootUser").status()).isEqualTo(Status.PASS);
        Suppressions withPath = SuppressionFile.parse("inline.yaml", "suppressions:\n  - rule: noRootUser\n"
                + "    path: /etc/passwd\n    reason: no\n", false);
        Pipeline.Outputs p = Pipeline.run("user-root", SecuritySettings.defaults(), Map.of(), withPath, JUNE_15_2025);
        assertThat(verdict(p, "noRootUser").status()).isEqualTo(Status.WARN);
        assertThat(p.suppressions().unused()).hasSize(1);
    }

    /** Suppressions work for every rule, the size budgets too (they have no path). */
    @Test
    void otherRulesToo() {
        Suppressions s = SuppressionFile.parse("inline.xml", "<suppressions><suppression><rule>maxLayers</rule>"
                + "<reason>the base has many layers</reason></suppression></suppressions>", true);
        RuleVerdict failing = new RuleVerdict("maxLayers", io.github.imagehygiene.findings.Level.ERROR, Status.FAIL,
                "4 of 3 layers", List.of(new Finding("maxLayers", io.github.imagehygiene.findings.Level.ERROR,
                        "image has 4 layers", null, 0, null, "image", "0")));
        SuppressionResult r = s.apply(List.of(failing), LocalDate.of(2025, 6, 15));
        assertThat(r.verdicts()).extracting(RuleVerdict::status, RuleVerdict::summary)
                .containsExactly(tuple(Status.PASS, "4 of 3 layers; 1 suppressed"));
    }

    @Test
    void defaultFileOfAProject() {
        assertThat(SuppressionFile.find(DIR.resolve("xml")))
                .contains(DIR.resolve("xml/image-hygiene-suppressions.xml"));
        assertThat(SuppressionFile.find(DIR.resolve("yaml")))
                .contains(DIR.resolve("yaml/image-hygiene-suppressions.yaml"));
        assertThatThrownBy(() -> SuppressionFile.find(DIR.resolve("both")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Both image-hygiene-suppressions.xml and image-hygiene-suppressions.yaml are in "
                        + DIR.resolve("both") + "; keep one, or name it with <suppressions>");
        assertThat(SuppressionFile.find(DIR.resolve("invalid"))).isEmpty();
    }

    @Test
    void invalidFilesNameTheEntryAndTheProblem() {
        Path invalid = DIR.resolve("invalid");
        assertThatThrownBy(() -> SuppressionFile.load(invalid.resolve("missing-reason.xml")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(invalid.resolve("missing-reason.xml") + ": suppression 1 (noSecrets) gives no reason; say"
                        + " why the finding is accepted, so that the next reader can judge it");
        assertThatThrownBy(() -> SuppressionFile.load(invalid.resolve("bad-date.yaml")))
                .hasMessage(invalid.resolve("bad-date.yaml") + ": suppression 1 (noSecrets) has until '31/12/2026',"
                        + " which is not a date; write yyyy-MM-dd, e.g. 2026-12-31");
        assertThatThrownBy(() -> SuppressionFile.load(invalid.resolve("unknown-field.xml")))
                .hasMessage(invalid.resolve("unknown-field.xml") + ": suppression 1 has an unknown field 'util'; the"
                        + " fields are rule, path, id, reason and until");
        assertThatThrownBy(() -> SuppressionFile.load(invalid.resolve("doctype.xml")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(invalid.resolve("doctype.xml") + " is not valid XML: line 2: ");
        Suppressions typo = SuppressionFile.load(invalid.resolve("unknown-rule.yaml"));
        assertThatThrownBy(() -> typo.checkRules(List.of("noSecrets", "noRootUser")))
                .hasMessage(invalid.resolve("unknown-rule.yaml") + ": suppression 1 names rule 'noSecret', which does"
                        + " not exist; known rules: noRootUser, noSecrets");
        assertThatThrownBy(() -> SuppressionFile.load(invalid.resolve("absent.xml")))
                .hasMessage("Cannot read the suppression file " + invalid.resolve("absent.xml")
                        + ": no such file or folder");
        // one line: SnakeYAML's problem and where, without its copy of the file's line under a caret
        assertThatThrownBy(() -> SuppressionFile.load(invalid.resolve("broken.yaml")))
                .hasMessage(invalid.resolve("broken.yaml") + " is not valid YAML: expected <block end>, but found '?'"
                        + " (while parsing a block collection) at line 4, column 3");
    }
}
