package io.github.imagehygiene.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command line in-process, as a user runs it in a folder of their own: exit codes, what it prints, where the
 * report goes, the config file and its precedence. The images are the core's committed fixtures; their sizes are
 * docker's own ({@code expected.properties}, written by the fixture script from {@code docker image inspect}).
 */
class MainTest {
    static final Path IMAGES = Path.of("../core/src/test/resources/images").toAbsolutePath().normalize();
    static final Path BUSYBOX = IMAGES.resolve("busybox-app.docker.tar");
    static final Path TINY = IMAGES.resolve("tiny.docker.tar");

    @TempDir
    Path cwd;

    record Run(int exit, List<String> out, List<String> err) {
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cwd);
        return new Run(exit, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    static Properties expected() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(IMAGES.resolve("expected.properties"))) {
            p.load(r);
        }
        return p;
    }

    JsonNode report() throws IOException {
        return new ObjectMapper().readTree(cwd.resolve("target/image-hygiene/report.json").toFile());
    }

    @Test
    void passingImageExitsZeroAndWritesTheReportsInTheWorkingFolder() throws IOException {
        Run r = run("check", BUSYBOX.toString(), "--max-size", "10MB", "--levels", "maxWastedPercent=WARN");
        assertThat(r.exit()).isEqualTo(Main.PASS);
        assertThat(r.out()).first().isEqualTo("[INFO] Image " + BUSYBOX + " (docker-archive, linux/amd64)");
        assertThat(r.out()).contains("[INFO]     PASS  maxSize             2.1 MB of 10 MB",
                "[INFO]     WARN  maxWastedPercent    99.99 % wasted (maximum 10 %)",
                "[INFO]   Verdict: PASS",
                "[INFO] Report: " + cwd.resolve("target/image-hygiene/report.json"),
                "[INFO] SBOM: " + cwd.resolve("target/image-hygiene/sbom.cdx.json"));
        assertThat(r.err()).isEmpty();
        JsonNode report = report();
        // docker image inspect's .Size
        assertThat(report.at("/size/content").asLong())
                .isEqualTo(Long.parseLong(expected().getProperty("busybox-app.docker.totalSize")));
        assertThat(report.at("/tool/name").asText()).isEqualTo("image-hygiene-cli");
        assertThat(report.at("/verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void breachExitsOneWithTheNumberedList() {
        Run r = run("check", BUSYBOX.toString(), "--max-size=1MB", "--levels=maxWastedPercent=OFF,historyLint=OFF");
        assertThat(r.exit()).isEqualTo(Main.BREACHES);
        assertThat(r.err()).containsExactly("[ERROR] Image " + BUSYBOX + " has 1 breach:",
                "[ERROR]   1. [maxSize] image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest layers: #1 2.0 MB"
                        + " (COPY file:73e2b2d48642 in /bin/busybox), #3 102.4 KB (RUN mkdir -p /app/data && echo"
                        + " hello >...); largest files: /bin/busybox 2.0 MB (#1), /app/hello.txt 6 B (#3)");
        assertThat(r.out()).contains("[INFO]   Verdict: FAIL", "[INFO]     off: maxWastedPercent, historyLint");
    }

    @Test
    void failOnErrorFalseShowsTheBreachesAndExitsZero() {
        Run r = run("check", BUSYBOX.toString(), "--max-size=1MB", "--levels=maxWastedPercent=OFF",
                "--fail-on-error=false");
        assertThat(r.exit()).isEqualTo(Main.PASS);
        assertThat(r.err()).first().isEqualTo("[ERROR] Image " + BUSYBOX + " has 1 breach:");
        assertThat(r.err()).last().asString().endsWith(" (failOnError is false: the build goes on)");
    }

    @Test
    void badSettingIsOneLineAndExitTwo() {
        Run r = run("check", BUSYBOX.toString(), "--max-size", "lots");
        assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).containsExactly("[ERROR] Invalid value for --max-size: 'lots' is not a size; use bytes or a"
                + " unit (B, KB, MB, GB, KiB, MiB, GiB), e.g. 300MB or 1.5GiB");
        assertThat(r.out()).isEmpty();
        // --verbose adds the stack trace
        Run verbose = run("check", BUSYBOX.toString(), "--max-size", "lots", "--verbose");
        assertThat(verbose.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(verbose.err()).first().isEqualTo(r.err().get(0));
        assertThat(verbose.err()).anyMatch(l -> l.startsWith("\tat io.github.imagehygiene."));
    }

    @Test
    void missingImageAndUnknownOptionAreExitTwo() {
        Run missing = run("check", "no-such.tar");
        assertThat(missing.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.err()).containsExactly("[ERROR] " + cwd.resolve("no-such.tar") + ": no such file or folder");
        Run none = run("check");
        assertThat(none.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(none.err()).containsExactly("[ERROR] No image to check: give IMAGE (an archive, an OCI layout"
                + " folder or docker://NAME:TAG), or image: in the config file");
        Run unknown = run("check", BUSYBOX.toString(), "--max-sise=1MB");
        assertThat(unknown.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(unknown.err()).first().asString().startsWith("[ERROR] Unknown option: '--max-sise=1MB'");
    }

    @Test
    void anEmptyListElementIsNamed() {
        Run r = run("check", BUSYBOX.toString(), "--allowed-base-images=debian:12,,alpine:3.20");
        assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).containsExactly("[ERROR] Invalid value for --allowed-base-images: element 2 of"
                + " 'debian:12,,alpine:3.20' is empty; separate the elements with single commas");
    }

    /** The goal's names in YAML; the command line wins over the file, key by key. */
    @Test
    void configFileWithTheGoalsNamesAndCommandLinePrecedence() throws IOException {
        Files.writeString(cwd.resolve("hygiene.yaml"), """
                image: %s
                maxSize: 1MB
                maxLayers: 3
                levels:
                  maxWastedPercent: WARN
                  historyLint: "OFF"
                baseImages: [%s]
                allowedBaseImages:
                  - image-hygiene/busybox-app:*
                deniedBaseImages:
                  - {image: "busybox:1.35", reason: too old}
                fileAssertions:
                  - {path: /bin/busybox, type: file}
                  - {path: /root/.ssh, exists: false}
                configAssertions:
                  user: "1000:1000"
                """.formatted(BUSYBOX, BUSYBOX));
        Run r = run("check", "--config", "hygiene.yaml", "--max-size", "10MB");
        assertThat(r.err()).containsExactly("[ERROR] Image " + BUSYBOX + " has 1 breach:",
                "[ERROR]   1. [maxLayers] image has 4 layers, 1 over the limit of 3; join consecutive RUN"
                        + " instructions with '&&' and use a multi-stage build to copy only the result");
        assertThat(r.exit()).isEqualTo(Main.BREACHES);
        assertThat(r.out()).contains("[INFO]     PASS  maxSize             2.1 MB of 10 MB",
                "[INFO]     PASS  allowedBaseImages   docker.io/image-hygiene/busybox-app:1.0 matches"
                        + " image-hygiene/busybox-app:*",
                "[INFO]     PASS  deniedBaseImages    docker.io/image-hygiene/busybox-app:1.0 matches none of 1 denied",
                "[INFO]     PASS  configAssertions    config assertions: 1 of 1 hold",
                "[INFO]     PASS  fileAssertions      file assertions: 2 of 2 hold");
    }

    @Test
    void configFileAsJsonAndItsMistakesNamed() throws IOException {
        Files.writeString(cwd.resolve("hygiene.json"), "{\"maxSize\": \"10MB\", \"failOnError\": false}");
        assertThat(run("check", BUSYBOX.toString(), "--config", "hygiene.json").exit()).isEqualTo(Main.PASS);

        Files.writeString(cwd.resolve("typo.yaml"), "maxSise: 10MB\n");
        Run typo = run("check", BUSYBOX.toString(), "--config", "typo.yaml");
        assertThat(typo.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(typo.err()).containsExactly("[ERROR] Unknown parameter 'maxSise' in " + cwd.resolve("typo.yaml")
                + " (did you mean 'maxSize'?)");

        Files.writeString(cwd.resolve("bad.yaml"), "fileAssertions:\n  - {path: /x, colour: red}\n");
        Run bad = run("check", BUSYBOX.toString(), "--config", "bad.yaml");
        assertThat(bad.exit()).isEqualTo(Main.BAD_INPUT);
        // the field and what the parameter takes, not Jackson's classes
        assertThat(bad.err()).containsExactly("[ERROR] Invalid value for --file-assertions: [0].colour is no field of"
                + " it; the fields are exists, gid, matches, mode, notMatches, path, type, uid");

        Run absent = run("check", BUSYBOX.toString(), "--config", "absent.yaml");
        assertThat(absent.err()).containsExactly("[ERROR] Config file " + cwd.resolve("absent.yaml")
                + " does not exist");
    }

    /** Relative paths are the working folder's, and so is the Dockerfile the base is read from. */
    @Test
    void relativePathsAndTheDockerfileAreTheWorkingFolders() throws IOException {
        Files.copy(TINY, cwd.resolve("tiny.tar"));
        Files.writeString(cwd.resolve("Dockerfile"), "FROM busybox:1.36\nCOPY x /x\n");
        Run r = run("check", "tiny.tar", "--report-directory", "out", "--require-pinned-base=DIGEST");
        assertThat(r.out()).first().isEqualTo("[INFO] Image " + cwd.resolve("tiny.tar") + " (docker-archive,"
                + " linux/amd64)");
        assertThat(r.out()).contains("[INFO] Report: " + cwd.resolve("out/report.json"));
        assertThat(r.err()).anyMatch(l -> l.contains("[requirePinnedBase]") && l.contains("busybox:1.36"));
        assertThat(r.exit()).isEqualTo(Main.BREACHES);
    }

    /**
     * --layer-cache, relative to the working folder: a second run reads busybox-app's four layers (four layer.tar in
     * its archive) from it; none turns it off; a bad size is one line and exit 2.
     */
    @Test
    void layerCacheOptions() throws IOException {
        Run first = run("check", BUSYBOX.toString(), "--layer-cache", "lc", "--verbose", "--fail-on-error=false");
        assertThat(first.out()).contains("[DEBUG] Layer cache " + cwd.resolve("lc")
                + ": 0 layer(s) read from the cache, 4 read from the image, 4 stored");
        try (java.util.stream.Stream<Path> files = Files.list(cwd.resolve("lc"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".layer"))).hasSize(4);
        }
        Run second = run("check", BUSYBOX.toString(), "--layer-cache", "lc", "--layer-cache-max-size", "1GB",
                "--verbose", "--fail-on-error=false");
        assertThat(second.out()).contains("[DEBUG] Layer cache " + cwd.resolve("lc")
                + ": 4 layer(s) read from the cache, 0 read from the image");
        Run none = run("check", BUSYBOX.toString(), "--layer-cache", "none", "--verbose", "--fail-on-error=false");
        assertThat(none.out()).noneMatch(l -> l.contains("Layer cache"));
        assertThat(Files.exists(cwd.resolve("none"))).isFalse();
        Run bad = run("check", BUSYBOX.toString(), "--layer-cache-max-size", "big");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).anyMatch(l -> l.contains(
                "Invalid value for --layer-cache-max-size: 'big' is not a size"));
    }

    /** A boolean option alone before IMAGE does not take it as its value; a config's levels merge with --levels. */
    @Test
    void booleanOptionsAndLevelsMerge() throws IOException {
        Run r = run("check", "--count-base-layers", BUSYBOX.toString(), "--sbom");
        assertThat(r.exit()).isEqualTo(Main.BREACHES);
        assertThat(r.out()).first().isEqualTo("[INFO] Image " + BUSYBOX + " (docker-archive, linux/amd64)");
        Files.writeString(cwd.resolve("levels.yaml"), "levels: {maxWastedPercent: WARN}\n");
        Run merged = run("check", BUSYBOX.toString(), "--config", "levels.yaml", "--levels", "historyLint=OFF");
        assertThat(merged.exit()).isEqualTo(Main.PASS);
        assertThat(merged.out()).contains("[INFO]     WARN  maxWastedPercent    99.99 % wasted (maximum 10 %)",
                "[INFO]     off: historyLint");
    }

    @Test
    void skipSaysSo() {
        Run r = run("check", "no-such.tar", "--skip");
        assertThat(r.exit()).isEqualTo(Main.PASS);
        assertThat(r.out()).containsExactly("[INFO] Skipping image hygiene check: skip is true (--skip)");
        assertThat(cwd.resolve("target")).doesNotExist();
    }

    @Test
    void helpListsEveryOption() {
        Run r = run("check", "--help");
        assertThat(r.exit()).isEqualTo(Main.PASS);
        for (CliParameter p : CliParameter.ALL) {
            assertThat(r.out()).as(p.option()).anyMatch(l -> l.contains(p.option() + "=") || l.contains(p.option() + "[="));
        }
        assertThat(run("--version").out()).containsExactly("image-hygiene " + Main.version());
    }

    /**
     * The baseline goal's command: the check's options (what needs a baseline left out), its report.json written
     * where --baseline-file says (default the goal's src/main/docker/image-baseline.json), then used by a check. Busybox
     * breaches maxWastedPercent: a baseline records it, never fails on it.
     */
    @Test
    void baselineWritesTheReportForLaterChecks() throws IOException {
        Run r = run("baseline", BUSYBOX.toString(), "--new-findings-only", "--max-growth", "10%");
        assertThat(r.exit()).isEqualTo(Main.PASS);
        Path file = cwd.resolve("src/main/docker/image-baseline.json");
        long size = Long.parseLong(expected().getProperty("busybox-app.docker.totalSize"));
        assertThat(r.out()).last().asString().startsWith("[INFO] Baseline written: " + file + " (")
                .contains(", 4 layers, ").endsWith(" findings); pass it as --baseline and commit it");
        JsonNode written = new ObjectMapper().readTree(file.toFile());
        assertThat(written).isEqualTo(report());
        assertThat(written.at("/size/content").asLong()).isEqualTo(size);
        assertThat(written.at("/inventory/packages").isArray()).isTrue();
        assertThat(written.get("verdict").asText()).isEqualTo("FAIL");

        Run elsewhere = run("baseline", TINY.toString(), "--baseline-file", "b/tiny.json");
        assertThat(elsewhere.exit()).isEqualTo(Main.PASS);
        assertThat(cwd.resolve("b/tiny.json")).isRegularFile();

        // adopted as it is: the known breach does not fail, no growth
        Run check = run("check", BUSYBOX.toString(), "--baseline", "src/main/docker/image-baseline.json",
                "--new-findings-only", "--max-growth", "0B");
        assertThat(check.exit()).isEqualTo(Main.PASS);
        assertThat(report().at("/diff/size/delta").asLong()).isZero();
        assertThat(report().at("/diff/findings/new")).isEmpty();
    }

    @Test
    void aGrowthBudgetWithoutABaselineIsBadSettings() {
        Run r = run("check", TINY.toString(), "--max-growth", "10%");
        assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).containsExactly("[ERROR] maxGrowth is set (10%), but no baseline is set: set --baseline"
                + " to a report.json or an image, or remove maxGrowth");
    }

    @Test
    void theCoresMessagesNameTheOptionsToSet() {
        // the core says what to set as the Maven goal's parameter and property; here the option is what one types
        Run slow = run("check", BUSYBOX.toString(), "--timeout", "1ms", "--layer-cache", "none");
        assertThat(slow.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(slow.err()).singleElement().asString()
                .contains("gave up after 1ms, the time limit (timeout), while ")
                .contains("; raise --timeout if the image is really that large").doesNotContain("imageHygiene");

        Run daemon = run("check", "docker://example/app:1.0", "--docker-host", "unix://" + cwd.resolve("no.sock"));
        assertThat(daemon.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(daemon.err()).singleElement().asString()
                .contains(": cannot reach the Docker daemon at unix://" + cwd.resolve("no.sock")
                        + " (set DOCKER_HOST or --docker-host): ").doesNotContain("imageHygiene");

        // every form the core writes; a rule's id that is also a parameter's name stays as it is
        assertThat(CliParameter.asCommandLine("raise <timeout> (imageHygiene.timeout); set <image>"
                + " (imageHygiene.image); choose one with <platform> (imageHygiene.platform); imageHygiene.dockerHost;"
                + " [maxSize] 2 MB of 1 MB; <unknownThing> (imageHygiene.unknownThing)"))
                .isEqualTo("raise --timeout; set IMAGE; choose one with --platform; --docker-host;"
                        + " [maxSize] 2 MB of 1 MB; <unknownThing> (imageHygiene.unknownThing)");
        // each option named is one the command line takes
        assertThat(Main.commandLine().getSubcommands().get("check").getCommandSpec().optionsMap())
                .containsKeys("--timeout", "--platform", "--docker-host", "--baseline");
    }

    /**
     * What an audit found the command line printing unmasked or unclear: an argument quoted by the parser, the stack
     * trace of --verbose, a YAML error's quoted line (cut at 75 characters, so a cut token), a value of the wrong
     * shape, a Docker address the client cannot use (it failed with a NullPointerException), the help to read.
     */
    @Test
    void errorsAreOneMaskedLineNamingTheOption() throws IOException {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        Run unknown = run("check", BUSYBOX.toString(), "--tokenx=" + token);
        assertThat(unknown.err()).containsExactly("[ERROR] Unknown option: '--tokenx=ghp_****'",
                "[ERROR] See 'image-hygiene check --help'.");
        assertThat(run("frobnicate").err()).containsExactly("[ERROR] Unmatched argument at index 0: 'frobnicate'",
                "[ERROR] See 'image-hygiene --help'.");

        Run verbose = run("check", BUSYBOX + ":" + token, "--verbose");
        assertThat(verbose.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(verbose.err()).first().asString().contains("no image tagged 'ghp_****'");
        assertThat(verbose.err()).anyMatch(l -> l.startsWith("io.github.imagehygiene.common.ImageReadException: "))
                .anyMatch(l -> l.startsWith("\tat io.github.imagehygiene.")).noneMatch(l -> l.contains(token));

        Files.writeString(cwd.resolve("cut.yaml"), "maxSize: [" + token + "\nmaxLayers: 3\n");
        Run yaml = run("check", BUSYBOX.toString(), "--config", "cut.yaml");
        assertThat(yaml.exit()).isEqualTo(Main.BAD_INPUT);
        // SnakeYAML's problem and context, where it is; not its copy of the line under a caret
        assertThat(yaml.err()).singleElement().asString()
                .startsWith("[ERROR] Invalid YAML in config file " + cwd.resolve("cut.yaml") + ": ")
                .contains("(while parsing a flow sequence) at line 2, column ").doesNotContain("ghp_")
                .doesNotContain("^");

        Run shape = run("check", BUSYBOX.toString(), "--config-assertions={env: FOO}");
        assertThat(shape.err()).containsExactly(
                "[ERROR] Invalid value for --config-assertions: env must be a map (KEY: value)");
        Run uid = run("check", BUSYBOX.toString(), "--file-assertions=[{path: /bin/busybox, uid: abc}]");
        assertThat(uid.err()).containsExactly(
                "[ERROR] Invalid value for --file-assertions: [0].uid must be a whole number");

        for (String host : List.of("notaurl", "http://127.0.0.1:1", "unix:relative", "tcp://")) {
            Run daemon = run("check", "docker://example/app:1.0", "--docker-host", host);
            assertThat(daemon.exit()).isEqualTo(Main.BAD_INPUT);
            assertThat(daemon.err()).singleElement().asString()
                    .startsWith("[ERROR] Invalid value for --docker-host: '" + host + "' ")
                    .endsWith("; use unix:///var/run/docker.sock, tcp://HOST:2375 or npipe:////./pipe/docker_engine");
        }
        assertThat(run("check", BUSYBOX.toString(), "--threads=-1").err()).containsExactly(
                "[ERROR] Invalid value for --threads: -1; use 0 (one per processor) or a positive number");
    }

    /** What the JDK says of a file only by its path, said in words. */
    @Test
    void fileProblemsAreSaid() throws IOException {
        Files.writeString(cwd.resolve("afile"), "x");
        Run reports = run("check", TINY.toString(), "--report-directory=afile");
        assertThat(reports.exit()).isEqualTo(Main.BAD_INPUT);
        assertThat(reports.err()).containsExactly("[ERROR] Invalid value for --report-directory: "
                + cwd.resolve("afile") + " is a file, not a folder; name a folder to write the reports to");
        assertThat(reports.out()).as("said before the image is read").isEmpty();
        Run eol = run("check", TINY.toString(), "--eol-data=none.json");
        assertThat(eol.err()).containsExactly("[ERROR] Cannot read eolData " + cwd.resolve("none.json")
                + ": no such file or folder");
        Run dockerfile = run("check", TINY.toString(), "--dockerfile=afile/Dockerfile");
        assertThat(dockerfile.err()).containsExactly("[ERROR] Cannot read the Dockerfile "
                + cwd.resolve("afile/Dockerfile") + " (dockerfile): Not a directory");
        Files.writeString(cwd.resolve("garbage.txt"), "not a report, not an image");
        Run baseline = run("check", TINY.toString(), "--baseline=garbage.txt");
        assertThat(baseline.err()).singleElement().asString().startsWith("[ERROR] Cannot read the baseline "
                + cwd.resolve("garbage.txt") + " (baseline): " + cwd.resolve("garbage.txt") + ": ")
                .endsWith("; a baseline is a report.json of this plugin (the baseline goal writes one) or an image");
    }
}
