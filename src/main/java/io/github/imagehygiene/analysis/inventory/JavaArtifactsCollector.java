package io.github.imagehygiene.analysis.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Reads every jar, war and ear of every layer during the layer pass, streaming (nothing is buffered but the
 * metadata), and keeps a plain list of {@link JavaArtifact} records per file: the archive, then its nested ones.
 * Stateless, so thread-safe. Designed to be merged with the jar index of the Spring Boot layering analysis: both read
 * the same entries in the same pass.
 */
public final class JavaArtifactsCollector implements ContentCollector<List<JavaArtifact>> {
    public static final String ID = "java-artifacts";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean wants(String path, long size) {
        return size > 0 && JarReader.isArchive(path);
    }

    @Override
    public List<JavaArtifact> collect(FileEntry entry, InputStream content) throws IOException {
        List<JavaArtifact> found = JarReader.read(entry.path(), content, entry.size());
        return found.isEmpty() ? null : found;
    }
}
