package io.github.imagehygiene.analysis.inventory;

/**
 * One {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} found in a jar.
 *
 * @param groupId    groupId
 * @param artifactId artifactId
 * @param version    version
 * @param location   where it sits in the jar, e.g. META-INF/maven/org.apache.commons/commons-lang3/pom.properties
 */
public record PomProperties(String groupId, String artifactId, String version, String location) {
}
