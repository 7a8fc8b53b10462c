package io.github.imagehygiene.analysis.inventory;

import java.util.List;

/**
 * What {@link JavaArchivesCollector} keeps of one jar, war or ear of a layer, from one read: its index for
 * the Java layering analysis and its identity (and its nested archives') for the inventory and the SBOM.
 *
 * @param path      the file's path in the image
 * @param index     the archive's {@link JarIndex}, or null when its zip could not be read to the end (damaged)
 * @param artifacts the archive, then the archives nested in it, depth first in entry order (see
 *                  {@link JarReader#read}); empty when the file is no zip at all, whatever its name
 */
public record JavaArchive(String path, JarIndex index, List<JavaArtifact> artifacts) {
    public JavaArchive {
        artifacts = List.copyOf(artifacts);
    }
}
