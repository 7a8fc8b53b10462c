package io.github.imagehygiene.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.base.Dockerfiles;
import io.github.imagehygiene.common.ConfigurationException;

/** The final stage's base of real Dockerfiles (those that built the fixtures), and the syntax around FROM. */
class DockerfilesTest {

    @Test
    void multiStageWithArgParameterisedFromAndStageAlias() {
        Path file = Path.of("src/test/fixtures/large/base/java-app/Dockerfile");
        Dockerfiles.Base base = Dockerfiles.finalBase(file);
        assertThat(base.reference()).isEqualTo("image-hygiene/debian:12");
        assertThat(base.written()).isEqualTo("FROM $BASE_IMAGE:${DEBIAN_TAG:-13} AS jre");
        assertThat(base.line()).isEqualTo(16);
        assertThat(base.platform()).isNull();
        assertThat(base.chain()).containsExactly("app", "jre");
        assertThat(base.unresolved()).isEmpty();
        assertThat(base.instructions()).extracting(Dockerfiles.Instruction::keyword)
                .containsExactly("RUN", "ENV", "WORKDIR", "COPY", "USER", "CMD");
        assertThat(base.layerInstructions()).extracting(Dockerfiles.Instruction::line).containsExactly(17, 24);
    }

    @Test
    void theBuildStageKeepsItsPlatformFlag() {
        String text = "ARG BASE_IMAGE=image-hygiene/debian\nARG DEBIAN_TAG=12\n"
                + "FROM --platform=linux/amd64 ${BASE_IMAGE}:${DEBIAN_TAG} AS build\nRUN true\n";
        Dockerfiles.Base base = Dockerfiles.finalBase(Path.of("Dockerfile"), text);
        assertThat(base.reference()).isEqualTo("image-hygiene/debian:12");
        assertThat(base.platform()).isEqualTo("linux/amd64");
        assertThat(base.chain()).containsExactly("build");
    }

    @Test
    void theOpenjdkAppFixture() {
        Dockerfiles.Base base = Dockerfiles.finalBase(BaseFixtures.small("src/openjdk-app/Dockerfile"));
        assertThat(base.reference()).isEqualTo("openjdk:17");
        assertThat(base.written()).isEqualTo("FROM ${JDK_IMAGE}:${JDK_TAG} AS runtime");
        assertThat(base.line()).isEqualTo(6);
        assertThat(base.chain()).containsExactly("app", "runtime");
        assertThat(base.layerInstructions()).extracting(Dockerfiles.Instruction::keyword).containsExactly("COPY");
    }

    @Test
    void scratchAndUnnamedStages() {
        Dockerfiles.Base base = Dockerfiles.finalBase(Path.of("src/test/fixtures/busybox-app/Dockerfile"));
        assertThat(base.reference()).isEqualTo("scratch");
        assertThat(base.chain()).containsExactly("#0");
    }

    @Test
    void continuationsCommentsEscapeDirectiveAndUnsetArgs() {
        String text = "# escape=`\n# a comment\nARG TAG\nARG REG=\"registry.example.com:5000\"\n"
                + "FROM golang:1.22 AS build\nRUN go build `\n  # comment inside\n  ./...\n"
                + "from ${REG}/team/jre:${TAG:-21}@sha256:" + "ef".repeat(32) + "\nCOPY --from=build /out /app\n"
                + "FROM $REG/other:${TAG}\n";
        Dockerfiles.Base last = Dockerfiles.finalBase(Path.of("Dockerfile"), text);
        assertThat(last.reference()).isEqualTo("registry.example.com:5000/other:");
        assertThat(last.unresolved()).containsExactly("TAG");
        assertThat(last.line()).isEqualTo(11);
        Dockerfiles.Base second = Dockerfiles.finalBase(Path.of("Dockerfile"),
                text.substring(0, text.indexOf("FROM $REG")));
        assertThat(second.reference()).isEqualTo("registry.example.com:5000/team/jre:21@sha256:" + "ef".repeat(32));
        assertThat(second.line()).isEqualTo(9);
        assertThat(second.chain()).containsExactly("#1");
        assertThat(Dockerfiles.finalBase(Path.of("Dockerfile"), "# nothing\nRUN true\n")).isNull();
        assertThat(Dockerfiles.finalBase(Path.of("Dockerfile"), "ARG A=1 B=x\nFROM img:${A}${B:+-$B}\n").reference())
                .isEqualTo("img:1-x");
        assertThat(List.of(Dockerfiles.finalBase(Path.of("D"), "FROM a AS x\nFROM x AS y\nFROM y\n").chain()))
                .containsExactly(List.of("#2", "y", "x"));
    }

    @Test
    void anUnreadableDockerfileNamesTheParameter() {
        assertThatThrownBy(() -> Dockerfiles.finalBase(Path.of("src/test/no-such/Dockerfile")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read the Dockerfile src/test/no-such/Dockerfile (dockerfile): ");
        assertThatThrownBy(() -> Dockerfiles.finalBase(Path.of("src/test/fixtures/large/lib.sh")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("(dockerfile) has no FROM instruction");
    }
}
