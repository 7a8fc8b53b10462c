package io.github.imagehygiene.analysis.inventory;

import java.nio.file.Path;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * One artifact the build resolved (the Maven project's dependencies): a jar in the image whose sha1 equals its file's
 * is this artifact, whatever the jar's name or content says.
 *
 * @param groupId    groupId
 * @param artifactId artifactId
 * @param version    version (Maven's base version: {@code 1.0-SNAPSHOT}, not a snapshot's timestamp)
 * @param classifier classifier, or null for none
 * @param file       the resolved file
 */
public record ResolvedArtifact(String groupId, String artifactId, String version, String classifier, Path file) {
    public ResolvedArtifact {
        if (blank(groupId) || blank(artifactId) || blank(version) || file == null) {
            throw new ConfigurationException("Invalid resolved artifact " + groupId + ":" + artifactId + ":" + version
                    + " (" + file + "): groupId, artifactId, version and file are all needed");
        }
        classifier = blank(classifier) ? null : classifier;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
