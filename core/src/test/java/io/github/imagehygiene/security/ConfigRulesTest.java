package io.github.imagehygiene.security;

import static io.github.imagehygiene.security.SecurityFixtures.fact;
import static io.github.imagehygiene.security.SecurityFixtures.planted;
import static io.github.imagehygiene.security.SecurityFixtures.located;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.security.SecurityFixtures.Located;
import io.github.imagehygiene.rules.security.NoLatestTagRule;
import io.github.imagehygiene.rules.security.NoRootUserRule;
import io.github.imagehygiene.rules.security.NoSecretKeysRule;
import io.github.imagehygiene.rules.security.NoSensitiveVolumesRule;
import io.github.imagehygiene.rules.security.RequireHealthcheckRule;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * The config checks on real images built by dockerd (build-security-fixtures.sh): user, HEALTHCHECK, VOLUMEs, latest,
 * secret-looking keys. Config values are the ones docker image inspect reported (expected.properties).
 */
class ConfigRulesTest {

    /** USER unset, root, 0 and 0:0 are all root: the rule fires on each, and says where USER was set. */
    @ParameterizedTest
    @CsvSource({
            "user-empty,     '',  'runs as root (no USER)', 'USER is not set'",
            "user-root,      root, 'runs as root (USER root)', 'USER is ''root'''",
            "user-zero,      0,   'runs as root (USER 0)', 'USER is ''0'', uid 0'",
            "user-zero-zero, 0:0, 'runs as root (USER 0:0)', 'USER is ''0:0'', uid 0'"})
    void rootUserFires(String image, String user, String summary, String reason) {
        assertThat(fact(image + ".user")).isEqualTo(user);
        Outcome o = SecurityFixtures.run(image).outcome(NoRootUserRule.ID);
        assertThat(o.summary()).isEqualTo(summary);
        // no USER: no history entry to place, the config's default; a USER entry: whose, unknown without a base
        assertThat(located(o)).containsExactly(new Located("the container runs as root: " + reason + "; add a"
                + " non-root USER, e.g. USER 1000:1000, after the steps that need root", null,
                user.isEmpty() ? Origin.OWN : Origin.UNKNOWN));
    }

    /** USER toor, which the image's own /etc/passwd maps to uid 0: root under another name. */
    @Test
    void userNamedForUidZero() {
        assertThat(fact("user-toor.user")).isEqualTo("toor");
        Outcome o = SecurityFixtures.run("user-toor").outcome(NoRootUserRule.ID);
        assertThat(o.summary()).isEqualTo("runs as root (USER toor)");
        assertThat(o.breaches()).extracting(Breach::message).containsExactly("the container runs as root: USER is"
                + " 'toor', which /etc/passwd maps to uid 0; add a non-root USER, e.g. USER"
                + " 1000:1000, after the steps that need root");
    }

    /** USER 1000:1000 and USER 1000 (with an /etc/passwd where 1000 is app) are not root. */
    @ParameterizedTest
    @CsvSource({"good, 1000:1000", "filesystem, 1000", "config-bad, 1000"})
    void nonRootUserPasses(String image, String user) {
        assertThat(fact(image + ".user")).isEqualTo(user);
        Outcome o = SecurityFixtures.run(image).outcome(NoRootUserRule.ID);
        assertThat(o.summary()).isEqualTo("runs as " + user);
        assertThat(o.breaches()).isEmpty();
    }

    /** With the base-image analysis saying layer 1 is the base's, a USER set after it is still yours. */
    @Test
    void userSetAfterTheBaseLayersIsYours() {
        Outcome o = SecurityFixtures.run("user-root", SecuritySettings.defaults(), "base", 1).outcome(NoRootUserRule.ID);
        assertThat(o.breaches()).extracting(Breach::origin).containsExactly(Origin.OWN);
    }

    @Test
    void healthcheck() {
        assertThat(fact("user-empty.healthcheck")).isEmpty();
        Outcome missing = SecurityFixtures.run("user-empty").outcome(RequireHealthcheckRule.ID);
        assertThat(missing.summary()).isEqualTo("no HEALTHCHECK");
        assertThat(located(missing)).containsExactly(new Located("the image has no HEALTHCHECK; add one, e.g."
                + " HEALTHCHECK CMD [\"/app/healthcheck\"], so that the engine can tell a hung container from a healthy"
                + " one", null, Origin.OWN));

        assertThat(fact("good.healthcheck")).isEqualTo("CMD|/sectool|true");
        Outcome set = SecurityFixtures.run("good").outcome(RequireHealthcheckRule.ID);
        assertThat(set.summary()).isEqualTo("HEALTHCHECK set");
        assertThat(set.breaches()).isEmpty();
    }

    /** HEALTHCHECK NONE turns the check off: it counts as none. */
    @Test
    void healthcheckNone() {
        assertThat(fact("user-toor.healthcheck")).isEqualTo("NONE");
        Outcome o = SecurityFixtures.run("user-toor").outcome(RequireHealthcheckRule.ID);
        assertThat(o.summary()).isEqualTo("HEALTHCHECK NONE");
        assertThat(located(o)).containsExactly(new Located("HEALTHCHECK NONE turns the health check off; define one, e.g. HEALTHCHECK CMD [\"/app/healthcheck\"]", null, Origin.UNKNOWN));
    }

    /** config-bad declares VOLUME / /proc /sys /dev /var/run/docker.sock /data: all but /data are sensitive. */
    @Test
    void sensitiveVolumes() {
        assertThat(fact("config-bad.volumes")).isEqualTo("/|/data|/dev|/proc|/sys|/var/run/docker.sock");
        Outcome o = SecurityFixtures.run("config-bad").outcome(NoSensitiveVolumesRule.ID);
        assertThat(o.summary()).isEqualTo("5 of 6 volumes sensitive");
        assertThat(o.breaches()).extracting(Breach::path, Breach::origin).containsExactly(tuple("/", Origin.UNKNOWN),
                tuple("/dev", Origin.UNKNOWN), tuple("/proc", Origin.UNKNOWN), tuple("/sys", Origin.UNKNOWN),
                tuple("/var/run/docker.sock", Origin.UNKNOWN));
        assertThat(o.breaches().get(0).message()).isEqualTo("VOLUME /: a volume over the whole"
                + " filesystem invites mounting the host's root there; remove it from the VOLUME instruction");
        assertThat(o.breaches().get(2).message()).isEqualTo("VOLUME /proc: a volume at /proc invites"
                + " mounting the host's /proc, the kernel's interfaces, into the container; remove it from the VOLUME"
                + " instruction");
        assertThat(o.breaches().get(4).message()).isEqualTo("VOLUME /var/run/docker.sock: mounting the"
                + " Docker socket gives the container root on the host; remove it from the VOLUME instruction");

        assertThat(fact("good.volumes")).isEqualTo("/data");
        Outcome good = SecurityFixtures.run("good").outcome(NoSensitiveVolumesRule.ID);
        assertThat(good.summary()).isEqualTo("1 volume, none sensitive");
        assertThat(good.breaches()).isEmpty();
    }

    /** The VOLUME instruction comes after both layers: with layer 1 the base's, it is still yours. */
    @Test
    void volumeAfterTheBaseIsYours() {
        Outcome o = SecurityFixtures.run("config-bad", SecuritySettings.defaults(), "base", 1).outcome(NoSensitiveVolumesRule.ID);
        assertThat(o.breaches()).extracting(Breach::origin).containsOnly(Origin.OWN);
    }

    @Test
    void latestTagAndLatestBase() {
        assertThat(fact("user-empty.repoTags")).isEqualTo("image-hygiene/security-user-empty:latest");
        assertThat(SecurityFixtures.run("user-empty").messages(NoLatestTagRule.ID)).containsExactly(
                "the image is named image-hygiene/security-user-empty:latest, which moves with every build; tag it with"
                        + " a version, e.g. the project's version");

        assertThat(fact("config-bad.history.5")).contains(
                "org.opencontainers.image.base.name=registry.example.com/base/java:latest");
        Outcome base = SecurityFixtures.run("config-bad").outcome(NoLatestTagRule.ID);
        assertThat(base.summary()).isEqualTo("tags image-hygiene/security-config-bad:1.0; base"
                + " registry.example.com/base/java:latest");
        assertThat(base.breaches()).extracting(Breach::message).containsExactly("the image is based on"
                + " registry.example.com/base/java:latest (label org.opencontainers.image.base.name), which moves: a"
                + " rebuild may bring another base; pin it by version or digest");

        Outcome good = SecurityFixtures.run("good").outcome(NoLatestTagRule.ID);
        assertThat(good.summary()).isEqualTo("tags image-hygiene/security-good:1.0; base"
                + " registry.example.com/base/java:17.0.9");
        assertThat(good.breaches()).isEmpty();
    }

    /**
     * The base reference from the base-image analysis counts too; a name without tag means latest. The filesystem
     * image has no base label, so the name comes from a {@code <baseImages>} fingerprint of its first layer.
     */
    @Test
    void baseReferenceFromTheBaseAnalysis() {
        assertThat(fact("filesystem.labelKeys")).isEmpty();
        SecuritySettings defaults = SecuritySettings.defaults();
        assertThat(SecurityFixtures.run("filesystem", defaults, "eclipse-temurin", 1).messages(NoLatestTagRule.ID))
                // the base analysis names it in full, as Docker resolves it
                .containsExactly("the image is based on docker.io/library/eclipse-temurin:latest (base image"
                        + " analysis), which moves: a rebuild may bring another base; pin it by version or digest");
        assertThat(SecurityFixtures.run("filesystem", defaults, "eclipse-temurin@sha256:" + "0".repeat(64), 1)
                .messages(NoLatestTagRule.ID)).isEmpty();
    }

    /**
     * A password in ENV (from a build argument), a token in a label, and the build arguments recorded in the history
     * of the RUN after them: five keys, every value masked.
     */
    @Test
    void secretLookingKeys() {
        assertThat(fact("config-bad.envKeys")).isEqualTo("PATH|APP_MODE|DB_PASSWORD");
        assertThat(fact("config-bad.history.7")).isEqualTo("|3 API_TOKEN_VALUE=<apiToken>"
                + " DB_PASSWORD_VALUE=<dbPassword> NPM_TOKEN=<npmToken> /sectool chmod 0700 /sectool");
        String db = Masking.mask(planted("dbPassword"));
        String api = Masking.mask(planted("apiToken"));
        String npm = Masking.mask(planted("npmToken"));
        assertThat(npm).isEqualTo("npm_****");
        Outcome o = SecurityFixtures.run("config-bad").outcome(NoSecretKeysRule.ID);
        assertThat(o.summary()).isEqualTo("5 secret-looking keys with a value");
        assertThat(o.breaches()).extracting(Breach::message).containsExactly(
                "ENV DB_PASSWORD=" + db + ": a secret in the image config, readable with docker"
                        + " inspect; pass it at run time (docker run -e, a mounted secret file) instead",
                "LABEL com.example.api-token=" + api + ": a secret in the image config, readable"
                        + " with docker inspect; remove the label",
                "build argument API_TOKEN_VALUE=" + api + " in history entry 7: readable with docker"
                        + " history; use a build secret (RUN --mount=type=secret) instead of an ARG",
                "build argument DB_PASSWORD_VALUE=" + db + " in history entry 7: readable with docker"
                        + " history; use a build secret (RUN --mount=type=secret) instead of an ARG",
                "build argument NPM_TOKEN=" + npm + " in history entry 7: readable with docker"
                        + " history; use a build secret (RUN --mount=type=secret) instead of an ARG");
        for (Breach b : o.breaches()) {
            for (String name : List.of("dbPassword", "apiToken", "npmToken")) {
                assertThat(b.message().contains(planted(name))).as("a planted value in a message").isFalse();
            }
        }
    }

    /**
     * With layers 1-2 the base's, the ENV, the LABEL and the RUN with the build arguments (history entries 4, 5 and 7,
     * at or before the entry of layer 2) are the base's.
     */
    @Test
    void secretKeysOfTheBase() {
        assertThat(fact("config-bad.historyLayer.7")).isEqualTo("2");
        Outcome o = SecurityFixtures.run("config-bad", SecuritySettings.defaults(), "base", 2).outcome(NoSecretKeysRule.ID);
        assertThat(o.breaches()).extracting(Breach::origin).containsOnly(Origin.BASE);
        assertThat(o.breaches().get(0).message()).startsWith("ENV DB_PASSWORD=" + Masking.mask(planted("dbPassword"))
                + " (in the base image)");
    }

    /** GPG_KEY and PASSWORD_FILE (a path, Docker's *_FILE convention) are accepted by default. */
    @Test
    void acceptedKeysPass() {
        assertThat(fact("good.envKeys")).isEqualTo("PATH|APP_MODE|PASSWORD_FILE|GPG_KEY");
        Outcome o = SecurityFixtures.run("good").outcome(NoSecretKeysRule.ID);
        assertThat(o.summary()).isEqualTo("no secret-looking key in 4 ENV variables, 3 labels and the history");
        assertThat(o.breaches()).isEmpty();
    }

    /** acceptKeys takes keys and globs: the token keys accepted, the passwords remain. */
    @Test
    void acceptKeysParameter() {
        SecuritySettings settings = SecuritySettings.builder().acceptKeys(List.of("*TOKEN*", "com.example.api-token"))
                .build();
        assertThat(SecurityFixtures.run("config-bad", settings).outcome(NoSecretKeysRule.ID).breaches())
                .extracting(b -> b.message().substring(0, b.message().indexOf('=')))
                .containsExactly("ENV DB_PASSWORD", "build argument DB_PASSWORD_VALUE");
    }
}
