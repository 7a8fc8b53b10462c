package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HistoryLint;
import io.github.imagehygiene.analysis.hygiene.HistoryLint.Check;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.hygiene.HistoryLintRule;
import io.github.imagehygiene.testing.Fixtures;

/** Dockerfile habits read back from created_by, on images built by the legacy builder, kaniko and Jib. */
class HistoryLintTest {

    private static ImageAnalysis lint() {
        return HygieneFixtures.analyse(HygieneFixtures.large("hygiene-lint.docker.tar"));
    }

    /** hygiene/lint/Dockerfile: #4-#7 four RUNs (update, install, apk add, sudo), #8 ADD file, #9 ADD tar, #10 ADD URL. */
    @Test
    void findsEveryHabitInTheLintImage() {
        HygieneFixtures.Facts facts = HygieneFixtures.largeFacts();
        List<String> createdBy = facts.list("lint.createdBy", "|");
        assertThat(createdBy.subList(3, 7)).containsExactly("/bin/sh -c apt-get update",
                "/bin/sh -c apt-get install -y --no-install-recommends make", "/bin/sh -c apk add curl",
                "/bin/sh -c sudo mkdir -p /opt/app");
        assertThat(createdBy.get(7)).matches("/bin/sh -c #\\(nop\\) ADD file:[0-9a-f]{64} in /etc/app.conf ");
        assertThat(createdBy.get(8)).matches("/bin/sh -c #\\(nop\\) ADD file:[0-9a-f]{64} in /opt/app/ ");
        // the legacy builder records a URL as the bare hash of what it downloaded
        assertThat(createdBy.get(9)).matches("/bin/sh -c #\\(nop\\) ADD [0-9a-f]{64} in /opt/app/Release ");

        ImageAnalysis a = lint();
        assertThat(HistoryLint.of(a).issues(HistoryLint.ALL_OWN))
                .extracting(HistoryLint.Issue::check, HistoryLint.Issue::layers, HistoryLint.Issue::target,
                        HistoryLint.Issue::base)
                .containsExactly(
                        tuple(Check.CONSECUTIVE_RUN, List.of(4, 5, 6, 7), null, false),
                        tuple(Check.APT_UPDATE_WITHOUT_INSTALL, List.of(4), null, false),
                        tuple(Check.APK_ADD_WITHOUT_NO_CACHE, List.of(6), null, false),
                        tuple(Check.SUDO, List.of(7), null, false),
                        tuple(Check.ADD_LOCAL_FILE, List.of(8), "/etc/app.conf", false),
                        tuple(Check.ADD_URL, List.of(10), "/opt/app/Release", false));

        Outcome o = HygieneRules.historyLint().evaluate(a);
        assertThat(o.summary()).isEqualTo("6 issues");
        assertThat(o.messages().subList(0, 4)).containsExactly(
                "layers #4 to #7 are 4 consecutive RUN instructions (#4 RUN apt-get update; #5 RUN apt-get install -y...;"
                        + " #6 RUN apk add curl; #7 RUN sudo mkdir -p /opt/app): join them into one"
                        + " RUN with '&&', one layer instead of 4, and what one step deletes is then never stored by"
                        + " another",
                "layer #4 (RUN apt-get update) runs apt-get update without an install in the same RUN: its lists are"
                        + " stored in a layer of their own and a cached update goes stale; use 'RUN apt-get update &&"
                        + " apt-get install -y --no-install-recommends ... && rm -rf /var/lib/apt/lists/*'",
                "layer #6 (RUN apk add curl) runs apk add without --no-cache: the package index stays in"
                        + " /var/cache/apk; use 'apk add --no-cache ...'",
                "layer #7 (RUN sudo mkdir -p /opt/app) uses sudo: RUN already runs as root (or as the USER set); drop"
                        + " sudo and switch users with USER");
        assertThat(o.messages().get(4)).matches("layer #8 \\(ADD file:[0-9a-f]{12} in /etc/app.conf\\) uses ADD to"
                + " copy local files to /etc/app.conf: use COPY \\(ADD also unpacks archives and fetches URLs; COPY"
                + " does only what it says\\)");
        // the instruction is cut between words, so its one long word (the download's hash) is left out whole
        assertThat(o.messages().get(5)).matches("layer #10 \\(ADD\\.\\.\\.\\) uses ADD to download a URL"
                + " to /opt/app/Release: the download is not verified and stays in its own layer; fetch it with curl"
                + " or wget in the RUN that uses it, check its checksum, and delete what is not needed in that same"
                + " RUN");
    }

    /** With base layers known, their issues are counted apart and a run of RUNs is split at the boundary. */
    @Test
    void neverBlamesTheBaseForTheUser() {
        ImageAnalysis a = lint();
        assertThat(HistoryLint.of(a).issues(layer -> layer <= 5))
                .extracting(HistoryLint.Issue::check, HistoryLint.Issue::layers, HistoryLint.Issue::base)
                .containsExactly(
                        tuple(Check.CONSECUTIVE_RUN, List.of(4, 5), true),
                        tuple(Check.CONSECUTIVE_RUN, List.of(6, 7), false),
                        tuple(Check.APT_UPDATE_WITHOUT_INSTALL, List.of(4), true),
                        tuple(Check.APK_ADD_WITHOUT_NO_CACHE, List.of(6), false),
                        tuple(Check.SUDO, List.of(7), false),
                        tuple(Check.ADD_LOCAL_FILE, List.of(8), false),
                        tuple(Check.ADD_URL, List.of(10), false));
        // layers 1-5 known as the base (a <baseImages> fingerprint of the image's first five diff_ids)
        ImageAnalysis onBase = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-lint.docker.tar"), 5, false);
        Outcome o = HygieneRules.historyLint().evaluate(onBase);
        assertThat(o.summary()).isEqualTo("5 issues, 2 more in base-image layers (not counted)");
        assertThat(o.messages()).hasSize(5).allSatisfy(b -> assertThat(b).doesNotContain("#4 ", "#5 "));
        assertThat(o.messages().get(0)).startsWith("layers #6 to #7 are 2 consecutive RUN instructions (#6 RUN apk"
                + " add curl; #7 RUN sudo mkdir -p /opt/app)");
    }

    @Test
    void ignoredAddDestinationsAreNotReported() {
        Outcome o = HygieneRules.historyLint(List.of("/etc/app.conf", "/opt/app/**")).evaluate(lint());
        assertThat(o.summary()).isEqualTo("4 issues");
        assertThat(o.messages()).noneMatch(b -> b.contains(" uses ADD "));
    }

    /**
     * dive's image (legacy builder) and its kaniko build: ADD of one file (#2) and of a folder (#11), eight
     * consecutive RUNs (#3-#10) and three more (#12-#14); kaniko records BuildKit-style "ADD README.md /somefile.txt".
     */
    @Test
    void divesImagesFromTwoBuilders() {
        for (String image : List.of("test-docker-image.tar", "test-kaniko-image.tar")) {
            ImageAnalysis a = HygieneFixtures.analyse(Fixtures.shared("dive/" + image));
            assertThat(HistoryLint.of(a).issues(null))
                    .extracting(HistoryLint.Issue::check, HistoryLint.Issue::layers, HistoryLint.Issue::target)
                    .containsExactly(
                            tuple(Check.ADD_LOCAL_FILE, List.of(2), "/somefile.txt"),
                            tuple(Check.CONSECUTIVE_RUN, List.of(3, 4, 5, 6, 7, 8, 9, 10), null),
                            tuple(Check.ADD_LOCAL_FILE, List.of(11), "/root/.data/"),
                            tuple(Check.CONSECUTIVE_RUN, List.of(12, 13, 14), null));
        }
        ImageAnalysis kaniko = HygieneFixtures.analyse(Fixtures.shared("dive/test-kaniko-image.tar"));
        assertThat(HistoryLint.of(kaniko).steps()).filteredOn(s -> s.layer() == 2)
                .extracting(HistoryLint.Step::keyword, HistoryLint.Step::instruction)
                .containsExactly(tuple("ADD", "ADD README.md /somefile.txt"));
    }

    @Test
    void aptCleanedLaterIsTwoRunsThatCouldBeOne() {
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-apt-later.docker.tar"));
        assertThat(HygieneRules.historyLint().evaluate(a)).extracting(Outcome::summary, Outcome::messages).containsExactly("1 issue", List.of(
                "layers #2 to #3 are 2 consecutive RUN instructions (#2 RUN apt-get update && apt-get install...; #3"
                        + " RUN apt-get clean && rm -rf...): join them into one RUN with '&&', one layer"
                        + " instead of 2, and what one step deletes is then never stored by another"));
        // the base layer of docker import has no created_by: nothing to lint
        assertThat(HistoryLint.of(a).steps().get(0).keyword()).isEmpty();
    }

    @Test
    void cleanHistoriesAndNonDockerfileBuilders() {
        for (String image : List.of("jib-app.tar", "tiny.docker.tar", "jib-on-tiny.tar")) {
            assertThat(HygieneRules.historyLint().evaluate(HygieneFixtures.analyse(Fixtures.image(image))))
                    .isEqualTo(Outcome.of("no issues", List.of()));
        }
        for (String image : List.of("hygiene-apt-same.docker.tar", "hygiene-boot-jib.tar")) {
            assertThat(HygieneRules.historyLint().evaluate(HygieneFixtures.analyse(HygieneFixtures.large(image))))
                    .isEqualTo(Outcome.of("no issues", List.of()));
        }
    }
}
