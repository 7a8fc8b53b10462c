package io.github.imagehygiene.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.TimeLimit;
import io.github.imagehygiene.image.Platform;

/**
 * Where the image is and how to read it, validated.
 *
 * @param image                  an archive, an OCI layout folder ({@code PATH:TAG} picks a tag) or
 *                               {@code docker://NAME[:TAG|@DIGEST]}
 * @param platform               the platform to pick from a multi-platform index, or null
 * @param dockerHost             the daemon for {@code docker://}, or null for {@code DOCKER_HOST} / the socket
 * @param timeout                the longest the reading may take, or null for no limit
 * @param threads                how many layers are read at once, at least 1
 * @param estimateCompressedSize whether to estimate the gzip size of layers stored uncompressed
 * @param allPlatforms           {@code platform=all}: every platform of a multi-platform index, one check each
 */
public record InputSettings(String image, Platform platform, String dockerHost, Duration timeout, int threads,
        boolean estimateCompressedSize, boolean allPlatforms) {
    /** {@code platform} naming every platform of an index. */
    public static final String ALL = "all";

    /** The reading's time limit unless set. */
    public static final String DEFAULT_TIMEOUT = "30m";

    public InputSettings {
        if (image == null || image.isBlank()) {
            throw new ConfigurationException("No image to check: set <image> (imageHygiene.image)");
        }
        image = image.strip();
        if (threads < 1) {
            throw new ConfigurationException("Invalid value for threads: " + threads
                    + "; use 0 (one per processor) or a positive number");
        }
        if (dockerHost != null && !dockerHost.isBlank()) {
            String problem = DockerDaemon.hostProblem(dockerHost.strip());
            if (problem != null) {
                throw new ConfigurationException("Invalid value for dockerHost: '" + dockerHost + "' " + problem
                        + "; use " + DockerDaemon.HOST_EXAMPLES);
            }
        }
    }

    /**
     * From the parameters as written; null values take their defaults (one thread per processor up to one per 64 MiB of
     * heap, 30 minutes, the estimate on).
     */
    public static InputSettings parse(String image, String platform, String dockerHost, String timeout,
            Integer threads, Boolean estimateCompressedSize) {
        Platform p = null;
        boolean all = platform != null && platform.strip().equalsIgnoreCase(ALL);
        if (platform != null && !platform.isBlank() && !all) {
            p = Platform.parse(platform);
            if (p == null) {
                throw new ConfigurationException("Invalid value for platform: '" + platform
                        + "' is not os/architecture[/variant], e.g. linux/amd64 or linux/arm/v7, or all");
            }
        }
        return new InputSettings(image, p, dockerHost,
                TimeLimit.parse("timeout", timeout == null ? DEFAULT_TIMEOUT : timeout),
                threads == null || threads == 0 ? defaultThreads() : threads,
                estimateCompressedSize == null || estimateCompressedSize, all);
    }

    /** Bytes of heap a layer thread may need (its read-ahead blocks, buffers, the copies its collectors make). */
    static final long HEAP_PER_THREAD = 64L << 20;

    /**
     * One layer thread per processor, but no more than the heap has room for: 64 processors under {@code -Xmx256m}
     * ran out of memory (4 MiB of read-ahead blocks a gzip layer alone), so 4 threads there.
     */
    static int defaultThreads() {
        long byHeap = io.github.imagehygiene.common.Heap.max() / HEAP_PER_THREAD;
        return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byHeap));
    }

    /**
     * The image as a place to open and a tag: "PATH" or "PATH:TAG" (skopeo's oci: syntax) when PATH alone exists;
     * docker:// references as they are.
     *
     * @param path the archive, folder or reference to open
     * @param tag  the ref name to pick in a layout, or null
     */
    public record Location(String path, String tag) {
        public static Location parse(String image) {
            if (image.startsWith(ArchiveSources.DOCKER_PREFIX) || Files.exists(Path.of(image))) {
                return new Location(image, null);
            }
            int colon = image.lastIndexOf(':');
            if (colon > 1 && colon > image.lastIndexOf('/') && colon < image.length() - 1
                    && Files.exists(Path.of(image.substring(0, colon)))) {
                return new Location(image.substring(0, colon), image.substring(colon + 1));
            }
            return new Location(image, null);
        }
    }

    /** The same input, for one platform of the index. */
    public InputSettings forPlatform(Platform one) {
        return new InputSettings(image, one, dockerHost, timeout, threads, estimateCompressedSize, false);
    }

    public Location location() {
        return Location.parse(image);
    }
}
