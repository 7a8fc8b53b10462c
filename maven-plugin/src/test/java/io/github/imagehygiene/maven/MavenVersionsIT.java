package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo and a no-project check on the oldest Maven the plugin declares (3.6.3), the wrapper's 3.9 and Maven 4
 * (4.0.0-rc-5), each a real distribution from Maven Central (unpacked into target/mavens by the build) with the plugin
 * as invoker:install put it into target/local-repo. What each run prints is what a user of that Maven sees.
 */
class MavenVersionsIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path IMAGES = Path.of("../core/src/test/resources/images").toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("imageHygiene.pluginVersion");

    static Stream<Arguments> mavens() {
        return Stream.of(
                Arguments.of("3.6.3", TARGET.resolve("mavens/apache-maven-3.6.3")),
                Arguments.of("wrapper", Path.of(System.getProperty("imageHygiene.wrapperMaven"))),
                Arguments.of("4.0.0-rc-5", TARGET.resolve("mavens/apache-maven-4.0.0-rc-5")));
    }

    record Run(int exit, List<String> log) {
    }

    /** The invoker's settings: the plugin from target/local-repo, the rest from the user's local repository. */
    static Path settings() throws IOException {
        Path settings = TARGET.resolve("maven-versions/settings.xml");
        Files.createDirectories(settings.getParent());
        Path userRepo = Path.of(System.getProperty("imageHygiene.userRepository"));
        Files.writeString(settings, Files.readString(Path.of("src/it/settings.xml"))
                .replace("@localRepositoryUrl@", userRepo.toUri().toString()));
        return settings;
    }

    static Run mvn(Path home, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/mvn").toString(), "-B", "-s",
                settings().toString(), "-Dmaven.repo.local=" + TARGET.resolve("local-repo"),
                "-Djib.disableUpdateChecks=true"));
        command.addAll(List.of(args));
        Path log = dir.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("maven ends").isTrue();
        return new Run(p.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "Maven {0}")
    @MethodSource("mavens")
    void theDemoPasses(String version, Path home) throws Exception {
        assertThat(home.resolve("bin/mvn")).as("Maven " + version).isExecutable();
        Path demo = TARGET.resolve("maven-versions/" + version + "/demo");
        copy(Path.of("../demo"), demo);
        Run r = mvn(home, demo, "verify", "-Ddemo.base=" + IMAGES.resolve("busybox-app.docker.tar"));
        assertThat(r.log()).as(String.join("\n", r.log())).contains(
                "[INFO]     PASS  maxSize             2.1 MB of 10 MB",
                "[INFO]     PASS  maxWastedPercent    0.00 % wasted in your layers (maximum 10 %); 102.4 KB more"
                        + " wasted in the base image's layers (#1-#4), not counted: choose a leaner base",
                "[INFO]   Verdict: PASS",
                "[INFO] Report: " + demo.resolve("target/image-hygiene/report.json"),
                "[INFO] BUILD SUCCESS");
        assertThat(r.exit()).isZero();
    }

    @ParameterizedTest(name = "Maven {0}")
    @MethodSource("mavens")
    void theGoalRunsWithoutAProject(String version, Path home) throws Exception {
        Path dir = TARGET.resolve("maven-versions/" + version + "/no-project");
        Files.createDirectories(dir);
        Path image = IMAGES.resolve("busybox-app.docker.tar");
        Run r = mvn(home, dir, "io.github.imagehygiene:image-hygiene-maven-plugin:" + VERSION + ":check",
                "-DimageHygiene.image=" + image, "-DimageHygiene.maxSize=1MB",
                "-DimageHygiene.ignorePaths=/app/data/**");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.log()).as(String.join("\n", r.log())).contains(
                "[INFO]     FAIL  maxSize             2.1 MB of 1 MB",
                // ignorePaths from the comma-separated property: dive's 100 KB of waste is left out
                "[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)",
                "[INFO] Report: " + dir.resolve("target/image-hygiene/report.json"),
                "[ERROR]   1. [maxSize] image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest layers: #1 2.0 MB"
                        + " (COPY file:73e2b2d48642 in /bin/busybox), #3 102.4 KB (RUN mkdir -p /app/data && echo"
                        + " hello >...); largest files: /bin/busybox 2.0 MB (#1), /app/hello.txt 6 B (#3)");
        assertThat(r.log()).anyMatch(l -> l.startsWith("[ERROR] Failed to execute goal io.github.imagehygiene:"
                + "image-hygiene-maven-plugin:" + VERSION + ":check (default-cli) on project standalone-pom: Image "
                + image + " has 1 breach:"));
        assertThat(dir.resolve("target/image-hygiene/report.json")).isRegularFile();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.contains("${"));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
