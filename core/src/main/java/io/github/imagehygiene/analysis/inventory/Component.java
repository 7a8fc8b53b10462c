package io.github.imagehygiene.analysis.inventory;

import java.util.List;

/**
 * One inventoried package, OS or Java, as rules, the report and the SBOM see it.
 *
 * @param type         DEB, APK, RPM or MAVEN
 * @param group        the Maven groupId (null when unknown, and for OS packages)
 * @param name         package name or artifactId
 * @param version      the version as its ecosystem writes it (dpkg/rpm with epoch, "1:2.5.1-4"), or null
 * @param purl         the Package URL; null for a Java archive whose groupId nothing names (its sha1 identifies it)
 * @param arch         architecture ("" for Java)
 * @param source       OS: the source package (rpm: its name, without version); Java: ""
 * @param sourceVersion OS: the source package's version (dpkg's {@code Source:} version, else the package's); Java: ""
 * @param licenses     licences where recorded
 * @param bytes        bytes the package accounts for in the final filesystem: an OS package its regular files (hard
 *                     links once); a Java archive its stored bytes less those of the archives nested in it (0 when an
 *                     OS package owns the file, or for a library shaded into another archive)
 * @param files        regular files measured (OS), 1 for an archive, 0 for a shaded library
 * @param recordedSize installed bytes as the package database records them, or -1
 * @param layer        1-based index of the layer the package came from, 0 when unknown
 * @param layerDigest  that layer's digest, or null
 * @param location     where it was found: the database file (OS), the archive path (Java, "!/" for nested ones)
 * @param parent       the archive it is nested or shaded in, or null
 * @param sha1         hex sha1 of a Java archive, or null
 * @param evidence     what identified it: "dpkg status", "apk installed", "rpm sqlite"...; for Java "pom.properties",
 *                     "shaded pom.properties", "manifest Implementation-Title" (Gradle's group#name;version), or where
 *                     the groupId of an archive without pom.properties came from: "project dependency sha1",
 *                     "local repository sha1", "pom.xml dependency", "manifest Implementation-Vendor-Id" (a guess,
 *                     marked as one); without a groupId, what named the version: "manifest" or "file name"
 */
public record Component(PackageType type, String group, String name, String version, String purl, String arch,
        String source, String sourceVersion, List<String> licenses, long bytes, int files, long recordedSize, int layer, String layerDigest,
        String location, String parent, String sha1, String evidence) {

    public Component {
        licenses = List.copyOf(licenses);
    }

    /** "group:name" for Maven when the group is known, else the name. */
    public String displayName() {
        return group == null ? name : group + ":" + name;
    }

    /** A library shaded into another archive (found through its pom.properties only). */
    public boolean shaded() {
        return evidence.equals("shaded pom.properties");
    }
}
