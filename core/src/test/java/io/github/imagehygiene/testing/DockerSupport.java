package io.github.imagehygiene.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * The Docker daemon tests talk to: DOCKER_HOST, else the one .ci/start-dockerd.sh starts. Without one, tests skip
 * with a visible message, unless -DimageHygiene.it.docker=required (as .ci/run sets), where they fail.
 */
public final class DockerSupport {
    public static final String DEFAULT_HOST = "unix:///tmp/image-hygiene-docker/docker.sock";

    private DockerSupport() {
    }

    public static String host() {
        String env = System.getenv("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : DEFAULT_HOST;
    }

    /** A client for a daemon that answers, or the test is skipped (or failed when the daemon is required). */
    public static DockerClient requireDaemon() {
        String host = host();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(Duration.ofSeconds(5)).build());
        try {
            client.pingCmd().exec();
            return client;
        } catch (RuntimeException e) {
            String message = "no Docker daemon answers at " + host + " (" + e.getClass().getSimpleName()
                    + "); start one with: bash .ci/start-dockerd.sh";
            if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
                throw new IllegalStateException("imageHygiene.it.docker=required, but " + message, e);
            }
            System.err.println("SKIPPED: " + message);
            assumeTrue(false, "SKIPPED: " + message);
            return null;
        }
    }

    /** Loads one of our fixture archives into the daemon (docker load). */
    public static void load(DockerClient client, String fixture) throws java.io.IOException {
        try (InputStream in = Files.newInputStream(Fixtures.image(fixture))) {
            client.loadImageCmd(in).exec();
        }
    }
}
