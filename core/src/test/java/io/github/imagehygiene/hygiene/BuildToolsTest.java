package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.BuildTools;
import io.github.imagehygiene.analysis.hygiene.BuildTools.Kind;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.hygiene.NoBuildToolsRule;
import io.github.imagehygiene.testing.Fixtures;

/** Build tools in runtime images: bytes and layers from the tar listings' facts. */
class BuildToolsTest {

    /**
     * hygiene-boot-fat: #1 a JDK (jlink'ed with jdk.compiler: bin/javac; jmods/java.base.jmod), #2 a Maven
     * distribution (the Maven wrapper's), #3 the fat jar.
     */
    @Test
    void jdkAndMavenInTheFatImage() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-boot-fat.docker.tar"));
        long jdk = f.bytesAndFiles("boot-fat.final./opt/jdk")[0];
        long jmods = f.bytesAndFiles("boot-fat.final./opt/jdk/jmods")[0];
        long maven = f.bytesAndFiles("boot-fat.final./opt/maven")[0];
        assertThat(f.bytesAndFiles("boot-fat.final./opt/jdk/bin/javac")[1]).isEqualTo(1L);
        assertThat(jdk).isGreaterThan(maven);

        List<BuildTools.Tool> tools = BuildTools.of(a).tools();
        assertThat(tools).extracting(BuildTools.Tool::kind, BuildTools.Tool::location, BuildTools.Tool::bytes,
                t -> (long) t.files(), BuildTools.Tool::evidence, BuildTools.Tool::bytesByLayer).containsExactly(
                tuple(Kind.JDK, "/opt/jdk", jdk, f.bytesAndFiles("boot-fat.final./opt/jdk")[1],
                        List.of("bin/javac", "jmods (1 file, " + ByteSize.human(jmods) + ")"), Map.of(1, jdk)),
                tuple(Kind.MAVEN, "/opt/maven", maven, f.bytesAndFiles("boot-fat.final./opt/maven")[1],
                        List.of("bin/mvn", "lib/maven-core-*.jar"), Map.of(2, maven)));

        List<String> createdBy = f.list("boot-fat.createdBy", "|");
        String copyJdk = "COPY dir:" + createdBy.get(0).split("dir:")[1].substring(0, 12) + " in /opt/jdk/";
        String copyMaven = "COPY dir:" + createdBy.get(1).split("dir:")[1].substring(0, 12) + " in /opt/maven/";
        Outcome o = HygieneRules.noBuildTools().evaluate(a);
        assertThat(o.summary()).isEqualTo("a JDK " + ByteSize.human(jdk) + ", a Maven distribution "
                + ByteSize.human(maven));
        assertThat(o.messages()).containsExactly(
                "a JDK is in the runtime image: /opt/jdk (" + ByteSize.human(jdk) + ", "
                        + f.bytesAndFiles("boot-fat.final./opt/jdk")[1] + " files; bin/javac, jmods (1 file, "
                        + ByteSize.human(jmods) + ")), added by #1 (" + copyJdk + "); a JRE runs the application:"
                        + " compile in a build stage (FROM a JDK image AS build) and start the final stage FROM a JRE"
                        + " image (e.g. eclipse-temurin:17-jre) or a runtime made with jlink --add-modules <only what"
                        + " you use>",
                "a Maven distribution is in the runtime image: /opt/maven (" + ByteSize.human(maven) + ", "
                        + f.bytesAndFiles("boot-fat.final./opt/maven")[1] + " files; bin/mvn, lib/maven-core-*.jar),"
                        + " added by #2 (" + copyMaven + "); build in a separate stage (FROM maven:... AS build /"
                        + " FROM gradle:... AS build) and COPY --from=build only the jar, or let Jib build the image"
                        + " (no build tool in it)");
    }

    /** A JRE (jlink'ed java.base + java.logging, no javac, no jmods) is what a runtime image should hold. */
    @Test
    void aJreIsNotABuildTool() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-boot-layered.docker.tar"));
        assertThat(f.bytesAndFiles("boot-layered.final./opt/jre")[0]).isPositive();
        assertThat(HygieneRules.noBuildTools().evaluate(a)).isEqualTo(Outcome.of("no build tools", List.of()));
    }

    /** apt-get install make (#2). */
    @Test
    void makeInstalledWithApt() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-apt-same.docker.tar"));
        long make = f.bytesAndFiles("apt-same.final./usr/bin/make")[0];
        assertThat(f.layers("apt-same.final./usr/bin/make")).containsExactly(2);
        assertThat(BuildTools.of(a).tools()).extracting(BuildTools.Tool::kind, BuildTools.Tool::location,
                BuildTools.Tool::bytes, BuildTools.Tool::bytesByLayer)
                .containsExactly(tuple(Kind.MAKE, "/usr/bin/make", make, Map.of(2, make)));
        assertThat(HygieneRules.noBuildTools().evaluate(a).messages()).containsExactly("make is in the runtime image:"
                + " /usr/bin/make (" + ByteSize.human(make) + ", 1 file; make), added by #2 (RUN apt-get update &&"
                + " apt-get install -y...); run make in a build stage and COPY --from=build only its output"
                + " (multi-stage build)");
        assertThat(HygieneRules.noBuildTools(List.of("/usr/bin/make")).evaluate(a))
                .isEqualTo(Outcome.of("no build tools", List.of()));
    }

    @Test
    void ignoredFilesAreNotCounted() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-boot-fat.docker.tar"));
        List<BuildTools.Tool> tools = BuildTools.of(a).tools(PathGlobs.of(List.of("/opt/maven", "*.jmod")));
        assertThat(tools).extracting(BuildTools.Tool::kind, BuildTools.Tool::bytes).containsExactly(tuple(Kind.JDK,
                f.bytesAndFiles("boot-fat.final./opt/jdk")[0] - f.bytesAndFiles("boot-fat.final./opt/jdk/jmods")[0]));
    }

    /** The committed paths image, #3: gcc's cc1 and a driver, git and git-core, a Gradle and a Maven distribution. */
    @Test
    void compilersGitAndBuildDistributions() {
        HygieneFixtures.Facts f = HygieneFixtures.committedFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.committed("paths.docker.tar"));
        long gcc = f.bytesAndFiles("paths.final./usr/lib/gcc/x86_64-linux-gnu/12")[0]
                + f.bytesAndFiles("paths.final./usr/bin/x86_64-linux-gnu-gcc-12")[0];
        long git = f.bytesAndFiles("paths.final./usr/bin/git")[0] + f.bytesAndFiles("paths.final./usr/lib/git-core")[0];
        long gradle = f.bytesAndFiles("paths.final./opt/gradle-8.10")[0];
        long maven = f.bytesAndFiles("paths.final./usr/share/maven")[0];
        assertThat(BuildTools.of(a).tools()).extracting(BuildTools.Tool::kind, BuildTools.Tool::location,
                BuildTools.Tool::bytes, t -> (long) t.files(), BuildTools.Tool::evidence, BuildTools.Tool::bytesByLayer)
                .containsExactly(
                        tuple(Kind.C_COMPILER, "/usr/lib/gcc/x86_64-linux-gnu/12", gcc, 2L,
                                List.of("cc1", "x86_64-linux-gnu-gcc-12"), Map.of(3, gcc)),
                        tuple(Kind.GIT, "/usr/bin/git", git, 2L, List.of("git"), Map.of(3, git)),
                        tuple(Kind.GRADLE, "/opt/gradle-8.10", gradle, 2L, List.of("bin/gradle", "lib/gradle-*.jar"),
                                Map.of(3, gradle)),
                        tuple(Kind.MAVEN, "/usr/share/maven", maven, 2L, List.of("bin/mvn", "lib/maven-core-*.jar"),
                                Map.of(3, maven)));
        assertThat(HygieneRules.noBuildTools().evaluate(a).messages().get(0)).isEqualTo("a C/C++ compiler is in the"
                + " runtime image: /usr/lib/gcc/x86_64-linux-gnu/12 (2.7 KB, 2 files; cc1, x86_64-linux-gnu-gcc-12),"
                + " added by #3 (/fxtool write...); compile in a build stage and"
                + " COPY --from=build only the binaries (multi-stage build)");
    }

    @Test
    void imagesWithoutTools() {
        for (java.nio.file.Path image : List.of(Fixtures.image("busybox-app.docker.tar"), Fixtures.image("jib-app.tar"),
                HygieneFixtures.committed("reclaim.docker.tar"))) {
            assertThat(BuildTools.of(HygieneFixtures.analyse(image)).tools()).isEmpty();
        }
    }
}
