package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.PackageType;
import io.github.imagehygiene.testing.Fixtures;

/** The inventory of whole images, read in the layer pass, against what real tools say about the same images. */
class ImageInventoryTest {

    /** The shared alpine:3.11 `docker save` from trivy's tests: its 14 packages, as trivy's test asserts them. */
    @Test
    void alpine311DockerSave() {
        Path image = Fixtures.shared("pkgdb/rootfs/trivy-alpine-3.11-docker-save.tar.gz");
        Inventory inv = Inventory.from(LargeFixtures.analyse(image));
        List<String> lines = inv.osPackages().stream()
                .map(c -> String.join("\t", c.name(), c.version(), "", "", c.arch(), c.source())).toList();
        assertThat(lines).containsExactlyInAnyOrderElementsOf(
                ExpectedTsv.read(Fixtures.shared("pkgdb/rootfs/trivy-alpine-3.11-docker-save.tar.gz.expected.tsv")));
        assertThat(inv.os().distro()).isEqualTo("alpine-3.11.5");
        assertThat(inv.osPackages()).allSatisfy(c -> {
            assertThat(c.layer()).isEqualTo(1);
            assertThat(c.purl()).startsWith("pkg:apk/alpine/" + c.name() + "@").endsWith("?arch=x86_64&distro=alpine-3.11.5");
        });
        assertThat(inv.osPackages()).filteredOn(c -> c.name().equals("musl")).singleElement()
                .satisfies(c -> assertThat(c.purl()).isEqualTo("pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=alpine-3.11.5"));
    }

    /** Debian 12 from debootstrap, with a fat jar, a shaded jar and a `dpkg --purge` layer on top. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Debian {
        ImageAnalysis analysis;
        Inventory inv;

        @BeforeAll
        void read() {
            analysis = LargeFixtures.analyse(LargeFixtures.require("inventory-debian.docker.tar"));
            inv = Inventory.from(analysis);
        }

        /** dpkg-query -W --admindir=ROOTFS/var/lib/dpkg on the image's exported rootfs: name, version, arch. */
        @Test
        void dpkgListEqualsDpkgQuery() {
            List<String> expected = new ArrayList<>();
            for (String line : LargeFixtures.lines("inventory-debian.dpkg-query.tsv")) {
                String[] f = line.split("\t", -1);
                assertThat(f[4].strip()).isEqualTo("ii");
                String source = f[3].isEmpty() ? f[0] : f[3].split(" ")[0];
                expected.add(String.join("\t", f[0], f[1], f[2], source));
            }
            List<String> actual = inv.osPackages().stream()
                    .map(c -> String.join("\t", c.name(), c.version(), c.arch(), c.source())).toList();
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(actual).hasSize(86).noneMatch(l -> l.startsWith("e2fsprogs\t") || l.startsWith("logsave\t"));
        }

        /** Bytes per package: regular files of its dpkg file list, as stat sees them in the rootfs. */
        @Test
        void bytesPerPackageEqualStat() {
            Map<String, Long> expected = new HashMap<>();
            for (String line : LargeFixtures.lines("inventory-debian.dpkg-bytes.tsv")) {
                String[] f = line.split("\t");
                expected.put(f[0], Long.parseLong(f[1]));
            }
            Map<String, Long> actual = inv.osPackages().stream()
                    .collect(Collectors.toMap(Component::name, Component::bytes));
            assertThat(actual).isEqualTo(expected);
        }

        @Test
        void purlsLayersAndDistro() {
            assertThat(inv.os().distro()).isEqualTo("debian-12");
            Component bash = inv.osPackages().stream().filter(c -> c.name().equals("bash")).findFirst().orElseThrow();
            assertThat(bash.purl()).isEqualTo("pkg:deb/debian/bash@" + bash.version().replace("+", "%2B")
                    + "?arch=amd64&distro=debian-12");
            assertThat(bash.evidence()).isEqualTo("dpkg status");
            // Every package was installed by the base layer; the purge layer rewrote the status file only.
            assertThat(inv.osPackages()).allSatisfy(c -> {
                assertThat(c.layer()).isEqualTo(1);
                assertThat(c.layerDigest()).isEqualTo(analysis.layers().get(0).digest());
            });
            assertThat(inv.osPackages()).filteredOn(c -> c.name().equals("libattr1")).singleElement()
                    .satisfies(c -> assertThat(c.purl()).contains("@1%3A2.5.1-4?"));
        }

        @Test
        void springBootFatJar() throws IOException {
            Path jar = LargeFixtures.require("inventory-boot-app.jar");
            List<Component> java = inv.javaArtifacts();
            Component app = java.stream().filter(c -> c.location().equals("/app/app.jar")).findFirst().orElseThrow();
            assertThat(app.displayName()).isEqualTo("io.github.imagehygiene.fixtures:inventory-boot-app");
            assertThat(app.version()).isEqualTo("1.0.0");
            assertThat(app.evidence()).isEqualTo("pom.properties");
            assertThat(app.sha1()).isEqualTo(sha1(Files.readAllBytes(jar)));
            assertThat(app.purl()).isEqualTo("pkg:maven/io.github.imagehygiene.fixtures/inventory-boot-app@1.0.0");

            List<Component> libs = java.stream().filter(c -> "/app/app.jar".equals(c.parent())).toList();
            // Every BOOT-INF/lib jar (as java.util.zip lists them), with the version Maven resolved for it; the
            // starters (empty jars) are left out by the Spring Boot plugin, which adds its jarmode tools itself.
            Map<String, String> resolved = new HashMap<>();
            for (String dep : LargeFixtures.lines("inventory-boot-app.deps.txt")) {
                String[] f = dep.split(":");
                resolved.put(f[1] + "-" + f[3] + ".jar", f[1] + ":" + f[3]);
            }
            resolved.put("spring-boot-jarmode-tools-3.5.7.jar", "spring-boot-jarmode-tools:3.5.7");
            Set<String> expected = new TreeSet<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/") && !n.endsWith("/"))
                        .forEach(n -> expected.add(resolved.get(n.substring("BOOT-INF/lib/".length()))));
            }
            assertThat(expected).doesNotContainNull();
            Set<String> found = libs.stream().map(c -> c.name() + ":" + c.version())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(found).isEqualTo(expected);
            assertThat(libs).hasSize(31);
            // Group ids: from pom.properties or Gradle's Ivy-style Implementation-Title (micrometer). The Gradle- and
            // Ant-built Spring and Tomcat jars name none, and no pom.xml in the fat jar declares them (the plugin
            // drops the starters): they stay without groupId and purl, identified by version and sha1.
            Map<String, String> groups = new HashMap<>();
            for (String dep : LargeFixtures.lines("inventory-boot-app.deps.txt")) {
                String[] f = dep.split(":");
                groups.put(f[1], f[0]);
            }
            for (Component lib : libs) {
                if (lib.group() != null) {
                    assertThat(lib.group()).as(lib.name()).isEqualTo(groups.get(lib.name()));
                }
            }
            List<String> groupless = List.of("spring-aop", "spring-beans", "spring-boot", "spring-boot-autoconfigure",
                    "spring-boot-jarmode-tools", "spring-context", "spring-core", "spring-expression", "spring-jcl",
                    "spring-web", "spring-webmvc", "tomcat-embed-core", "tomcat-embed-el", "tomcat-embed-websocket");
            assertThat(libs.stream().filter(c -> c.group() == null).map(Component::name).sorted().toList())
                    .isEqualTo(groupless);
            assertThat(libs.stream().filter(c -> c.purl() == null).map(Component::name).sorted().toList())
                    .isEqualTo(groupless);
            assertThat(libs.stream().filter(c -> !c.evidence().equals("pom.properties")).map(Component::name)
                    .sorted().toList()).containsExactly("micrometer-commons", "micrometer-observation", "spring-aop",
                            "spring-beans", "spring-boot", "spring-boot-autoconfigure", "spring-boot-jarmode-tools",
                            "spring-context", "spring-core", "spring-expression", "spring-jcl", "spring-web",
                            "spring-webmvc", "tomcat-embed-core", "tomcat-embed-el", "tomcat-embed-websocket");
            // sha1 and stored size of each nested jar, read back with java.util.zip's random-access reader
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    if (entry.getName().startsWith("BOOT-INF/lib/") && !entry.isDirectory()) {
                        Component lib = libs.stream()
                                .filter(c -> c.location().equals("/app/app.jar!/" + entry.getName())).findFirst()
                                .orElseThrow();
                        try (InputStream in = zip.getInputStream(entry)) {
                            assertThat(lib.sha1()).as(entry.getName()).isEqualTo(sha1(in.readAllBytes()));
                        }
                        assertThat(lib.bytes()).isEqualTo(entry.getCompressedSize());
                        assertThat(lib.layer()).isEqualTo(2);
                    }
                }
            }
            // The fat jar's own bytes and its libraries' add up to the file
            assertThat(app.bytes() + libs.stream().mapToLong(Component::bytes).sum()).isEqualTo(Files.size(jar));
        }

        @Test
        void shadedJarListsEveryPomProperties() throws IOException {
            String path = "/opt/tools/inventory-shaded-app-2.1.0.jar";
            Component shaded = inv.javaArtifacts().stream().filter(c -> c.location().equals(path)).findFirst()
                    .orElseThrow();
            assertThat(shaded.purl()).isEqualTo("pkg:maven/io.github.imagehygiene.fixtures/inventory-shaded-app@2.1.0");
            assertThat(shaded.sha1()).isEqualTo(sha1(Files.readAllBytes(LargeFixtures.require("inventory-shaded-app.jar"))));
            List<String> inside = inv.javaArtifacts().stream().filter(c -> path.equals(c.parent()))
                    .map(c -> c.group() + ":" + c.name() + ":" + c.version() + " " + c.evidence()).sorted().toList();
            List<String> expected = LargeFixtures.lines("inventory-shaded-app.deps.txt").stream()
                    .map(d -> d.split(":")).map(f -> f[0] + ":" + f[1] + ":" + f[3] + " shaded pom.properties")
                    .sorted().toList();
            assertThat(inside).isEqualTo(expected).hasSize(3);
        }

        @Test
        void attributionAddsUp() {
            long sum = inv.components().stream().mapToLong(Component::bytes).sum();
            assertThat(sum).isEqualTo(inv.attributedBytes());
            assertThat(inv.unattributedBytes()).isGreaterThanOrEqualTo(0);
            assertThat(inv.fileBytes()).isEqualTo(analysis.filesystem().nodes().stream()
                    .filter(n -> n.entry().type() == io.github.imagehygiene.layer.EntryType.FILE)
                    .mapToLong(n -> n.entry().size()).sum());
            assertThat(inv.largest(3)).extracting(Component::name).doesNotHaveDuplicates().hasSize(3);
        }
    }

    /** Alpine 3.20.3 from the official minirootfs, with `apk del alpine-keys` on top. */
    @Test
    void alpine320AgainstApkInfo() {
        ImageAnalysis analysis = LargeFixtures.analyse(LargeFixtures.require("inventory-alpine.docker.tar"));
        Inventory inv = Inventory.from(analysis);
        assertThat(inv.osPackages().stream().map(c -> c.name() + "-" + c.version()).toList())
                .containsExactlyInAnyOrderElementsOf(LargeFixtures.lines("inventory-alpine.apk-info.txt"))
                .hasSize(13);
        assertThat(inv.os().distro()).isEqualTo("alpine-3.20.3");
        assertThat(inv.osPackages()).allSatisfy(c -> {
            assertThat(c.layer()).isEqualTo(1);
            assertThat(c.type()).isEqualTo(PackageType.APK);
            assertThat(c.evidence()).isEqualTo("apk installed");
        });
        assertThat(inv.osPackages()).filteredOn(c -> c.name().equals("busybox")).singleElement().satisfies(c -> {
            assertThat(c.licenses()).containsExactly("GPL-2.0-only");
            assertThat(c.files()).isGreaterThan(0);
            assertThat(c.bytes()).isGreaterThan(0);
        });
    }

    /** The same Spring Boot app laid out by Jib: one jar per library in /app/libs. */
    @Test
    void jibLayout() {
        Inventory inv = Inventory.from(LargeFixtures.analyse(LargeFixtures.require("inventory-jib-boot.tar")));
        Set<String> expected = LargeFixtures.lines("inventory-boot-app.deps.txt").stream().map(d -> d.split(":"))
                .map(f -> f[1] + ":" + f[3]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> found = inv.javaArtifacts().stream().filter(c -> c.location().startsWith("/app/libs/"))
                .map(c -> c.name() + ":" + c.version()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).isEqualTo(expected);
        assertThat(inv.osPackages()).isEmpty();
    }

    /** The console's table names every row: a coordinate too wide for its column keeps its artifact whole. */
    @Test
    void jibTableNamesEveryLibrary() {
        ImageAnalysis analysis = LargeFixtures.analyse(LargeFixtures.require("inventory-jib-boot.tar"));
        List<String> rows = io.github.imagehygiene.report.sbom.InventoryReport.consoleLines(analysis, 40).stream()
                .skip(2).toList();
        // mvn dependency:list: com.fasterxml.jackson.core:jackson-databind, 51 characters with " (maven)" (its
        // pom.properties names the group; Spring's jars have none, and no project or repository is given here)
        String version = LargeFixtures.lines("inventory-boot-app.deps.txt").stream()
                .filter(d -> d.startsWith("com.fasterxml.jackson.core:jackson-databind:")).findFirst()
                .orElseThrow().split(":")[3];
        assertThat(rows).anySatisfy(r -> assertThat(r).matches(
                " +[0-9.]+ [KM]?B  \\.\\.\\.:jackson-databind \\(maven\\) +" + version.replace(".", "\\.") + " +#1"));
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("  org.apache.logging.log4j:log4j-core (maven)  "));
        assertThat(rows).noneMatch(r -> r.matches(" +[0-9.]+ [KM]?B  \\.\\.\\. .*"));
    }

    static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
