package io.github.imagehygiene.analysis.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Names the groupId of the Java archives whose own metadata names none (no pom.properties, no Gradle
 * {@code group#name;version} title: Spring Framework's, Spring Boot's and Tomcat's jars), from these sources, most
 * certain first; the first that names exactly one groupId wins, and becomes the archive's evidence:
 * <ol>
 * <li>{@value #PROJECT}: a resolved artifact of the project whose file has the archive's sha1 (its coordinates, as
 * Maven resolved them, replace what the file name said);
 * <li>{@value #REPOSITORY}: {@code GROUP/ARTIFACT/VERSION/ARTIFACT-VERSION.jar} in the Maven local repository, for the
 * artifactId and version the archive's file name or MANIFEST.MF says, with the archive's sha1 (the {@code .jar.sha1}
 * file's, else the jar's own); a jar of the same name and other bytes names nothing;
 * <li>{@value #DECLARED}: a pom.xml in the image declares exactly this artifactId and version under one groupId
 * (Spring Boot's starters declare the Spring and Tomcat jars);
 * <li>{@value #MANIFEST}: a guess, marked as one: Implementation-Vendor-Id when Bundle-SymbolicName extends it
 * ({@code VENDOR.…}) and it has three segments or more. Either alone is wrong too often on real jars to be taken:
 * Implementation-Vendor-Id is org.apache for many Apache Commons jars and org.glassfish for jakarta.annotation-api,
 * Bundle-SymbolicName org.apache.tomcat-embed-core for org.apache.tomcat.embed and com.google.guava for guava.
 * </ol>
 * Nothing found, the archive keeps no groupId and no purl: never a guess that is not marked as one.
 */
public final class GroupIds {
    public static final String PROJECT = "project dependency sha1";
    public static final String REPOSITORY = "local repository sha1";
    public static final String DECLARED = "pom.xml dependency";
    public static final String MANIFEST = "manifest Implementation-Vendor-Id";
    /** A reverse domain of three segments or more: com.fasterxml.jackson.core, not org.apache. */
    private static final Pattern GROUP_OF_THREE = Pattern.compile("[A-Za-z0-9_\\-]++(?:\\.[A-Za-z0-9_\\-]++){2,}+");

    private final JavaIdentitySettings settings;
    private Map<String, List<ResolvedArtifact>> projectBySha1;
    /** The archives without groupId: the repository is listed for their names alone. */
    private List<JavaArtifact> open;
    private LocalRepository repository;

    private GroupIds(JavaIdentitySettings settings) {
        this.settings = settings;
    }

    /** The archives, those without groupId named where a source names one; same order. */
    public static List<JavaArtifact> name(List<JavaArtifact> artifacts, JavaIdentitySettings settings) {
        return new GroupIds(settings).nameAll(artifacts);
    }

    private List<JavaArtifact> nameAll(List<JavaArtifact> artifacts) {
        List<JavaArtifact> out = new ArrayList<>(artifacts);
        open = artifacts.stream().filter(a -> a.groupId() == null).toList();
        Set<Long> openSizes = new HashSet<>();
        for (JavaArtifact a : open) {
            openSizes.add(a.size());
        }
        if (openSizes.isEmpty()) {
            return out;
        }
        Map<String, Set<String>> declared = new HashMap<>();
        for (JavaArtifact a : artifacts) {
            for (PomProperties d : a.declared()) {
                declared.computeIfAbsent(d.artifactId() + ":" + d.version(), k -> new TreeSet<>()).add(d.groupId());
            }
        }
        for (int i = 0; i < out.size(); i++) {
            JavaArtifact a = out.get(i);
            if (a.groupId() != null) {
                continue;
            }
            JavaArtifact named = fromProject(a, openSizes);
            if (named == null) {
                named = fromRepository(a);
            }
            if (named == null) {
                Set<String> groups = declared.get(a.artifactId() + ":" + a.version());
                if (groups != null && groups.size() == 1) {
                    named = a.withIdentity(groups.iterator().next(), a.artifactId(), a.version(), null, DECLARED);
                }
            }
            if (named == null) {
                String group = manifestGroup(a.manifest());
                if (group != null) {
                    named = a.withIdentity(group, a.artifactId(), a.version(), null, MANIFEST);
                }
            }
            if (named != null) {
                out.set(i, named);
            }
        }
        return out;
    }

    private JavaArtifact fromProject(JavaArtifact a, Set<Long> sizes) {
        if (settings.projectArtifacts().isEmpty() || a.sha1() == null) {
            return null;
        }
        List<ResolvedArtifact> same = projectBySha1(sizes).getOrDefault(a.sha1(), List.of());
        Map<String, ResolvedArtifact> distinct = new LinkedHashMap<>();
        for (ResolvedArtifact r : same) {
            distinct.putIfAbsent(r.groupId() + ":" + r.artifactId() + ":" + r.version() + ":" + r.classifier(), r);
        }
        if (distinct.size() > 1) {
            // the same bytes under two coordinates (a relocation): the one the archive's own name agrees with
            distinct.values().removeIf(r -> !r.artifactId().equals(a.artifactId()) || !r.version().equals(a.version()));
        }
        if (distinct.size() != 1) {
            return null;
        }
        ResolvedArtifact r = distinct.values().iterator().next();
        return a.withIdentity(r.groupId(), r.artifactId(), r.version(), r.classifier(), PROJECT);
    }

    /**
     * The project's artifacts by sha1; only the files whose size is that of an archive without groupId are hashed
     * (other sizes cannot have its sha1).
     */
    private Map<String, List<ResolvedArtifact>> projectBySha1(Set<Long> sizes) {
        if (projectBySha1 != null) {
            return projectBySha1;
        }
        projectBySha1 = new HashMap<>();
        Map<Path, String> hashed = new HashMap<>();
        for (ResolvedArtifact r : settings.projectArtifacts()) {
            Path file = r.file();
            try {
                if (!Files.isRegularFile(file) || !sizes.contains(Files.size(file))) {
                    continue; // a reactor module's classes folder, or other bytes
                }
                String sha1 = hashed.get(file);
                if (sha1 == null) {
                    try (InputStream in = Files.newInputStream(file)) {
                        sha1 = Sha1.of(in);
                    }
                    hashed.put(file, sha1);
                }
                projectBySha1.computeIfAbsent(sha1, k -> new ArrayList<>()).add(r);
            } catch (IOException e) {
                // unreadable: names nothing
            }
        }
        return projectBySha1;
    }

    private JavaArtifact fromRepository(JavaArtifact a) {
        if (settings.mavenRepository() == null || a.sha1() == null) {
            return null;
        }
        if (repository == null) {
            Set<String> wanted = new HashSet<>();
            for (JavaArtifact o : open) {
                for (List<String> c : repositoryNames(o)) {
                    wanted.add(LocalRepository.key(c.get(0), c.get(1)));
                }
            }
            repository = new LocalRepository(settings.mavenRepository(), wanted);
        }
        String group = null;
        List<String> named = null;
        for (List<String> c : repositoryNames(a)) {
            TreeSet<String> groups = repository.groupsOf(c.get(0), c.get(1), a.sha1(), a.size());
            for (String g : groups) {
                if (group != null && !group.equals(g)) {
                    return null; // the same bytes under two groupIds: none is certain
                }
                group = g;
                named = c;
            }
        }
        return group == null ? null : a.withIdentity(group, named.get(0), named.get(1), null, REPOSITORY);
    }

    /**
     * The artifactId and version to look for in the local repository: what the MANIFEST.MF and what the file name say
     * (Spring's Implementation-Version agrees with its name).
     */
    private static Set<List<String>> repositoryNames(JavaArtifact a) {
        Set<List<String>> names = new LinkedHashSet<>();
        if (a.version() != null) {
            names.add(List.of(a.artifactId(), a.version()));
        }
        String[] file = JarReader.nameAndVersion(a.fileName());
        if (file != null) {
            names.add(List.of(file[0], file[1]));
        }
        return names;
    }

    /**
     * Implementation-Vendor-Id when Bundle-SymbolicName extends it and it has three segments or more
     * (com.fasterxml.jackson.core + com.fasterxml.jackson.core.jackson-databind; org.apache.logging.log4j +
     * org.apache.logging.log4j.core), else null.
     */
    public static String manifestGroup(Map<String, String> manifest) {
        String vendorId = manifest.get("Implementation-Vendor-Id");
        String symbolicName = manifest.get("Bundle-SymbolicName");
        if (vendorId == null || symbolicName == null) {
            return null;
        }
        String v = vendorId.strip();
        String bsn = symbolicName.split(";")[0].strip();
        return GROUP_OF_THREE.matcher(v).matches() && bsn.startsWith(v + ".") ? v : null;
    }
}
