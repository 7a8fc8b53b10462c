package io.github.imagehygiene.archive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/** Streams {@code docker save} of one image from a Docker daemon (DOCKER_HOST, or the host given). */
final class DockerDaemon {
    private DockerDaemon() {
    }

    static <T> ArchiveSource<T> open(String reference, String dockerHost, BlobScanner<T> scanner, Deadline deadline) {
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
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
            try {
                client.inspectImageCmd(reference).exec();
            } catch (NotFoundException e) {
                throw new ImageReadException(name + ": no such image in the Docker daemon at " + config.getDockerHost()
                        + "; build or pull it first, or check the name");
            } catch (RuntimeException e) {
                throw new ImageReadException(name + ": cannot reach the Docker daemon at " + config.getDockerHost()
                        + " (set DOCKER_HOST or imageHygiene.dockerHost): " + rootMessage(e), e);
            }
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
