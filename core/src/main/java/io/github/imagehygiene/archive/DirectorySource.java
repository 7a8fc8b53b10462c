package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.ImageReadException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** An OCI layout (or an unpacked docker save) in a folder; every file must resolve inside the folder. */
final class DirectorySource<T> implements ArchiveSource<T> {
    private final Path root;
    private final String name;
    private final BlobScanner<T> scanner;
    private final Deadline deadline;

    DirectorySource(Path root, String name, BlobScanner<T> scanner, Deadline deadline) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new ImageReadException(name + ": cannot read the folder: " + ParallelScan.describe(e), e);
        }
        this.name = name;
        this.scanner = scanner;
        this.deadline = deadline;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.DIRECTORY;
    }

    @Override
    public boolean exists(String path) {
        return Files.isRegularFile(root.resolve(path), LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(root.resolve(path));
    }

    /** The file behind a path, refusing symlinks that lead outside the folder. */
    private Path resolve(String path) {
        Path p = root.resolve(path);
        if (!Files.exists(p)) {
            throw new ImageReadException(name + ": " + path + " is missing from the layout");
        }
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(root)) {
                throw new ImageReadException(name + ": " + path + " is a link leading outside the layout folder (to "
                        + real + "); refusing to read it");
            }
            if (!Files.isRegularFile(real)) {
                throw new ImageReadException(name + ": " + path + " is not a regular file");
            }
            return real;
        } catch (IOException e) {
            throw new ImageReadException(name + ": " + path + ": " + ParallelScan.describe(e), e);
        }
    }

    @Override
    public byte[] read(String path) {
        Path p = resolve(path);
        try {
            if (Files.size(p) > MAX_METADATA_BYTES) {
                throw new ImageReadException(name + ": " + path + " is too large for image metadata");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ImageReadException(name + ": " + path + ": " + ParallelScan.describe(e), e);
        }
    }

    @Override
    public List<T> scan(List<String> paths, int threads) {
        for (String p : paths) {
            resolve(p);
        }
        return ParallelScan.run(name, paths, threads, this::open, scanner, deadline);
    }

    private InputStream open(String path) throws IOException {
        return new BufferedInputStream(Files.newInputStream(resolve(path)), 1 << 16);
    }

    @Override
    public void close() {
        // nothing held open
    }
}
