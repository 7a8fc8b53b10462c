package io.github.imagehygiene.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.base.ImageReference;

/** References normalised as Docker resolves them, and policy globs matched on the normalised form. */
class ImageReferenceTest {

    @Test
    void shortNamesAreDockerHubLibraryImages() {
        ImageReference r = ImageReference.parse("amazoncorretto:17.0.10-al2023");
        assertThat(r.normalised()).isEqualTo("docker.io/library/amazoncorretto:17.0.10-al2023");
        assertThat(r.registry()).isEqualTo("docker.io");
        assertThat(r.repository()).isEqualTo("library/amazoncorretto");
        assertThat(r.tag()).isEqualTo("17.0.10-al2023");
        assertThat(r.digest()).isNull();
        assertThat(ImageReference.parse("openjdk").normalised()).isEqualTo("docker.io/library/openjdk:latest");
        assertThat(ImageReference.parse("openjdk").tag()).isNull();
        assertThat(ImageReference.parse("bitnami/java:17").normalised()).isEqualTo("docker.io/bitnami/java:17");
        assertThat(ImageReference.parse("index.docker.io/library/debian:12").normalised())
                .isEqualTo("docker.io/library/debian:12");
    }

    @Test
    void registriesPortsDigestsAndJibPrefixes() {
        String digest = "sha256:" + "ab".repeat(32);
        assertThat(ImageReference.parse("gcr.io/distroless/java17-debian12:nonroot").normalised())
                .isEqualTo("gcr.io/distroless/java17-debian12:nonroot");
        assertThat(ImageReference.parse("localhost:5000/base").normalised()).isEqualTo("localhost:5000/base:latest");
        assertThat(ImageReference.parse("Registry.Example.com:443/team/jre:21").normalised())
                .isEqualTo("registry.example.com:443/team/jre:21");
        ImageReference pinned = ImageReference.parse("eclipse-temurin:17@" + digest);
        assertThat(pinned.normalised()).isEqualTo("docker.io/library/eclipse-temurin:17@" + digest);
        assertThat(ImageReference.parse("eclipse-temurin@" + digest).normalised())
                .isEqualTo("docker.io/library/eclipse-temurin@" + digest);
        assertThat(ImageReference.parse("docker://debian:12").normalised()).isEqualTo("docker.io/library/debian:12");
        assertThat(ImageReference.parse("registry://debian:12").normalised()).isEqualTo("docker.io/library/debian:12");
        ImageReference tar = ImageReference.parse("tar:///tmp/base.tar");
        assertThat(tar.kind()).isEqualTo(ImageReference.Kind.FILE);
        assertThat(tar.normalised()).isEqualTo("tar:///tmp/base.tar");
        assertThat(ImageReference.parse("scratch").isScratch()).isTrue();
        assertThat(ImageReference.parse("scratch").normalised()).isEqualTo("scratch");
        assertThat(ImageReference.parse("")).isNull();
        assertThat(ImageReference.parse("debian:12 AS build")).isNull();
        assertThat(ImageReference.parse("debian@sha256:short")).isNull();
        assertThat(ImageReference.parse("debian:")).isNull();
    }

    @Test
    void globsMatchTheNormalisedReference() {
        String digest = "sha256:" + "cd".repeat(32);
        ImageReference corretto = ImageReference.parse("amazoncorretto:17.0.10-al2023");
        assertThat(corretto.matches("amazoncorretto:17.*-al2023")).isTrue();
        assertThat(corretto.matches("docker.io/library/amazoncorretto:17.*")).isTrue();
        assertThat(corretto.matches("amazoncorretto")).isTrue(); // no tag in the pattern: any tag
        assertThat(corretto.matches("amazoncorretto:21.*")).isFalse();
        assertThat(corretto.matches("openjdk:*")).isFalse();
        assertThat(ImageReference.parse("amazoncorretto:17.0.10-al2023@" + digest).matches("amazoncorretto:17.*-al2023"))
                .isTrue();
        assertThat(ImageReference.parse("openjdk").matches("openjdk:*")).isTrue();
        assertThat(ImageReference.parse("openjdk:17-jdk-slim").matches("openjdk:*")).isTrue();
        assertThat(ImageReference.parse("gcr.io/distroless/java17-debian12:nonroot")
                .matches("gcr.io/distroless/java17-debian12*")).isTrue();
        assertThat(ImageReference.parse("gcr.io/distroless/java17-debian11").matches("gcr.io/distroless/java17-debian12*"))
                .isFalse();
        assertThat(ImageReference.parse("scratch").matches("scratch")).isTrue();
        assertThat(ImageReference.parse("scratch").matches("debian:*")).isFalse();
        assertThat(ImageReference.parse("debian:12").matches("*:latest")).isFalse();
        assertThat(ImageReference.parse("debian").matches("*:latest")).isTrue();
        assertThat(ImageReference.normalisePattern("openjdk:*")).isEqualTo("docker.io/library/openjdk:*");
        assertThat(ImageReference.normalisePattern("myorg/jre:1.?")).isEqualTo("docker.io/myorg/jre:1.?");
        assertThat(ImageReference.normalisePattern("*/distroless/*")).isEqualTo("*/distroless/*");
    }
}
