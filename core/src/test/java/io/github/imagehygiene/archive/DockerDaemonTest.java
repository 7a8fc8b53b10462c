package io.github.imagehygiene.archive;

import io.github.imagehygiene.common.TimeLimitException;
import io.github.imagehygiene.common.ImageReadException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.github.dockerjava.api.DockerClient;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.DockerSupport;
import io.github.imagehygiene.testing.StallingDockerProxy;
import io.github.imagehygiene.testing.Fixtures;

/**
 * docker://NAME streamed from a real dockerd reads exactly like the same image's docker save archive; a daemon that
 * hangs (before answering, or in the middle of the save stream) ends at the time limit with one clear line.
 */
class DockerDaemonTest {

    @Test
    void imageFromTheDaemonReadsLikeItsArchive() throws IOException {
        DockerClient client = DockerSupport.requireDaemon();
        DockerSupport.load(client, "busybox-app.docker.tar");
        ImageAnalysis fromDaemon = Fixtures.analyse(CheckSettings.builder()
                .image("docker://image-hygiene/busybox-app:1.0").dockerHost(DockerSupport.host()).build());
        ImageAnalysis fromFile = Fixtures.analyse(Fixtures.image("busybox-app.docker.tar"));
        assertThat(fromDaemon.image().format().id()).isEqualTo("docker-daemon");
        assertThat(fromDaemon.image().source()).isEqualTo("docker://image-hygiene/busybox-app:1.0");
        assertThat(fromDaemon.image().configDigest()).isEqualTo(Fixtures.expected("busybox-app.docker.configDigest"));
        assertThat(fromDaemon.layers()).isEqualTo(fromFile.layers());
        assertThat(fromDaemon.scans()).isEqualTo(fromFile.scans());
        assertThat(fromDaemon.image().repoTags()).containsExactly("image-hygiene/busybox-app:1.0");
    }

    @Test
    void imageByIdFromTheDaemon() throws IOException {
        DockerClient client = DockerSupport.requireDaemon();
        DockerSupport.load(client, "tiny.docker.tar");
        String id = Fixtures.expected("tiny.docker.configDigest");
        ImageAnalysis a = Fixtures.analyse(CheckSettings.builder().image("docker://" + id)
                .dockerHost(DockerSupport.host()).build());
        assertThat(a.layers()).hasSize(3);
        assertThat(a.image().configDigest()).isEqualTo(id);
    }

    @Test
    void unknownImageSaysSo() {
        DockerSupport.requireDaemon();
        assertThatThrownBy(() -> Fixtures.analyse(CheckSettings.builder()
                .image("docker://image-hygiene/never-built:0.0").dockerHost(DockerSupport.host()).build()))
                .isInstanceOf(ImageReadException.class)
                .hasMessage("docker://image-hygiene/never-built:0.0: no such image in the Docker daemon at "
                        + DockerSupport.host() + "; build or pull it first, or check the name");
    }

    /** A daemon that accepts the connection and never answers (hung, or stopped with SIGSTOP). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDaemonThatNeverAnswersEndsAtTheTimeLimit() throws IOException {
        DockerSupport.requireDaemon();
        try (StallingDockerProxy proxy = StallingDockerProxy.silent()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Fixtures.analyse(CheckSettings.builder()
                    .image("docker://image-hygiene/busybox-app:1.0").dockerHost(proxy.host()).timeout("2s").build()))
                    .isExactlyInstanceOf(TimeLimitException.class)
                    .hasMessage("docker://image-hygiene/busybox-app:1.0: gave up after 2s, the time limit (timeout),"
                            + " while waiting for the Docker daemon at " + proxy.host() + " to answer; raise <timeout>"
                            + " (imageHygiene.timeout) if the image is really that large, or check that its source is"
                            + " not stalled");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2),
                    Duration.ofSeconds(20));
        }
    }

    /** The real daemon's docker save stream, cut off after 64 KB by a proxy that then keeps the connection open. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDaemonThatStopsSendingMidSaveEndsAtTheTimeLimit() throws IOException {
        DockerClient client = DockerSupport.requireDaemon();
        DockerSupport.load(client, "busybox-app.docker.tar");
        try (StallingDockerProxy proxy = StallingDockerProxy.stallingSave(DockerSupport.host(), 64 * 1024)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> Fixtures.analyse(CheckSettings.builder()
                    .image("docker://image-hygiene/busybox-app:1.0").dockerHost(proxy.host()).timeout("3s").build()))
                    .isExactlyInstanceOf(TimeLimitException.class)
                    .hasMessage("docker://image-hygiene/busybox-app:1.0: gave up after 3s, the time limit (timeout),"
                            + " while reading from the Docker daemon; raise <timeout> (imageHygiene.timeout) if the"
                            + " image is really that large, or check that its source is not stalled");
            assertThat(proxy.forwarded()).isEqualTo(64 * 1024L);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3),
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void unreachableDaemonSaysWhere() {
        String host = "unix:///tmp/image-hygiene-no-such-daemon.sock";
        assertThatThrownBy(() -> Fixtures.analyse(CheckSettings.builder().image("docker://any:1").dockerHost(host)
                .build()))
                .isInstanceOf(ImageReadException.class)
                .hasMessageStartingWith("docker://any:1: cannot reach the Docker daemon at " + host
                        + " (set DOCKER_HOST or imageHygiene.dockerHost): ");
    }
}
