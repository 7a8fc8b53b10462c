package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.GroupIds;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.analysis.inventory.JarReader;
import io.github.imagehygiene.analysis.inventory.JavaArtifact;
import io.github.imagehygiene.analysis.inventory.JavaIdentitySettings;
import io.github.imagehygiene.analysis.inventory.ResolvedArtifact;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The groupId of the Spring Boot app's jars that carry no pom.properties (Spring's and Tomcat's, built by Gradle and
 * Ant), from each source on its own and from all together, on the Debian image (the fat jar at /app/app.jar) and the
 * Jib layout (/app/libs). Expected values: {@code mvn dependency:list} of the app (inventory-boot-app.deps.txt) and the
 * jars Maven resolved for it into the local repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JarIdentityTest {
    private static final String FAT_JAR = "/app/app.jar";
    /** Not a dependency: the Spring Boot plugin adds it from inside its loader-tools jar, so nothing names its group. */
    private static final String JARMODE = "spring-boot-jarmode-tools";
    /** The fat jar's libraries without pom.properties or Gradle title, as the archives alone leave them. */
    private static final List<String> GROUPLESS = List.of("spring-aop", "spring-beans", "spring-boot",
            "spring-boot-autoconfigure", JARMODE, "spring-context", "spring-core", "spring-expression", "spring-jcl",
            "spring-web", "spring-webmvc", "tomcat-embed-core", "tomcat-embed-el", "tomcat-embed-websocket");

    ImageAnalysis debian;
    /** artifactId → group:artifact:version of each line of mvn dependency:list */
    Map<String, String[]> deps = new TreeMap<>();

    @BeforeAll
    void read() {
        debian = LargeFixtures.analyse(LargeFixtures.require("inventory-debian.docker.tar"));
        for (String line : LargeFixtures.lines("inventory-boot-app.deps.txt")) {
            String[] f = line.split(":");
            deps.put(f[1], new String[] {f[0], f[1], f[3]});
        }
        assertThat(deps).hasSize(35);
    }

    /** The same layer pass, its inventory made with other identity settings. */
    private Inventory inventory(JavaIdentitySettings settings) {
        ImageAnalysis a = debian;
        return Inventory.of(new ImageAnalysis(a.image(), a.layers(), a.scans(), a.size(), a.compressedSize(),
                a.compressedEstimated(), a.contentSize(), a.collectorIds(), List.of(settings)));
    }

    private static List<Component> libs(Inventory inv) {
        return inv.javaArtifacts().stream().filter(c -> FAT_JAR.equals(c.parent())).toList();
    }

    private String purl(String artifactId) {
        String[] d = deps.get(artifactId);
        return "pkg:maven/" + d[0] + "/" + d[1] + "@" + d[2];
    }

    /** What the plugin hands over: every dependency Maven resolved, with its file in the local repository. */
    private List<ResolvedArtifact> resolved() {
        List<ResolvedArtifact> out = new ArrayList<>();
        for (String[] d : deps.values()) {
            out.add(new ResolvedArtifact(d[0], d[1], d[2], null, LargeFixtures.localRepositoryJar(d[0], d[1], d[2])));
        }
        return out;
    }

    /** name → evidence of the fat jar's libraries that have a purl, which must be mvn dependency:list's. */
    private Map<String, String> named(Inventory inv) {
        Map<String, String> out = new TreeMap<>();
        for (Component c : libs(inv)) {
            if (c.purl() != null) {
                assertThat(c.purl()).as(c.location()).isEqualTo(purl(c.name()));
                out.put(c.name(), c.evidence());
            }
        }
        return out;
    }

    @Test
    void archivesAloneLeaveFourteenWithoutGroup() {
        Inventory inv = inventory(JavaIdentitySettings.NONE);
        assertThat(libs(inv)).hasSize(31);
        assertThat(libs(inv).stream().filter(c -> c.purl() == null).map(Component::name).sorted().toList())
                .isEqualTo(GROUPLESS);
        Map<String, String> named = named(inv);
        assertThat(named).hasSize(17);
        assertThat(named.entrySet().stream().filter(e -> !e.getValue().equals("pom.properties"))
                .map(e -> e.getKey() + " " + e.getValue()).toList()).containsExactly(
                        "micrometer-commons manifest Implementation-Title",
                        "micrometer-observation manifest Implementation-Title");
        // without a groupId, the evidence says what named the version: Spring's and Tomcat's Implementation-Version
        assertThat(libs(inv).stream().filter(c -> c.purl() == null).map(Component::evidence).distinct().toList())
                .containsExactly("manifest");
    }

    @Test
    void projectDependenciesOnly() {
        Inventory inv = inventory(new JavaIdentitySettings(resolved(), null));
        Map<String, String> named = named(inv);
        // every library that is a dependency: the 13 without pom.properties by their sha1, the others as before
        assertThat(named).hasSize(30).doesNotContainKey(JARMODE);
        assertThat(named.entrySet().stream().filter(e -> e.getValue().equals(GroupIds.PROJECT)).map(Map.Entry::getKey)
                .toList()).isEqualTo(GROUPLESS.stream().filter(n -> !n.equals(JARMODE)).toList());
        // every line of mvn dependency:list in the fat jar, with its exact purl (the starters, empty jars, are not)
        List<String> inJar = libs(inv).stream().map(Component::purl).filter(p -> p != null).sorted().toList();
        List<String> expected = deps.keySet().stream().filter(a -> !a.startsWith("spring-boot-starter"))
                .map(this::purl).sorted().toList();
        assertThat(inJar).isEqualTo(expected).hasSize(30);
    }

    @Test
    void localRepositoryOnly(@TempDir Path repo) throws IOException {
        // the real jars, copied from the local repository in Maven's layout; half with their .sha1 file, half without
        // (then the jar itself is hashed)
        int i = 0;
        for (String name : GROUPLESS) {
            if (name.equals(JARMODE)) {
                continue;
            }
            String[] d = deps.get(name);
            Path real = LargeFixtures.localRepositoryJar(d[0], d[1], d[2]);
            Path copy = layout(repo, d[0], d[1], d[2]);
            Files.copy(real, copy);
            Path sha1 = real.resolveSibling(real.getFileName() + ".sha1");
            if (i++ % 2 == 0 && Files.isRegularFile(sha1)) {
                Files.copy(sha1, copy.resolveSibling(copy.getFileName() + ".sha1"));
            }
        }
        Inventory inv = inventory(new JavaIdentitySettings(List.of(), repo));
        Map<String, String> named = named(inv);
        assertThat(named).hasSize(30);
        assertThat(named.entrySet().stream().filter(e -> e.getValue().equals(GroupIds.REPOSITORY))
                .map(Map.Entry::getKey).toList())
                .isEqualTo(GROUPLESS.stream().filter(n -> !n.equals(JARMODE)).toList());
    }

    @Test
    void repositoryJarOfOtherBytesNamesNothing(@TempDir Path repo) throws IOException {
        String[] core = deps.get("spring-core");
        String[] beans = deps.get("spring-beans");
        String[] jcl = deps.get("spring-jcl");
        Path realCore = LargeFixtures.localRepositoryJar(core[0], core[1], core[2]);
        Path realBeans = LargeFixtures.localRepositoryJar(beans[0], beans[1], beans[2]);
        // spring-core's name, other bytes of the same size (one byte changed), no .sha1: hashed, differs
        byte[] forged = Files.readAllBytes(realCore);
        forged[forged.length / 2] ^= 1;
        Files.write(layout(repo, core[0], core[1], core[2]), forged);
        // spring-beans's real bytes, but a .sha1 file that names other bytes: the checksum file is what is compared
        Path beansCopy = layout(repo, beans[0], beans[1], beans[2]);
        Files.copy(realBeans, beansCopy);
        Files.writeString(beansCopy.resolveSibling(beansCopy.getFileName() + ".sha1"),
                ImageInventoryTest.sha1(forged), StandardCharsets.US_ASCII);
        // spring-jcl twice: under its real group with its real bytes, and under another group with other bytes
        Files.copy(LargeFixtures.localRepositoryJar(jcl[0], jcl[1], jcl[2]), layout(repo, jcl[0], jcl[1], jcl[2]));
        Files.write(layout(repo, "org.example.forged", jcl[1], jcl[2]), "not spring-jcl".getBytes(StandardCharsets.UTF_8));

        Map<String, Component> byName = libs(inventory(new JavaIdentitySettings(List.of(), repo))).stream()
                .collect(Collectors.toMap(Component::name, c -> c));
        assertThat(byName.get("spring-core").purl()).isNull();
        assertThat(byName.get("spring-core").evidence()).isEqualTo("manifest");
        assertThat(byName.get("spring-beans").purl()).isNull();
        assertThat(byName.get("spring-jcl").purl()).isEqualTo(purl("spring-jcl"));
        assertThat(byName.get("spring-jcl").evidence()).isEqualTo(GroupIds.REPOSITORY);
    }

    /**
     * A pom.xml in the image that declares the jar's artifactId and version names its group (evidence "pom.xml
     * dependency"), after the sha1 sources: a declaration that names another group loses to the project's artifact
     * with the jar's bytes.
     */
    @Test
    void declaredInAPomXmlAfterTheSha1Sources() throws IOException {
        String[] core = deps.get("spring-core");
        Path real = LargeFixtures.localRepositoryJar(core[0], core[1], core[2]);
        byte[] bytes = Files.readAllBytes(real);
        List<JavaArtifact> artifacts = new ArrayList<>(JarReader.read("/app/libs/spring-core-6.2.12.jar",
                new ByteArrayInputStream(bytes), bytes.length));
        byte[] starter = jarWithPomXml("org.example.relocated", "spring-core", "6.2.12");
        artifacts.addAll(JarReader.read("/app/libs/starter-1.0.jar", new ByteArrayInputStream(starter), starter.length));
        assertThat(artifacts.get(0).groupId()).isNull();
        assertThat(artifacts.get(1).declared()).singleElement()
                .satisfies(d -> assertThat(d.groupId()).isEqualTo("org.example.relocated"));

        assertThat(GroupIds.name(artifacts, JavaIdentitySettings.NONE).get(0)).satisfies(a -> {
            assertThat(a.groupId()).isEqualTo("org.example.relocated");
            assertThat(a.evidence()).isEqualTo(GroupIds.DECLARED);
        });
        List<ResolvedArtifact> project = List.of(new ResolvedArtifact(core[0], core[1], core[2], null, real));
        assertThat(GroupIds.name(artifacts, new JavaIdentitySettings(project, null)).get(0)).satisfies(a -> {
            assertThat(a.groupId()).isEqualTo(core[0]);
            assertThat(a.evidence()).isEqualTo(GroupIds.PROJECT);
        });
    }

    /** A jar holding only META-INF/maven/x/starter/pom.xml, which declares GROUP:ARTIFACT:VERSION. */
    private static byte[] jarWithPomXml(String group, String artifact, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("META-INF/maven/x/starter/pom.xml"));
            out.write(("<project><groupId>x</groupId><artifactId>starter</artifactId><version>1.0</version>"
                    + "<dependencies><dependency><groupId>" + group + "</groupId><artifactId>" + artifact
                    + "</artifactId><version>" + version + "</version></dependency></dependencies></project>")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /**
     * The manifest rule, on every jar of the fat jar as java.util.jar reads its MANIFEST.MF: right for the seven it
     * names (Implementation-Vendor-Id extended by Bundle-SymbolicName), silent on the others, among them
     * jakarta.annotation-api (vendor id org.glassfish: wrong) and Tomcat's (symbolic name org.apache.tomcat-embed-core,
     * group org.apache.tomcat.embed). Spring's jars say nothing of their group: the manifest names none of the 14.
     */
    @Test
    void manifestOnly() throws IOException {
        Map<String, String> named = new TreeMap<>();
        try (ZipFile fat = new ZipFile(LargeFixtures.require("inventory-boot-app.jar").toFile())) {
            for (Enumeration<? extends ZipEntry> e = fat.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.getName().startsWith("BOOT-INF/lib/") || entry.isDirectory()) {
                    continue;
                }
                try (ZipInputStream jar = new ZipInputStream(fat.getInputStream(entry))) {
                    String group = GroupIds.manifestGroup(mainAttributes(jar));
                    if (group != null) {
                        named.put(entry.getName().substring("BOOT-INF/lib/".length()), group);
                    }
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (String a : List.of("jackson-annotations", "jackson-core", "jackson-databind", "jackson-datatype-jdk8",
                "jackson-datatype-jsr310", "jackson-module-parameter-names", "log4j-core")) {
            expected.put(a + "-" + deps.get(a)[2] + ".jar", deps.get(a)[0]);
        }
        assertThat(named).isEqualTo(expected);
        assertThat(inventory(JavaIdentitySettings.NONE).components().stream()
                .filter(c -> GroupIds.MANIFEST.equals(c.evidence()))).isEmpty();

        // the real log4j-core 2.14.1 with its META-INF/maven left out: named by its manifest alone, marked as such
        String[] log4j = deps.get("log4j-core");
        byte[] stripped = withoutMavenMetadata(LargeFixtures.localRepositoryJar(log4j[0], log4j[1], log4j[2]));
        List<JavaArtifact> read = JarReader.read("/opt/lib/log4j-core-2.14.1.jar", new ByteArrayInputStream(stripped),
                stripped.length);
        assertThat(read).singleElement().satisfies(a -> {
            assertThat(a.poms()).isEmpty();
            assertThat(a.groupId()).isNull();
        });
        assertThat(GroupIds.name(read, JavaIdentitySettings.NONE)).singleElement().satisfies(a -> {
            assertThat(a.groupId()).isEqualTo("org.apache.logging.log4j");
            assertThat(a.artifactId()).isEqualTo("log4j-core");
            assertThat(a.version()).isEqualTo("2.14.1");
            assertThat(a.evidence()).isEqualTo("manifest Implementation-Vendor-Id");
        });
    }

    /**
     * The manifest rule never names a wrong group on the jars of this test's own class path that sit in Maven's
     * layout (the folder above ARTIFACT/VERSION is the group): among them Apache Commons Compress, whose vendor id is
     * org.apache, which the rule does not take.
     */
    @Test
    void manifestRuleIsNeverWrongOnTheClassPath() throws IOException {
        Path repo = LargeFixtures.localRepository().toAbsolutePath().normalize();
        int right = 0;
        List<String> checked = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath().normalize();
            if (!jar.startsWith(repo) || !jar.toString().endsWith(".jar") || jar.getNameCount() - repo.getNameCount() < 4) {
                continue;
            }
            Path version = jar.getParent();
            Path artifact = version.getParent();
            String group = repo.relativize(artifact.getParent()).toString().replace(java.io.File.separatorChar, '.');
            Map<String, String> manifest;
            try (JarFile f = new JarFile(jar.toFile())) {
                Manifest m = f.getManifest();
                manifest = m == null ? Map.of() : asMap(m.getMainAttributes());
            }
            String named = GroupIds.manifestGroup(manifest);
            checked.add(group + ":" + artifact.getFileName());
            if (named != null) {
                assertThat(named).as(jar.toString()).isEqualTo(group);
                right++;
            }
            if (artifact.getFileName().toString().equals("commons-compress")) {
                assertThat(manifest.get("Implementation-Vendor-Id")).isEqualTo("org.apache");
                assertThat(named).isNull();
            }
        }
        assertThat(checked).contains("org.apache.commons:commons-compress",
                "com.fasterxml.jackson.core:jackson-databind");
        assertThat(right).isGreaterThanOrEqualTo(3); // jackson-core, -databind, -annotations at least
    }

    /** Every source at once, through the check's settings: what the Maven plugin does in a project. */
    @Test
    void everySourceTogether() {
        CheckSettings settings = CheckSettings.builder()
                .image(LargeFixtures.require("inventory-debian.docker.tar").toString())
                .projectArtifacts(resolved()).mavenRepository(LargeFixtures.localRepository().toString()).build();
        Inventory inv = Inventory.from(new ImageCheck(settings, LogSink.NONE).analyse(InventoryCollectors.all()));
        Map<String, String> named = named(inv);
        assertThat(named).hasSize(30);
        Map<String, Long> byEvidence = named.values().stream()
                .collect(Collectors.groupingBy(e -> e, TreeMap::new, Collectors.counting()));
        assertThat(byEvidence).isEqualTo(Map.of("pom.properties", 15L, "manifest Implementation-Title", 2L,
                GroupIds.PROJECT, 13L));
        assertThat(libs(inv).stream().filter(c -> c.purl() == null).map(Component::name).toList())
                .containsExactly(JARMODE);
    }

    /**
     * The Jib layout: every line of mvn dependency:list, starters too, a jar in /app/libs; from the project's artifacts
     * alone or from the local repository alone, each with its exact purl. Alone, the archives name 17 of the 35.
     */
    @Test
    void jibLayoutEveryDependencyHasItsPurl() {
        CheckSettings settings = CheckSettings.builder()
                .image(LargeFixtures.require("inventory-jib-boot.tar").toString())
                .projectArtifacts(resolved()).mavenRepository("none").build();
        ImageAnalysis jib = new ImageCheck(settings, LogSink.NONE).analyse(InventoryCollectors.all());
        Map<String, String> fromProject = jibPurls(Inventory.from(jib));
        assertThat(fromProject.keySet()).containsExactlyInAnyOrderElementsOf(
                deps.keySet().stream().map(this::purl).toList());
        // the five starters (a MANIFEST.MF and licence files) and the 13 Spring and Tomcat jars by their sha1
        assertThat(fromProject.values().stream().filter(GroupIds.PROJECT::equals).count()).isEqualTo(18);

        Map<String, String> fromRepository = jibPurls(Inventory.of(new ImageAnalysis(jib.image(), jib.layers(),
                jib.scans(), jib.size(), jib.compressedSize(), jib.compressedEstimated(), jib.contentSize(),
                jib.collectorIds(), List.of(new JavaIdentitySettings(List.of(), LargeFixtures.localRepository())))));
        assertThat(fromRepository.keySet()).isEqualTo(fromProject.keySet());
        assertThat(fromRepository.values().stream().filter(GroupIds.REPOSITORY::equals).count()).isEqualTo(18);

        Map<String, String> alone = jibPurls(Inventory.of(new ImageAnalysis(jib.image(), jib.layers(), jib.scans(),
                jib.size(), jib.compressedSize(), jib.compressedEstimated(), jib.contentSize(), jib.collectorIds(),
                List.of(JavaIdentitySettings.NONE))));
        assertThat(alone).hasSize(17);
        assertThat(fromProject).containsAllEntriesOf(alone);
    }

    /**
     * A split local repository, as Maven Resolver lays it out with {@code aether.enhancedLocalRepository.split} and
     * {@code splitRemoteRepository} ({@code cached/central/org/springframework/…}; the fixture script resolved the app
     * into one): the same purls as from the project's artifacts, the folders in front of the group no part of it.
     */
    @Test
    void splitLocalRepositoryNamesTheGroupsItsPomsName() {
        Path split = LargeFixtures.require("split-m2");
        assertThat(split.resolve("cached/central/org/springframework/spring-core")).isDirectory();
        CheckSettings settings = CheckSettings.builder()
                .image(LargeFixtures.require("inventory-jib-boot.tar").toString())
                .projectArtifacts(resolved()).mavenRepository("none").build();
        ImageAnalysis jib = new ImageCheck(settings, LogSink.NONE).analyse(InventoryCollectors.all());
        Map<String, String> fromProject = jibPurls(Inventory.from(jib));
        Map<String, String> fromSplit = jibPurls(Inventory.of(new ImageAnalysis(jib.image(), jib.layers(),
                jib.scans(), jib.size(), jib.compressedSize(), jib.compressedEstimated(), jib.contentSize(),
                jib.collectorIds(), List.of(new JavaIdentitySettings(List.of(), split)))));
        assertThat(fromSplit.keySet()).isEqualTo(fromProject.keySet());
        assertThat(fromSplit.keySet()).contains("pkg:maven/org.springframework/spring-core@" + deps.get("spring-core")[2],
                "pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@" + deps.get("tomcat-embed-core")[2]);
        assertThat(fromSplit.values().stream().filter(GroupIds.REPOSITORY::equals).count()).isEqualTo(18);
    }

    /** purl → evidence of the jars in /app/libs that have one; each jar of /app/libs is one of the dependencies. */
    private Map<String, String> jibPurls(Inventory inv) {
        Map<String, String> found = new TreeMap<>();
        for (Component c : inv.javaArtifacts()) {
            if (c.location().startsWith("/app/libs/") && c.purl() != null) {
                assertThat(c.purl()).as(c.location()).isEqualTo(purl(c.name()));
                found.put(c.purl(), c.evidence());
            }
        }
        return found;
    }

    private static Path layout(Path repo, String group, String artifact, String version) throws IOException {
        Path folder = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(folder);
        return folder.resolve(artifact + "-" + version + ".jar");
    }

    private static Map<String, String> mainAttributes(ZipInputStream jar) throws IOException {
        for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
            if (e.getName().equals("META-INF/MANIFEST.MF")) {
                return asMap(new Manifest(jar).getMainAttributes());
            }
        }
        return Map.of();
    }

    private static Map<String, String> asMap(Attributes attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> out.put(k.toString(), v.toString().strip()));
        return out;
    }

    /** The jar rewritten by java.util.zip without its META-INF/maven entries. */
    private static byte[] withoutMavenMetadata(Path jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("META-INF/maven/")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
