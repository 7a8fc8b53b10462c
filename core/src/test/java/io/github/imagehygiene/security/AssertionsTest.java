package io.github.imagehygiene.security;

import static io.github.imagehygiene.security.SecurityFixtures.fact;
import static io.github.imagehygiene.security.SecurityFixtures.planted;
import static io.github.imagehygiene.security.SecurityFixtures.located;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.settings.ConfigAssertionsParam;
import io.github.imagehygiene.settings.FileAssertionParam;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.security.SecurityFixtures.Located;
import io.github.imagehygiene.rules.security.ConfigAssertions;
import io.github.imagehygiene.rules.security.ConfigAssertionsRule;
import io.github.imagehygiene.rules.security.FileAssertion;
import io.github.imagehygiene.rules.security.FileAssertionsRule;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * Assertions in the pom, as container-structure-test makes them but with no container: every kind passing on the
 * good image and failing on another. Expected config values are docker image inspect's (expected.properties).
 */
class AssertionsTest {

    /** What the good image's Dockerfile sets, as a user would assert it (through the mojo's parameter bean). */
    private static ConfigAssertions goodConfig() {
        ConfigAssertionsParam p = new ConfigAssertionsParam();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_MODE", "production");
        env.put("PASSWORD_FILE", "");
        p.setEnv(env);
        p.setLabels(Map.of("org.opencontainers.image.title", "security-good"));
        p.setExposedPorts(List.of("8080", "9090/udp"));
        p.setUnexposedPorts(List.of("22"));
        p.setEntrypoint(List.of("/sectool", "true"));
        p.setCmd(List.of("--port", "8080"));
        p.setWorkdir("/app");
        p.setUser("1000:1000");
        return p.toCore();
    }

    private static Outcome config(String image, ConfigAssertions assertions) {
        return SecurityFixtures.run(image, SecuritySettings.builder().configAssertions(assertions).build())
                .outcome(ConfigAssertionsRule.ID);
    }

    @Test
    void everyConfigAssertionHoldsOnTheGoodImage() {
        assertThat(fact("good.exposedPorts")).isEqualTo("8080/tcp|9090/udp");
        assertThat(fact("good.entrypoint")).isEqualTo("/sectool|true");
        assertThat(fact("good.cmd")).isEqualTo("--port|8080");
        assertThat(fact("good.workdir")).isEqualTo("/app");
        Outcome o = config("good", goodConfig());
        assertThat(o.summary()).isEqualTo("config assertions: 10 of 10 hold");
        assertThat(o.breaches()).isEmpty();
    }

    @Test
    void everyConfigAssertionFailsOnConfigBad() {
        assertThat(fact("config-bad.exposedPorts")).isEmpty();
        assertThat(fact("config-bad.user")).isEqualTo("1000");
        Outcome o = config("config-bad", goodConfig());
        assertThat(o.summary()).isEqualTo("config assertions: 1 of 10 hold");
        assertThat(o.breaches()).extracting(Breach::message).containsExactly(
                "env APP_MODE is 'demo', expected 'production'",
                "env PASSWORD_FILE is not set",
                "label org.opencontainers.image.title is not set, expected 'security-good'",
                "port 8080/tcp is not exposed (exposed: none); add EXPOSE 8080/tcp",
                "port 9090/udp is not exposed (exposed: none); add EXPOSE 9090/udp",
                "entrypoint is [], expected [\"/sectool\", \"true\"]",
                "cmd is [], expected [\"--port\", \"8080\"]",
                "workdir is '', expected '/app'",
                "user is '1000', expected '1000:1000'");
        assertThat(o.breaches()).extracting(Breach::path, Breach::origin).containsOnly(
                org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void unexposedPortFails() {
        ConfigAssertions a = new ConfigAssertions(null, null, null, List.of("8080"), null, null, null, null);
        assertThat(config("good", a).breaches()).extracting(Breach::message).containsExactly(
                "port 8080/tcp is exposed, and must not be; remove EXPOSE 8080/tcp");
    }

    /** A secret-looking variable's values are masked in assertion messages, the actual one and the expected one. */
    @Test
    void secretValuesInAssertionsAreMasked() {
        ConfigAssertions a = new ConfigAssertions(Map.of("DB_PASSWORD", "expected-password-value"), null, null, null,
                null, null, null, null);
        assertThat(config("config-bad", a).breaches()).extracting(Breach::message).containsExactly(
                "env DB_PASSWORD is '" + Masking.mask(planted("dbPassword")) + "', expected 'expe****'");
    }

    @Test
    void noAssertionIsNotSet() {
        Outcome o = SecurityFixtures.run("good").outcome(ConfigAssertionsRule.ID);
        assertThat(o.active()).isFalse();
        assertThat(o.summary()).isEqualTo("no config assertion set");
        assertThat(SecurityFixtures.run("good").outcome(FileAssertionsRule.ID).summary())
                .isEqualTo("no file assertion set");
    }

    // ---- files ------------------------------------------------------------------------------------------------------

    private static FileAssertionParam file(String path) {
        FileAssertionParam p = new FileAssertionParam();
        p.setPath(path);
        return p;
    }

    /** Exists with type, mode (octal and symbolic), owner, content matching and not matching; must not exist. */
    private static List<FileAssertion> goodFiles() {
        FileAssertionParam yml = file("/app/config/application.yml");
        yml.setType("file");
        yml.setMode("0644");
        yml.setUid(1000L);
        yml.setGid(1000L);
        yml.setMatches("^  port: 8080$");
        yml.setNotMatches("level: debug");
        FileAssertionParam run = file("/app/bin/run.sh");
        run.setMode("-rwxr-xr-x");
        FileAssertionParam tmp = file("/tmp");
        tmp.setType("directory");
        tmp.setMode("drwxrwxrwt");
        FileAssertionParam su = file("/bin/su");
        su.setMode("4755");
        FileAssertionParam ssh = file("/root/.ssh");
        ssh.setExists(false);
        FileAssertionParam env = file("/app/**/.env");
        env.setExists(false);
        return FileAssertionParam.toCore(List.of(yml, run, tmp, su, ssh, env));
    }

    private static Outcome files(String image, List<FileAssertion> assertions) {
        return SecurityFixtures.run(image, SecuritySettings.builder().fileAssertions(assertions).build())
                .outcome(FileAssertionsRule.ID);
    }

    @Test
    void everyFileAssertionHoldsOnTheGoodImage() {
        assertThat(fact("good.entry./app/config/application.yml")).isEqualTo("file:0644:1000:1000:117:4");
        assertThat(fact("good.entry./app/bin/run.sh")).startsWith("file:0755:1000:1000:");
        assertThat(fact("good.entry./tmp")).isEqualTo("dir:1777:0:0:0:3");
        assertThat(fact("good.entry./bin/su")).startsWith("file:4755:0:0:");
        Outcome o = files("good", goodFiles());
        assertThat(o.summary()).isEqualTo("file assertions: 6 of 6 hold");
        assertThat(o.breaches()).isEmpty();
    }

    /** On the filesystem image: the yml is missing, run.sh too, /tmp holds, su holds, and /app/.env exists. */
    @Test
    void existenceFailsOnTheFilesystemImage() {
        Outcome o = files("filesystem", goodFiles());
        assertThat(o.summary()).isEqualTo("file assertions: 3 of 6 hold");
        assertThat(located(o)).containsExactly(
                new Located("/app/config/application.yml does not exist, and must", "/app/config/application.yml",
                        null),
                new Located("/app/bin/run.sh does not exist, and must", "/app/bin/run.sh", null),
                new Located("/app/.env (matching /app/**/.env) exists, and must not: file added in layer 4",
                        "/app/.env", Origin.UNKNOWN));
    }

    /** The deleted key does not exist in the final filesystem, though a layer stores it. */
    @Test
    void deletedFileDoesNotExist() {
        FileAssertionParam key = file("/root/.ssh/id_ed25519");
        key.setExists(false);
        assertThat(files("secrets", FileAssertionParam.toCore(List.of(key))).breaches()).isEmpty();
        assertThat(files("secrets", FileAssertionParam.toCore(List.of(file("/root/.ssh/id_ed25519")))).breaches())
                .extracting(Breach::message).containsExactly("/root/.ssh/id_ed25519 does not exist, and must");
    }

    @Test
    void typeModeOwnerAndContentFail() {
        assertThat(fact("filesystem.entry./app/data.txt")).isEqualTo("file:0666:0:0:12:3");
        FileAssertionParam data = file("/app/data.txt");
        data.setType("directory");
        data.setMode("0644");
        data.setUid(1000L);
        data.setGid(1000L);
        FileAssertionParam passwd = file("/etc/passwd");
        passwd.setMatches("^app:x:1000:1000:.*:/sbin/nologin$");
        FileAssertionParam shadow = file("/etc/shadow");
        shadow.setNotMatches("^guest::");
        FileAssertionParam dir = file("/app/uploads");
        dir.setMatches("anything");
        Outcome o = files("filesystem", FileAssertionParam.toCore(List.of(data, passwd, shadow, dir)));
        assertThat(o.summary()).isEqualTo("file assertions: 0 of 4 hold");
        assertThat(o.breaches()).extracting(Breach::message).containsExactly(
                "/app/data.txt is a file, expected a directory (layer 3)",
                "/app/data.txt has mode 0666, expected 0644 (layer 3)",
                "/app/data.txt is owned by uid 0, expected 1000 (layer 3)",
                "/app/data.txt has gid 0, expected 1000 (layer 3)",
                "/etc/passwd: no line matches /^app:x:1000:1000:.*:/sbin/nologin$/ (layer 2)",
                "/etc/shadow line 4 matches /^guest::/, and must not (layer 2)",
                "/app/uploads is a directory, whose content cannot be checked (layer 3)");
        // each breach is located in the layer that added the path, and is about the path's asserted property: the
        // mode's finding keeps its fingerprint when the owner is fixed
        assertThat(o.breaches()).extracting(Breach::subject, Breach::path, Breach::layer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/app/data.txt:type", "/app/data.txt", 3),
                org.assertj.core.groups.Tuple.tuple("/app/data.txt:mode", "/app/data.txt", 3),
                org.assertj.core.groups.Tuple.tuple("/app/data.txt:uid", "/app/data.txt", 3),
                org.assertj.core.groups.Tuple.tuple("/app/data.txt:gid", "/app/data.txt", 3),
                org.assertj.core.groups.Tuple.tuple("/etc/passwd:matches", "/etc/passwd", 2),
                org.assertj.core.groups.Tuple.tuple("/etc/shadow:notMatches", "/etc/shadow", 2),
                org.assertj.core.groups.Tuple.tuple("/app/uploads:content", "/app/uploads", 3));
    }

    @Test
    void invalidAssertionsNameTheProblem() {
        assertThatThrownBy(() -> FileAssertion.of("app/x", null, null, null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for fileAssertions (app/x): <path> must be an absolute path, e.g."
                        + " /app/app.jar");
        assertThatThrownBy(() -> FileAssertion.of("/app/*.jar", true, null, null, null, null, null, null))
                .hasMessage("Invalid value for fileAssertions (/app/*.jar): a glob is allowed only with"
                        + " <exists>false</exists>; name one path that must exist");
        assertThatThrownBy(() -> FileAssertion.of("/x", null, null, "rwx", null, null, null, null))
                .hasMessage("Invalid value for fileAssertions (/x): mode 'rwx'; use octal (0755, 4755) or symbolic"
                        + " (-rwxr-xr-x)");
        assertThatThrownBy(() -> FileAssertion.of("/x", null, "socket", null, null, null, null, null))
                .hasMessage("Invalid value for fileAssertions (/x): type 'socket'; use file, directory or symlink");
        assertThatThrownBy(() -> FileAssertion.of("/x", false, null, "0644", null, null, null, null))
                .hasMessage("Invalid value for fileAssertions (/x): a path that must not exist has no type, mode, owner"
                        + " or content to check");
        assertThatThrownBy(() -> FileAssertion.of("/x", null, null, null, null, null, "(", null))
                .hasMessageStartingWith("Invalid value for fileAssertions (/x): <matches> '(' is not a regular"
                        + " expression: ");
        assertThatThrownBy(() -> new ConfigAssertions(null, null, List.of("http"), null, null, null, null, null))
                .hasMessage("Invalid value for exposedPorts: 'http' is not a port; use e.g. 8080 or 9090/udp");
    }
}
