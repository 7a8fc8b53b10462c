package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.JavaLayering;
import io.github.imagehygiene.analysis.hygiene.JavaLayering.Role;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.analysis.inventory.JarIndex;
import io.github.imagehygiene.analysis.inventory.JavaArchive;
import io.github.imagehygiene.analysis.inventory.JavaArchivesCollector;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Java layering on a real Spring Boot 3 application packaged by spring-boot-maven-plugin (fat jar, layers.idx),
 * extracted with {@code java -Djarmode=tools ... extract --layers}, shaded by maven-shade-plugin, and built by Jib.
 * Sizes come from zipfile / unzip and the extracted folders (facts), never from the code under test.
 */
class JavaLayeringTest {
    private static final String ORDER = "dependencies, spring-boot-loader, snapshot-dependencies, then application";

    private static ImageAnalysis image(String name) {
        return HygieneFixtures.analyse(HygieneFixtures.large(name));
    }

    private static long bytes(HygieneFixtures.Facts f, String key) {
        return f.bytesAndFiles(key)[0];
    }

    private static String human(long bytes) {
        return ByteSize.human(bytes);
    }

    /** "COPY dir:2d7168296173 in /app/" from the recorded created_by of layer {@code index}. */
    private static String copy(HygieneFixtures.Facts f, String image, int index) {
        String createdBy = f.list(image + ".createdBy", "|").get(index - 1);
        String rest = createdBy.substring(createdBy.indexOf("COPY ") + 5).strip();
        int colon = rest.indexOf(':');
        return "COPY " + rest.substring(0, colon + 13) + rest.substring(rest.indexOf(" in "));
    }

    @Test
    void indexesTheSpringBootJarInTheLayerPass() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = image("hygiene-boot-fat.docker.tar");
        JarIndex jar = a.filesystem().collected(JavaArchivesCollector.INSTANCE, "/app/app.jar")
                .map(JavaArchive::index).orElseThrow();
        assertThat(jar.path()).isEqualTo("/app/app.jar");
        assertThat(jar.size()).isEqualTo(f.number("boot-jar.size"));
        assertThat(jar.entries()).isEqualTo((int) f.number("boot-jar.entries"));
        assertThat(jar.bytes()).isEqualTo(f.number("boot-jar.bytes"));
        assertThat(jar.classes()).isEqualTo((int) f.number("boot-jar.classes"));
        assertThat(jar.packages()).isEqualTo((int) f.number("boot-jar.packages"));
        assertThat(jar.packageRoots()).isEqualTo((int) f.number("boot-jar.packageRoots"));
        assertThat(jar.mavenArtifacts()).hasSize((int) f.number("boot-jar.pomProperties"))
                .containsExactly("io.github.imagehygiene.fixtures:boot-app:1.0");
        assertThat(jar.mainClass()).isEqualTo(f.get("boot-jar.manifest.Main-Class"));
        assertThat(jar.startClass()).isEqualTo(f.get("boot-jar.manifest.Start-Class"));
        assertThat(jar.springBootVersion()).isEqualTo(f.get("boot-jar.manifest.Spring-Boot-Version"));
        assertThat(jar.layersIndex()).isEqualTo(f.get("boot-jar.layersIdx"));
        assertThat(jar.nestedJars()).hasSize((int) f.number("boot-jar.libs"));
        assertThat(jar.nestedJars().stream().mapToLong(JarIndex.NestedJar::bytes).sum())
                .isEqualTo(f.number("boot-jar.libBytes"));
        List<JarIndex.NestedJar> largest = new ArrayList<>(jar.nestedJars());
        largest.sort(Comparator.comparingLong(JarIndex.NestedJar::bytes).reversed()
                .thenComparing(JarIndex.NestedJar::name));
        assertThat(largest.subList(0, 5)).extracting(j -> j.name().substring("BOOT-INF/lib/".length()) + ":"
                + j.bytes()).containsExactlyElementsOf(f.list("boot-jar.largestLibs", ","));
        assertThat(jar.isSpringBoot()).isTrue();
        assertThat(jar.isShaded()).isFalse();
        assertThat(jar.truncated()).isFalse();
        // the would-be layers: what layers.idx assigns, and what `extract --layers` wrote
        assertThat(jar.wouldBeLayers()).extracting(JarIndex.WouldBeLayer::name)
                .containsExactlyElementsOf(f.list("boot-jar.layerNames", ","));
        for (JarIndex.WouldBeLayer l : jar.wouldBeLayers()) {
            String expected = l.bytes() + ":" + l.entries();
            assertThat(expected).as(l.name()).isEqualTo(f.get("boot-jar.layer." + l.name()))
                    .isEqualTo(f.get("boot-jar.extracted." + l.name()));
        }
    }

    @Test
    void fatJarInOneLayerGetsTheLayeredLayoutSuggested() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = image("hygiene-boot-fat.docker.tar");
        JavaLayering.Result r = JavaLayering.of(a, PathGlobs.NONE);
        assertThat(r.fatJars()).extracting(JavaLayering.FatJar::path, JavaLayering.FatJar::layer,
                JavaLayering.FatJar::kind).containsExactly(tuple("/app/app.jar", 3, "Spring Boot jar"));
        assertThat(r.layout()).isNull();

        long application = bytes(f, "boot-jar.layer.application");
        String createdBy = f.list("boot-fat.createdBy", "|").get(2);
        String copyJar = "COPY file:" + createdBy.split("file:")[1].substring(0, 12) + " in /app/app.jar";
        Outcome o = HygieneRules.javaLayering().evaluate(a);
        assertThat(o.summary()).isEqualTo("1 fat jar in one layer");
        assertThat(o.messages()).containsExactly("/app/app.jar (" + human(f.number("boot-jar.size")) + ") in layer #3 ("
                + copyJar + ") is a Spring Boot jar: one layer whose " + human(f.number("boot-jar.bytes") - application)
                + " of libraries and launcher every code change pushes again; split it into the layers its"
                + " BOOT-INF/layers.idx defines: dependencies " + human(bytes(f, "boot-jar.layer.dependencies")) + " ("
                + f.bytesAndFiles("boot-jar.layer.dependencies")[1] + " files), spring-boot-loader "
                + human(bytes(f, "boot-jar.layer.spring-boot-loader")) + " ("
                + f.bytesAndFiles("boot-jar.layer.spring-boot-loader")[1] + " files), snapshot-dependencies 0 B,"
                + " application " + human(application) + " (" + f.bytesAndFiles("boot-jar.layer.application")[1]
                + " files); extract it in a build stage with 'java -Djarmode=tools -jar app.jar extract --layers"
                + " --launcher' (Spring Boot before 3.3: -Djarmode=layertools ... extract) and COPY each folder with"
                + " its own instruction in that order, or build the image with Jib");
        assertThat(HygieneRules.javaLayering().collectors()).containsExactly(JavaArchivesCollector.INSTANCE);
    }

    /** The extracted layers, one COPY each: dependencies #2, spring-boot-loader #3, application #4. */
    @Test
    void recognisesSpringBootsExtractedLayers() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = image("hygiene-boot-layered.docker.tar");
        JavaLayering.Result r = JavaLayering.of(a, PathGlobs.NONE);
        assertThat(r.fatJars()).isEmpty();
        assertThat(r.inversions()).isEmpty();
        assertThat(r.mixed()).isEmpty();
        assertThat(r.layout().name()).isEqualTo("Spring Boot layers");
        assertThat(r.layout().layered()).isTrue();
        // application: BOOT-INF/classes and the two .idx files, i.e. the extracted application folder minus META-INF
        long application = bytes(f, "boot-jar.extracted.application") - bytes(f, "boot-layered.final./app/META-INF");
        assertThat(r.layout().placements().values()).extracting(JavaLayering.Placement::role,
                JavaLayering.Placement::bytesByLayer).containsExactly(
                tuple(Role.DEPENDENCIES, Map.of(2, bytes(f, "boot-layered.final./app/BOOT-INF/lib"))),
                tuple(Role.SPRING_BOOT_LOADER, Map.of(3,
                        bytes(f, "boot-layered.final./app/org/springframework/boot/loader"))),
                tuple(Role.APPLICATION, Map.of(4, application)));
        assertThat(HygieneRules.javaLayering().evaluate(a)).isEqualTo(Outcome.of(
                "layered (Spring Boot layers: dependencies #2, spring-boot-loader #3, application #4)", List.of()));
    }

    /** application (#1) COPYed before spring-boot-loader (#2) and dependencies (#3). */
    @Test
    void flagsApplicationBelowDependencies() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = image("hygiene-boot-misordered.docker.tar");
        long deps = bytes(f, "boot-misordered.final./app/BOOT-INF/lib");
        long loader = bytes(f, "boot-misordered.final./app/org/springframework/boot/loader");
        assertThat(JavaLayering.of(a, PathGlobs.NONE).inversions()).containsExactly(
                new JavaLayering.Inversion(Role.APPLICATION, 1, Role.DEPENDENCIES, 3, deps),
                new JavaLayering.Inversion(Role.APPLICATION, 1, Role.SPRING_BOOT_LOADER, 2, loader));
        assertThat(HygieneRules.javaLayering().evaluate(a)).extracting(Outcome::summary, Outcome::messages).containsExactly(
                "misordered (Spring Boot layers: dependencies #3, spring-boot-loader #2, application #1)",
                List.of("application in layer #1 (" + copy(f, "boot-misordered", 1) + ") sits below dependencies in"
                        + " #3 (" + human(deps) + ") and spring-boot-loader in #2 (" + human(loader) + "): every change"
                        + " to the application rebuilds and re-pushes the " + human(deps + loader) + " above it; copy"
                        + " rarely-changing layers first: " + ORDER));
    }

    @Test
    void flagsDependenciesAndClassesInOneLayer() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = image("hygiene-boot-onelayer.docker.tar");
        long deps = bytes(f, "boot-onelayer.final./app/BOOT-INF/lib");
        long application = bytes(f, "boot-jar.extracted.application") - bytes(f, "boot-onelayer.final./app/META-INF");
        assertThat(JavaLayering.of(a, PathGlobs.NONE).mixed()).containsExactly(
                new JavaLayering.Mixed(1, deps, application));
        assertThat(HygieneRules.javaLayering().evaluate(a)).extracting(Outcome::summary, Outcome::messages).containsExactly(
                "not layered (Spring Boot layers: dependencies #1, spring-boot-loader #1, application #1)",
                List.of("layer #1 (" + copy(f, "boot-onelayer", 1) + ") holds both dependencies (" + human(deps)
                        + ") and application classes or resources (" + human(application) + "): every code change"
                        + " re-pushes the dependencies; COPY them in separate instructions, rarely-changing first: "
                        + ORDER));
    }

    /** Jib names its layers in the history: dependencies #1 (/app/libs), resources #2, classes #3. */
    @Test
    void recognisesJibsLayers() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-boot-jib.tar"));
        JavaLayering.Result r = JavaLayering.of(a, PathGlobs.NONE);
        assertThat(r.layout().name()).isEqualTo("Jib");
        assertThat(r.layout().placements().values()).extracting(JavaLayering.Placement::role,
                JavaLayering.Placement::bytesByLayer).containsExactly(
                tuple(Role.DEPENDENCIES, Map.of(1, bytes(f, "boot-jib.final./app/libs"))),
                tuple(Role.RESOURCES, Map.of(2, bytes(f, "boot-jib.final./app/resources"))),
                tuple(Role.APPLICATION, Map.of(3, bytes(f, "boot-jib.final./app/classes"))));
        assertThat(HygieneRules.javaLayering().evaluate(a)).isEqualTo(Outcome.of(
                "layered (Jib: dependencies #1, resources #2, application #3)", List.of()));
    }

    /** maven-shade-plugin merged nine artifacts' classes (474 packages in 9 roots) into one jar with a Main-Class. */
    @Test
    void shadedJarInOneLayer() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = image("hygiene-boot-shaded.docker.tar");
        JarIndex jar = a.filesystem().collected(JavaArchivesCollector.INSTANCE, "/app/app.jar")
                .map(JavaArchive::index).orElseThrow();
        assertThat(jar.classes()).isEqualTo((int) f.number("shaded-jar.classes"));
        assertThat(jar.packages()).isEqualTo((int) f.number("shaded-jar.packages"));
        assertThat(jar.packageRoots()).isEqualTo((int) f.number("shaded-jar.packageRoots"));
        assertThat(jar.mavenArtifacts()).hasSize((int) f.number("shaded-jar.pomProperties"));
        assertThat(jar.bytes()).isEqualTo(f.number("shaded-jar.bytes"));
        assertThat(jar.isShaded()).isTrue();
        assertThat(jar.isSpringBoot()).isFalse();
        long app = bytes(f, "shaded-jar.under.io/github/imagehygiene/");
        assertThat(jar.wouldBeLayers()).extracting(JarIndex.WouldBeLayer::name, JarIndex.WouldBeLayer::bytes)
                .containsExactly(tuple("dependencies", f.number("shaded-jar.bytes") - app), tuple("application", app));

        Outcome o = HygieneRules.javaLayering().evaluate(a);
        assertThat(o.summary()).isEqualTo("1 fat jar in one layer");
        assertThat(o.messages()).singleElement().asString().startsWith("/app/app.jar ("
                + human(f.number("shaded-jar.size")) + ") in layer #1 (COPY file:").contains(" is a shaded jar ("
                + f.number("shaded-jar.pomProperties") + " artifacts merged): one layer whose "
                + human(f.number("shaded-jar.bytes") - app) + " of dependencies every code change pushes again;"
                + " would-be layers: dependencies " + human(f.number("shaded-jar.bytes") - app));
        assertThat(HygieneRules.javaLayering(List.of("/app/*.jar")).evaluate(a))
                .isEqualTo(Outcome.of("no Java application layers found", List.of()));
    }

    /** The committed paths image: dependencies in /app/lib (#4), the application's jar /app/app.jar (#5). */
    @Test
    void recognisesALibFolderBesideTheApplicationJar() {
        HygieneFixtures.Facts f = HygieneFixtures.committedFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.committed("paths.docker.tar"));
        JavaLayering.Result r = JavaLayering.of(a, PathGlobs.NONE);
        assertThat(r.layout().name()).isEqualTo("lib folder");
        assertThat(r.layout().placements().values()).extracting(JavaLayering.Placement::role,
                JavaLayering.Placement::bytesByLayer, JavaLayering.Placement::files).containsExactly(
                tuple(Role.DEPENDENCIES, Map.of(4, bytes(f, "paths.final./app/lib")), 2),
                tuple(Role.APPLICATION, Map.of(5, bytes(f, "paths.final./app/app.jar")), 1));
        // the Maven and Gradle distributions' lib folders are tools, not the application's
        assertThat(HygieneRules.javaLayering().evaluate(a)).isEqualTo(Outcome.of(
                "layered (lib folder: dependencies #4, application #5)", List.of()));
    }

    @Test
    void noJavaApplication() {
        for (String image : List.of("jib-app.tar", "busybox-app.docker.tar")) {
            assertThat(HygieneRules.javaLayering().evaluate(HygieneFixtures.analyse(Fixtures.image(image))))
                    .isEqualTo(Outcome.of("no Java application layers found", List.of()));
        }
        assertThat(HygieneRules.javaLayering().evaluate(image("hygiene-apt-dirty.docker.tar")))
                .isEqualTo(Outcome.of("no Java application layers found", List.of()));
    }
}
