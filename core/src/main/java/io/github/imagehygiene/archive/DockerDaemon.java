package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.ImageReadException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/** Streams {@code docker save} of one image from a Docker daemon (DOCKER_HOST, or the host given). */
final class DockerDaemon {
    /** Addresses of a Docker daemon, as a message suggests them. */
    static final String HOST_EXAMPLES =
            "unix:///var/run/docker.sock, tcp://HOST:2375 or npipe:////./pipe/docker_engine";

    /**
     * What is wrong with a daemon's address, or null: the client takes unix, tcp and npipe addresses only (with any
     * other it failed inside itself, a NullPointerException for {@code notaurl}).
     */
    static String hostProblem(String host) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(host);
        } catch (java.net.URISyntaxException e) {
            return "is not an address";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "unix":
                return uri.getPath() != null && uri.getPath().startsWith("/") ? null
                        : "names no absolute socket path (unix:///path/to/docker.sock)";
            case "npipe":
                return uri.getPath() != null && !uri.getPath().isEmpty() ? null : "names no pipe";
            case "tcp":
                return uri.getHost() != null ? null : "names no host (tcp://HOST:PORT)";
            default:
                return scheme.isEmpty() ? "is not an address: it has no scheme"
                        : "has the scheme " + scheme + ", which is not unix, tcp or npipe";
        }
    }

    private DockerDaemon() {
    }

    /** How long past the limit the caller waits for the reader's own, more precise, time-limit error. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * Opens the image; with a time limit, on a thread of its own. docker-java reads a Unix socket through JNA, and a
     * read blocked there ends neither by interrupting the thread nor by closing the stream from another thread (closing
     * a chunked HTTP body even reads it to its end first): a daemon that stops answering would hold the build forever.
     * So the caller waits until the limit and then fails; the stuck reader is a daemon thread, left to end when its
     * socket does (at the latest when Maven's JVM exits).
     */
    static <T> ArchiveSource<T> open(String reference, String dockerHost, BlobScanner<T> scanner, Deadline deadline) {
        if (deadline.limit() == null) {
            return openNow(reference, dockerHost, scanner, deadline, new AtomicReference<>());
        }
        AtomicReference<String> activity = new AtomicReference<>("connecting to the Docker daemon");
        CompletableFuture<ArchiveSource<T>> opened = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                opened.complete(openNow(reference, dockerHost, scanner, deadline, activity));
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, "image-hygiene-docker-" + reference);
        reader.setDaemon(true);
        reader.start();
        try {
            return opened.get(deadline.remainingNanos() + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            // a source that opened just now is closed, not leaked
            opened.thenAccept(DockerDaemon::closeQuietly);
            throw deadline.exceeded(activity.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ImageReadException("docker://" + reference + ": " + ParallelScan.describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.interrupt();
            throw new ImageReadException("docker://" + reference + ": interrupted while reading from the Docker daemon",
                    e);
        }
    }

    private static void closeQuietly(ArchiveSource<?> source) {
        try {
            source.close();
        } catch (RuntimeException ignored) {
            // nothing was read from it
        }
    }

    private static <T> ArchiveSource<T> openNow(String reference, String dockerHost, BlobScanner<T> scanner,
            Deadline deadline, AtomicReference<String> activity) {
        String name = "docker://" + reference;
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null && !dockerHost.isBlank()) {
            builder.withDockerHost(dockerHost);
        }
        DockerClientConfig config;
        try {
            config = builder.build();
        } catch (RuntimeException e) {
            throw new ImageReadException(name + ": invalid Docker configuration: " + ParallelScan.describe(e), e);
        }
        String problem = hostProblem(String.valueOf(config.getDockerHost()));
        if (problem != null) { // DOCKER_HOST (the parameter was checked with the settings)
            throw new ConfigurationException(name + ": the Docker daemon's address '" + config.getDockerHost() + "' "
                    + problem + "; set DOCKER_HOST or imageHygiene.dockerHost to " + HOST_EXAMPLES);
        }
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
            activity.set("waiting for the Docker daemon at " + config.getDockerHost() + " to answer");
            try {
                client.inspectImageCmd(reference).exec();
            } catch (NotFoundException e) {
                throw new ImageReadException(name + ": no such image in the Docker daemon at " + config.getDockerHost()
                        + "; build or pull it first, or check the name");
            } catch (RuntimeException e) {
                throw new ImageReadException(name + ": cannot reach the Docker daemon at " + config.getDockerHost()
                        + " (set DOCKER_HOST or imageHygiene.dockerHost): " + rootMessage(e), e);
            }
            activity.set("reading from the Docker daemon");
            try (InputStream save = client.saveImageCmd(reference).exec();
                    Deadline.Watch watch = deadline.watch(save)) {
                // a daemon that stops sending would block the read forever: the watch closes the stream in time
                return new StreamingTarSource<>(save, name, ArchiveSource.Kind.DAEMON, scanner, deadline);
            }
        } catch (IOException e) {
            if (deadline.expired()) {
                throw deadline.exceeded("reading from the Docker daemon");
            }
            throw new ImageReadException(name + ": reading from the Docker daemon failed: " + ParallelScan.describe(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return ParallelScan.describe(t);
    }
}
