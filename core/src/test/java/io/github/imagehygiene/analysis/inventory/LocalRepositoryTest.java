package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local repository lists folders only on the way to the wanted ARTIFACT/VERSION folders and names what a walk of
 * every file names: checked on the real local repository against {@link Files#walk} and the jars' own bytes, and on
 * the layouts its listing treats apart and the poms that name a group, with a real jar copied in.
 */
class LocalRepositoryTest {

    @Test
    void namesWhatAWalkOfEveryFileNames() throws IOException {
        Path root = JarReaderDirectoryTest.repositoryRoot();
        // ARTIFACT/VERSION → every GROUP/ARTIFACT/VERSION/ARTIFACT-VERSION.jar, by a walk that stats every file
        Map<String, List<Path>> walked = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(jar -> {
                Path rel = root.relativize(jar);
                int n = rel.getNameCount();
                if (n < 4 || n > LocalRepository.MAX_DEPTH || rel.toString().startsWith(".")) {
                    return;
                }
                String artifact = rel.getName(n - 3).toString();
                String version = rel.getName(n - 2).toString();
                if (rel.getFileName().toString().equals(artifact + "-" + version + ".jar")) {
                    walked.computeIfAbsent(artifact + "/" + version, k -> new ArrayList<>()).add(jar);
                }
            });
        }
        assertThat(walked).as("ARTIFACT/VERSION jars in " + root).hasSizeGreaterThan(100);
        // every other one wanted: the others' version folders are not listed, and must not be missed for it
        List<String> keys = new ArrayList<>(walked.keySet());
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < keys.size(); i += 2) {
            wanted.add(keys.get(i));
        }
        LocalRepository repository = new LocalRepository(root, wanted);
        int named = 0;
        for (String key : wanted) {
            String[] av = key.split("/");
            Path first = walked.get(key).get(0);
            String sha1 = sha1(Files.readAllBytes(first));
            Set<String> expected = new TreeSet<>();
            for (Path jar : walked.get(key)) {
                if (sha1(Files.readAllBytes(jar)).equals(sha1)) {
                    expected.add(root.relativize(jar.getParent().getParent().getParent()).toString()
                            .replace(java.io.File.separatorChar, '.'));
                }
            }
            assertThat(repository.groupsOf(av[0], av[1], sha1, Files.size(first))).as(key).isEqualTo(expected);
            named++;
        }
        assertThat(named).isGreaterThan(50);
        String notWanted = keys.get(1);
        assertThatThrownBy(() -> repository.groupsOf(notWanted.split("/")[0], notWanted.split("/")[1], "0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was not wanted");
    }

    @Test
    void layoutsTheListingTreatsApart(@TempDir Path root) throws IOException {
        Path real = JarReaderDirectoryTest.repositoryJars().get(0);
        byte[] bytes = Files.readAllBytes(real);
        String sha1 = sha1(bytes);
        String[][] placed = {
            {"com/3dsystems", "tool", "1.0"}, // a segment starting with a digit, not a version
            {"org/example", "legacy", "r09"}, // a version not starting with a digit
            {"org/a", "dup", "1.0"}, {"org/b", "dup", "1.0"}, // the same bytes under two groups
            {"a/b/c/d/e/f/g/h/i", "deep", "1.0"}, // nine segments: the deepest seen
            {"a/b/c/d/e/f/g/h/i/j", "deeper", "1.0"}, // ten
            {"org/example/2024", "dated", "1.0"}, // a segment named like a version (not entered: not wanted as one)
            {"org/webjars/npm", "2-thenable", "1.0.0"}, // an artifactId named like a version
            {"com/example", "settings.xml", "1.0"}, // an artifactId named like a file Maven writes
            {".cache/org/example", "hidden", "1.0"},
        };
        Set<String> wanted = new HashSet<>();
        for (String[] p : placed) {
            Path folder = root.resolve(p[0]).resolve(p[1]).resolve(p[2]);
            Files.createDirectories(folder);
            Files.write(folder.resolve(p[1] + "-" + p[2] + ".jar"), bytes);
            wanted.add(LocalRepository.key(p[1], p[2]));
        }
        Files.createDirectories(root.resolve("top/1.0"));
        Files.write(root.resolve("top/1.0/top-1.0.jar"), bytes); // no group above it
        wanted.add(LocalRepository.key("top", "1.0"));
        // files Maven and others leave beside the folders, and a version folder no one asked for
        Files.writeString(root.resolve("org/example/legacy/maven-metadata-central.xml"), "<metadata/>");
        Files.writeString(root.resolve("org/example/notes.txt"), "not a folder");
        Files.createDirectories(root.resolve("org/example/legacy/2.0"));
        Files.write(root.resolve("org/example/legacy/2.0/legacy-2.0.jar"), bytes);

        LocalRepository repository = new LocalRepository(root, wanted);
        long size = bytes.length;
        assertThat(repository.groupsOf("tool", "1.0", sha1, size)).containsExactly("com.3dsystems");
        assertThat(repository.groupsOf("legacy", "r09", sha1, size)).containsExactly("org.example");
        assertThat(repository.groupsOf("dup", "1.0", sha1, size)).containsExactly("org.a", "org.b");
        assertThat(repository.groupsOf("deep", "1.0", sha1, size)).containsExactly("a.b.c.d.e.f.g.h.i");
        assertThat(repository.groupsOf("deeper", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("dated", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("2-thenable", "1.0.0", sha1, size)).containsExactly("org.webjars.npm");
        assertThat(repository.groupsOf("settings.xml", "1.0", sha1, size)).containsExactly("com.example");
        assertThat(repository.groupsOf("hidden", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("top", "1.0", sha1, size)).isEmpty();
        // other bytes' sha1, or another size: nothing
        assertThat(repository.groupsOf("tool", "1.0", sha1(new byte[] {1}), size)).isEmpty();
        assertThat(repository.groupsOf("tool", "1.0", "0".repeat(40), size + 1)).isEmpty();
        assertThatThrownBy(() -> repository.groupsOf("legacy", "2.0", sha1, size))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The pom beside the jar says where the group's path starts (Maven Resolver's split repository puts folders in
     * front of it) and must agree with the folders; without a pom, the folders are the group.
     */
    @Test
    void thePomBesideTheJarNamesTheGroup(@TempDir Path root) throws IOException {
        byte[] bytes = Files.readAllBytes(JarReaderDirectoryTest.repositoryJars().get(0));
        String sha1 = sha1(bytes);
        String[][] placed = {
            // folders, artifact, the pom's text (null: no pom)
            {"cached/central/org/example", "prefixed", "<project><groupId>org.example</groupId></project>"},
            {"installed/org/kid", "child", "<project><parent><groupId>org.kid</groupId></parent></project>"},
            {"org/own", "both", "<project><parent><groupId>org</groupId></parent><groupId>org.own</groupId></project>"},
            {"org/other", "claims", "<project><groupId>org.example</groupId></project>"},
            {"org/tail", "longer", "<project><groupId>x.org.tail</groupId></project>"},
            {"org/prop", "placeholder", "<project><groupId>${group}</groupId></project>"},
            {"org/none", "silent", "<project><artifactId>silent</artifactId></project>"},
            {"org/cut", "cut", "<project><groupId>org.cut</groupId>"},
            {"org/bare", "bare", null},
            {"cached/central/org/nopom", "lib", null}, // behind split prefixes, no pom to say where the group starts
            {"com/acme/tools", "tail", "<project><groupId>tools</groupId></project>"}, // no split prefix in front
            {"org/inherit", "inherits", "<project><parent><groupId>org.inherit</groupId></parent>"
                    + "<groupId>${project.parent.groupId}</groupId></project>"},
            {"org/doctype", "doctype", "<!DOCTYPE project><project><groupId>org.doctype</groupId></project>"},
        };
        Set<String> wanted = new HashSet<>();
        for (String[] p : placed) {
            Path folder = root.resolve(p[0]).resolve(p[1]).resolve("1.0");
            Files.createDirectories(folder);
            Files.write(folder.resolve(p[1] + "-1.0.jar"), bytes);
            if (p[2] != null) {
                Files.writeString(folder.resolve(p[1] + "-1.0.pom"), p[2]);
            }
            wanted.add(LocalRepository.key(p[1], "1.0"));
        }
        LocalRepository repository = new LocalRepository(root, wanted);
        long size = bytes.length;
        assertThat(repository.groupsOf("prefixed", "1.0", sha1, size)).containsExactly("org.example");
        assertThat(repository.groupsOf("child", "1.0", sha1, size)).containsExactly("org.kid");
        assertThat(repository.groupsOf("both", "1.0", sha1, size)).containsExactly("org.own");
        assertThat(repository.groupsOf("claims", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("longer", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("placeholder", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("silent", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("cut", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("bare", "1.0", sha1, size)).containsExactly("org.bare");
        assertThat(repository.groupsOf("lib", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("tail", "1.0", sha1, size)).isEmpty();
        assertThat(repository.groupsOf("inherits", "1.0", sha1, size)).containsExactly("org.inherit");
        assertThat(repository.groupsOf("doctype", "1.0", sha1, size)).isEmpty(); // DTDs are not read
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
