package io.github.imagehygiene.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it, {@code java -jar cli/target/image-hygiene.jar}, in a folder of their own: every
 * dependency is inside (the check reads, analyses and writes the SBOM), and the exit codes reach the shell.
 */
class CliJarIT {
    static final Path JAR = Path.of(System.getProperty("imageHygiene.cliJar", "target/image-hygiene.jar"))
            .toAbsolutePath();

    @TempDir
    Path cwd;

    record Run(int exit, List<String> out, List<String> err) {
    }

    Run java(String... args) throws IOException, InterruptedException {
        // a layer cache of the test's own, not the user's
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-DimageHygiene.layerCache=" + cwd.resolve("layer-cache"), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = cwd.resolve("stdout.txt");
        Path err = cwd.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the jar ends").isTrue();
        return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarChecksAndExitsAsDocumented() throws Exception {
        assertThat(JAR).isRegularFile();
        Run breach = java("check", MainTest.BUSYBOX.toString(), "--max-size", "1MB", "--levels",
                "maxWastedPercent=OFF");
        assertThat(breach.exit()).isEqualTo(1);
        assertThat(breach.err()).containsExactly("[ERROR] Image " + MainTest.BUSYBOX + " has 1 breach:",
                "[ERROR]   1. [maxSize] image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest layers: #1 2.0 MB"
                        + " (COPY file:73e2b2d48642 in /bin/busybox), #3 102.4 KB (RUN mkdir -p /app/data && echo"
                        + " hello >...); largest files: /bin/busybox 2.0 MB (#1), /app/hello.txt 6 B (#3)");
        assertThat(breach.out()).contains("[INFO] Report: " + cwd.resolve("target/image-hygiene/report.json"),
                "[INFO] SBOM: " + cwd.resolve("target/image-hygiene/sbom.cdx.json"));
        assertThat(cwd.resolve("target/image-hygiene/sbom.cdx.json")).isNotEmptyFile();

        Files.writeString(cwd.resolve("hygiene.yaml"), "maxSize: 10MB\nlevels: {maxWastedPercent: WARN}\n");
        Run pass = java("check", MainTest.BUSYBOX.toString(), "--config", "hygiene.yaml");
        assertThat(pass.exit()).isEqualTo(0);
        assertThat(pass.out()).contains("[INFO]   Verdict: PASS");

        Run bad = java("check", "no-such.tar");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).containsExactly("[ERROR] " + cwd.resolve("no-such.tar") + ": no such file or folder");
        assertThat(bad.out()).isEmpty();
    }

    /**
     * docker-java logs through SLF4J; with no binding in the jar SLF4J printed three lines of its own on stderr
     * before the one line of an unreachable daemon.
     */
    @Test
    void aDaemonErrorIsOneLine() throws Exception {
        Run daemon = java("check", "docker://example/app:1.0", "--docker-host", "unix://" + cwd.resolve("no.sock"));
        assertThat(daemon.exit()).isEqualTo(2);
        assertThat(daemon.err()).singleElement().asString().startsWith("[ERROR] docker://example/app:1.0: cannot reach"
                + " the Docker daemon at unix://" + cwd.resolve("no.sock"));
    }
}
