package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.TimeLimitException;
import io.github.imagehygiene.common.ImageReadException;
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
        return open(location, dockerHost, scanner, Deadline.none());
    }

    /**
     * @param location   a file, a folder, or {@code docker://NAME[:TAG|@DIGEST]}
     * @param dockerHost the daemon for docker:// locations, or null for DOCKER_HOST / the platform default
     * @param deadline   the run's time limit: reading past it fails with {@link TimeLimitException}
     */
    public static <T> ArchiveSource<T> open(String location, String dockerHost, BlobScanner<T> scanner,
            Deadline deadline) {
        if (location.startsWith(DOCKER_PREFIX)) {
            String reference = location.substring(DOCKER_PREFIX.length());
            if (reference.isBlank()) {
                throw new ImageReadException(location + ": name the image, e.g. docker://my-app:1.0");
            }
            return DockerDaemon.open(reference, dockerHost, scanner, deadline.forSource(location));
        }
        Path path;
        try {
            path = Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ImageReadException(location + ": not a valid path: " + ParallelScan.describe(e), e);
        }
        return open(path, location, scanner, deadline);
    }

    public static <T> ArchiveSource<T> open(Path path, String name, BlobScanner<T> scanner) {
        return open(path, name, scanner, Deadline.none());
    }

    public static <T> ArchiveSource<T> open(Path path, String name, BlobScanner<T> scanner, Deadline limit) {
        Deadline deadline = limit.forSource(name);
        if (Files.isDirectory(path)) {
            return new DirectorySource<>(path, name, scanner, deadline);
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
            return new TarFileSource<>(path, name, scanner, deadline);
        }
        // `docker save | gzip` and the like: no random access, so read it front to back once.
        try (InputStream in = outer.decompress(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            return new StreamingTarSource<>(in, name, ArchiveSource.Kind.TAR, scanner, deadline);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageReadException) {
                throw (ImageReadException) e;
            }
            throw new ImageReadException(name + ": not a readable " + outer.id() + " stream: "
                    + ParallelScan.describe(e), e);
        }
    }
}
