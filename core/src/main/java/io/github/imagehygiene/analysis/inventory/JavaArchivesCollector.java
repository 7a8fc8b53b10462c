package io.github.imagehygiene.analysis.inventory;

import java.io.IOException;
import java.io.InputStream;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.HeldMemory;

/**
 * The one reader of Java archives in the layer pass: every jar, war and ear of every layer is read once through
 * {@link JarReader#readArchive}, which identifies it and its nested archives (inventory, SBOM, deniedPackages) and
 * indexes it (Java layering) in the same loop over its zip entries. An archive is held in memory only up to
 * {@link JarReader}'s bound (to read its central directory), else streamed; memory is bounded by {@link JarIndex}'s
 * and {@link JarReader}'s limits. Id {@value #ID}; stateless, so one shared
 * {@link #INSTANCE}, which every analysis needing jars asks for.
 * <p>
 * Why one collector: the layer scanner hands a file larger than its shared-copy limit (8 MiB: any Spring Boot fat
 * jar) to the first collector wanting it only, so two collectors of jars would each miss the large ones in turn.
 */
public final class JavaArchivesCollector implements ContentCollector<JavaArchive> {
    public static final String ID = "java-archives";
    public static final JavaArchivesCollector INSTANCE = new JavaArchivesCollector();

    private JavaArchivesCollector() {
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * The bytes a jar may be held in: a damaged jar can read differently held and streamed, so a value kept under one
     * heap size is not reused under another that would read it the other way.
     */
    @Override
    public String cacheSettings() {
        return JarReader.heldBounds();
    }

    @Override
    public boolean wants(String path, long size) {
        return size > 0 && JarReader.isArchive(path);
    }

    @Override
    public JavaArchive collect(FileEntry entry, InputStream content) throws IOException {
        return kept(JarReader.readArchive(entry.path(), content, entry.size()));
    }

    @Override
    public JavaArchive collect(FileEntry entry, InputStream content, HeldMemory memory) throws IOException {
        return kept(JarReader.readArchive(entry.path(), content, entry.size(), memory));
    }

    private static JavaArchive kept(JavaArchive archive) {
        return archive.index() == null && archive.artifacts().isEmpty() ? null : archive;
    }
}
