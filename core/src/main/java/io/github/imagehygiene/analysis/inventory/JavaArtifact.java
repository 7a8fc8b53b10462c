package io.github.imagehygiene.analysis.inventory;

import java.util.List;
import java.util.Map;

/**
 * One Java archive (jar, war, ear) found in the image, possibly nested in another one, and what identifies it. A
 * plain record, produced by {@link JarReader} in the layer pass.
 *
 * @param path         the file in the image ("/app/app.jar"), or for a nested archive the outer path, "!/" and the
 *                     entry ("/app/app.jar!/BOOT-INF/lib/spring-core-6.2.12.jar")
 * @param parent       the path of the archive it is nested in, or null for a file of the image
 * @param size         bytes of the archive (uncompressed size of the entry, for a nested one)
 * @param storedSize   bytes the archive takes: the file's size, or for a nested one its compressed size in the outer
 *                     archive
 * @param sha1         hex sha1 of the archive's bytes
 * @param groupId      the identified groupId, or null when nothing names it
 * @param artifactId   the identified artifactId (never null: the file name at worst)
 * @param version      the identified version, or null when nothing names it
 * @param classifier   the Maven classifier when a resolved artifact names one, else null
 * @param identifiedBy what the version (and name) came from in the archive itself
 * @param evidence     what identified it, as the inventory, the report and the SBOM say: "pom.properties",
 *                     "manifest Implementation-Title" (Gradle's group#name;version), "manifest", "file name", or,
 *                     once {@link GroupIds} named the groupId, one of its sources
 * @param poms         every pom.properties the archive contains directly (a shaded jar has several)
 * @param manifest     the main-section MANIFEST.MF attributes used for identification and licences
 * @param declared     the dependencies its META-INF/maven/**{@literal /}pom.xml files declare with a literal version
 *                     (location: the pom.xml): the evidence that names the groupId of a sibling jar without
 *                     pom.properties (Spring Boot's starters declare the Spring and Tomcat jars)
 */
public record JavaArtifact(String path, String parent, long size, long storedSize, String sha1, String groupId,
        String artifactId, String version, String classifier, IdentifiedBy identifiedBy, String evidence,
        List<PomProperties> poms, Map<String, String> manifest, List<PomProperties> declared) {

    /** Where a Java archive's identity came from, best first. */
    public enum IdentifiedBy {
        POM_PROPERTIES, MANIFEST, FILE_NAME
    }

    public JavaArtifact {
        poms = List.copyOf(poms);
        manifest = Map.copyOf(manifest);
        declared = List.copyOf(declared);
    }

    /** A copy with the coordinates a source outside the archive named, and that source as its evidence. */
    public JavaArtifact withIdentity(String group, String artifact, String ver, String classifierOrNull,
            String source) {
        return new JavaArtifact(path, parent, size, storedSize, sha1, group, artifact, ver, classifierOrNull,
                identifiedBy, source, poms, manifest, declared);
    }

    /** The pom.properties of libraries merged into this archive (shaded): all but the one that identifies it. */
    public List<PomProperties> embedded() {
        return poms.stream()
                .filter(p -> identifiedBy != IdentifiedBy.POM_PROPERTIES || !p.artifactId().equals(artifactId)
                        || !p.groupId().equals(groupId) || !p.version().equals(version))
                .toList();
    }

    /** The file name: the last path segment. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }
}
