package io.github.imagehygiene.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens what the user named: an archive file, a layout folder or {@code docker://NAME}. */
public final class ArchiveSources {
    public static final String DOCKER_PREFIX = "docker://";

    private ArchiveSources() {
    }

    /**
     * @param location   a file, a folder, or {@code docker://NAME[:TAG|@DIGEST]}
     * @param dockerHost the daemon for docker:// locations, or null for DOCKER_HOST / the platform default
     */
    public static <T> ArchiveSource<T> open(String location, String dockerHost, BlobScanner<T> scanner) {
        if (location.startsWith(DOCKER_PREFIX)) {
            String reference = location.substring(DOCKER_PREFIX.length());
            if (reference.isBlank()) {
                throw new ImageReadException(location + ": name the image, e.g. docker://my-app:1.0");
            }
            return DockerDaemon.open(reference, dockerHost, scanner);
        }
        return open(Path.of(location), location, scanner);
    }

    public static <T> ArchiveSource<T> open(Path path, String name, BlobScanner<T> scanner) {
        if (Files.isDirectory(path)) {
            return new DirectorySource<>(path, name, scanner);
        }
        if (!Files.isRegularFile(path)) {
            throw new ImageReadException(name + ": no such file or folder");
        }
        Compression outer;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            outer = Compression.detect(in);
        } catch (IOException e) {
            throw new ImageReadException(name + ": cannot read: " + ParallelScan.describe(e), e);
        }
        if (outer == Compression.NONE) {
            return new TarFileSource<>(path, name, scanner);
        }
        // `docker save | gzip` and the like: no random access, so read it front to back once.
        try (InputStream in = outer.decompress(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            return new StreamingTarSource<>(in, name, ArchiveSource.Kind.TAR, scanner);
        } catch (IOException e) {
            throw new ImageReadException(name + ": cannot read: " + ParallelScan.describe(e), e);
        }
    }
}
