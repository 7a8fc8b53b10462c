package io.github.imagehygiene.maven;

import java.io.File;
import java.util.function.UnaryOperator;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Reads what the same project's build configuration says about the base image, as plain values for the core
 * ({@code io.github.imagehygiene.analysis.base.BuildHints}): Jib's {@code <from><image>} (the {@code jib.from.image}
 * property wins, as in Jib), fabric8 docker-maven-plugin's {@code <build><from>} (or {@code <fromExt><name>}) of its
 * first image, and the Dockerfile: the {@code dockerfile} parameter, else {@code ${project.basedir}/Dockerfile} when
 * present. Also where Jib writes its tar: {@code jib.outputPaths.tar}, else {@code <outputPaths><tar>}.
 */
public final class BuildConfigurationReader {
    static final String JIB = "com.google.cloud.tools:jib-maven-plugin";
    static final String DOCKER_MAVEN_PLUGIN = "io.fabric8:docker-maven-plugin";
    static final String JIB_FROM_IMAGE = "jib.from.image";
    static final String JIB_OUTPUT_TAR = "jib.outputPaths.tar";

    private BuildConfigurationReader() {
    }

    /**
     * What the build says; any value may be null.
     *
     * @param jibFromImage          Jib's base image
     * @param jibFromImageSource    {@code jib-maven-plugin <from><image>} or {@code property jib.from.image}
     * @param dockerMavenPluginFrom docker-maven-plugin's base image of its first image
     * @param dockerfile            the Dockerfile to read
     * @param basedir               the project directory
     * @param jibOutputTar          Jib's tar when its configuration or {@code jib.outputPaths.tar} names one
     *                              (resolved against the project folder)
     */
    public record Values(String jibFromImage, String jibFromImageSource, String dockerMavenPluginFrom,
            File dockerfile, File basedir, File jibOutputTar) {
    }

    /**
     * @param project             the project, or null when the goal runs without one
     * @param property            a user property, else a project property, by name (null when unset)
     * @param dockerfileParameter the {@code dockerfile} parameter, or null
     * @param basedir             the project folder, or where Maven runs without a project
     */
    public static Values read(MavenProject project, UnaryOperator<String> property, File dockerfileParameter,
            File basedir) {
        String jib = null;
        String jibSource = null;
        String fromProperty = property.apply(JIB_FROM_IMAGE);
        if (fromProperty != null && !fromProperty.isBlank()) {
            jib = fromProperty.strip();
            jibSource = "property " + JIB_FROM_IMAGE;
        } else if (project != null) {
            jib = value(project.getPlugin(JIB), "from", "image");
            jibSource = jib == null ? null : "jib-maven-plugin <from><image>";
        }
        String dmp = null;
        if (project != null) {
            Plugin plugin = project.getPlugin(DOCKER_MAVEN_PLUGIN);
            dmp = firstImageFrom(plugin == null ? null : (Xpp3Dom) plugin.getConfiguration());
            if (dmp == null && plugin != null) {
                for (PluginExecution e : plugin.getExecutions()) {
                    dmp = firstImageFrom((Xpp3Dom) e.getConfiguration());
                    if (dmp != null) {
                        break;
                    }
                }
            }
        }
        File dockerfile = dockerfileParameter;
        if (dockerfile == null && basedir != null) {
            File candidate = new File(basedir, "Dockerfile");
            dockerfile = candidate.isFile() ? candidate : null;
        } else if (dockerfile != null && !dockerfile.isAbsolute() && basedir != null) {
            dockerfile = new File(basedir, dockerfile.getPath());
        }
        String tar = property.apply(JIB_OUTPUT_TAR);
        if ((tar == null || tar.isBlank()) && project != null) {
            tar = value(project.getPlugin(JIB), "outputPaths", "tar");
        }
        File jibTar = null;
        if (tar != null && !tar.isBlank()) {
            jibTar = new File(tar.strip());
            jibTar = jibTar.isAbsolute() || basedir == null ? jibTar : new File(basedir, tar.strip());
        }
        return new Values(jib, jibSource, dmp, dockerfile, basedir, jibTar);
    }

    /** A nested value of a plugin's configuration, else of its first execution that has it. */
    private static String value(Plugin plugin, String... path) {
        if (plugin == null) {
            return null;
        }
        String v = value((Xpp3Dom) plugin.getConfiguration(), path);
        if (v == null) {
            for (PluginExecution e : plugin.getExecutions()) {
                v = value((Xpp3Dom) e.getConfiguration(), path);
                if (v != null) {
                    break;
                }
            }
        }
        return v;
    }

    private static String value(Xpp3Dom dom, String... path) {
        Xpp3Dom node = dom;
        for (String p : path) {
            if (node == null) {
                return null;
            }
            node = node.getChild(p);
        }
        if (node == null || node.getValue() == null || node.getValue().isBlank()) {
            return null;
        }
        return node.getValue().strip();
    }

    /** {@code <images><image><build><from>} (or {@code <fromExt><name>}) of the first image. */
    private static String firstImageFrom(Xpp3Dom configuration) {
        if (configuration == null || configuration.getChild("images") == null) {
            return null;
        }
        for (Xpp3Dom image : configuration.getChild("images").getChildren("image")) {
            String from = value(image, "build", "from");
            if (from == null) {
                from = value(image, "build", "fromExt", "name");
            }
            if (from != null) {
                return from;
            }
            return null; // the first image only
        }
        return null;
    }
}
