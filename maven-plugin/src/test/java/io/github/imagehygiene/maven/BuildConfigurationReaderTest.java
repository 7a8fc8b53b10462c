package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.maven.BuildConfigurationReader;

/** The base image as the project's Jib, docker-maven-plugin and Dockerfile configuration name it. */
class BuildConfigurationReaderTest {

    private static Plugin plugin(String key, String configuration) throws IOException, XmlPullParserException {
        Plugin p = new Plugin();
        p.setGroupId(key.substring(0, key.indexOf(':')));
        p.setArtifactId(key.substring(key.indexOf(':') + 1));
        if (configuration != null) {
            p.setConfiguration(Xpp3DomBuilder.build(new StringReader("<configuration>" + configuration
                    + "</configuration>")));
        }
        return p;
    }

    private static MavenProject project(Path dir, Plugin... plugins) {
        Model model = new Model();
        model.setBuild(new Build());
        for (Plugin p : plugins) {
            model.getBuild().addPlugin(p);
        }
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        return project;
    }

    /** As the mojo reads: a user property, else a project property; the project folder, else none. */
    private static BuildConfigurationReader.Values read(MavenProject p, Properties user, File dockerfile) {
        return BuildConfigurationReader.read(p, name -> {
            String v = user == null ? null : user.getProperty(name);
            return v != null || p == null ? v : p.getProperties().getProperty(name);
        }, dockerfile, p == null ? null : p.getBasedir());
    }

    /** Jib's {@code <outputPaths><tar>} (jib-maven-plugin 3.x), else its property jib.outputPaths.tar, which wins. */
    @Test
    void jibOutputTar(@TempDir Path dir) throws Exception {
        MavenProject p = project(dir, plugin("com.google.cloud.tools:jib-maven-plugin",
                "<outputPaths><tar>build/images/app.tar</tar></outputPaths>"));
        assertThat(read(p, new Properties(), null).jibOutputTar()).isEqualTo(dir.resolve("build/images/app.tar")
                .toFile());
        Properties user = new Properties();
        user.setProperty("jib.outputPaths.tar", "/abs/other.tar");
        assertThat(read(p, user, null).jibOutputTar()).isEqualTo(new File("/abs/other.tar"));
        assertThat(read(project(dir), new Properties(), null).jibOutputTar()).isNull();
    }

    @Test
    void jibFromImageOfThePluginConfiguration(@TempDir Path dir) throws Exception {
        MavenProject p = project(dir, plugin("com.google.cloud.tools:jib-maven-plugin",
                "<from><image>amazoncorretto:17.0.10-al2023</image></from><to><image>app</image></to>"));
        BuildConfigurationReader.Values v = read(p, new Properties(), null);
        assertThat(v.jibFromImage()).isEqualTo("amazoncorretto:17.0.10-al2023");
        assertThat(v.jibFromImageSource()).isEqualTo("jib-maven-plugin <from><image>");
        assertThat(v.dockerMavenPluginFrom()).isNull();
        assertThat(v.dockerfile()).isNull();
        assertThat(v.basedir()).isEqualTo(dir.toFile());
    }

    @Test
    void theJibPropertyWinsAsInJib(@TempDir Path dir) throws Exception {
        MavenProject p = project(dir, plugin("com.google.cloud.tools:jib-maven-plugin",
                "<from><image>openjdk:17</image></from>"));
        Properties user = new Properties();
        user.setProperty("jib.from.image", "eclipse-temurin:21-jre");
        BuildConfigurationReader.Values v = read(p, user, null);
        assertThat(v.jibFromImage()).isEqualTo("eclipse-temurin:21-jre");
        assertThat(v.jibFromImageSource()).isEqualTo("property jib.from.image");
        p.getProperties().setProperty("jib.from.image", "debian:12");
        assertThat(read(p, new Properties(), null).jibFromImage()).isEqualTo("debian:12");
    }

    @Test
    void jibConfiguredInAnExecution(@TempDir Path dir) throws Exception {
        Plugin jib = plugin("com.google.cloud.tools:jib-maven-plugin", null);
        PluginExecution e = new PluginExecution();
        e.setId("image-tar");
        e.setConfiguration(Xpp3DomBuilder.build(new StringReader(
                "<configuration><from><image>tar://base.tar</image></from></configuration>")));
        jib.addExecution(e);
        assertThat(read(project(dir, jib), null, null).jibFromImage())
                .isEqualTo("tar://base.tar");
    }

    @Test
    void dockerMavenPluginFirstImage(@TempDir Path dir) throws Exception {
        MavenProject p = project(dir, plugin("io.fabric8:docker-maven-plugin",
                "<images><image><name>app</name><build><from>gcr.io/distroless/java17-debian12:nonroot</from></build>"
                        + "</image><image><name>other</name><build><from>debian:12</from></build></image></images>"));
        assertThat(read(p, null, null).dockerMavenPluginFrom())
                .isEqualTo("gcr.io/distroless/java17-debian12:nonroot");
        MavenProject ext = project(dir, plugin("io.fabric8:docker-maven-plugin",
                "<images><image><build><fromExt><name>alpine:3.20</name></fromExt></build></image></images>"));
        assertThat(read(ext, null, null).dockerMavenPluginFrom()).isEqualTo("alpine:3.20");
    }

    @Test
    void theDockerfileParameterElseTheProjectsDockerfile(@TempDir Path dir) throws Exception {
        MavenProject p = project(dir);
        assertThat(read(p, null, null).dockerfile()).isNull();
        Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\n");
        assertThat(read(p, null, null).dockerfile()).isEqualTo(dir.resolve("Dockerfile")
                .toFile());
        assertThat(read(p, null, new File("docker/Dockerfile.prod")).dockerfile())
                .isEqualTo(dir.resolve("docker/Dockerfile.prod").toFile());
        assertThat(read(null, null, new File("/abs/Dockerfile")).dockerfile())
                .isEqualTo(new File("/abs/Dockerfile"));
    }
}
