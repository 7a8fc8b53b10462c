package io.github.imagehygiene.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.config.CheckConfiguration;
import io.github.imagehygiene.testing.DockerSupport;
import io.github.imagehygiene.testing.Fixtures;

/** docker://NAME streamed from a real dockerd reads exactly like the same image's docker save archive. */
class DockerDaemonTest {

    @Test
    void imageFromTheDaemonReadsLikeItsArchive() throws IOException {
        DockerClient client = DockerSupport.requireDaemon();
        DockerSupport.load(client, "busybox-app.docker.tar");
        ImageAnalysis fromDaemon = Fixtures.analyse(CheckConfiguration.builder()
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
        ImageAnalysis a = Fixtures.analyse(CheckConfiguration.builder().image("docker://" + id)
                .dockerHost(DockerSupport.host()).build());
        assertThat(a.layers()).hasSize(3);
        assertThat(a.image().configDigest()).isEqualTo(id);
    }

    @Test
    void unknownImageSaysSo() {
        DockerSupport.requireDaemon();
        assertThatThrownBy(() -> Fixtures.analyse(CheckConfiguration.builder()
                .image("docker://image-hygiene/never-built:0.0").dockerHost(DockerSupport.host()).build()))
                .isInstanceOf(ImageReadException.class)
                .hasMessage("docker://image-hygiene/never-built:0.0: no such image in the Docker daemon at "
                        + DockerSupport.host() + "; build or pull it first, or check the name");
    }

    @Test
    void unreachableDaemonSaysWhere() {
        String host = "unix:///tmp/image-hygiene-no-such-daemon.sock";
        assertThatThrownBy(() -> Fixtures.analyse(CheckConfiguration.builder().image("docker://any:1").dockerHost(host)
                .build()))
                .isInstanceOf(ImageReadException.class)
                .hasMessageStartingWith("docker://any:1: cannot reach the Docker daemon at " + host
                        + " (set DOCKER_HOST or imageHygiene.dockerHost): ");
    }
}
