package io.github.imagehygiene.analysis.base;

import java.nio.file.Path;

/**
 * What the build configuration of the same project says about the base, as plain values (the Maven glue reads them;
 * the core never sees Maven). Any value may be null.
 *
 * @param jibFromImage          Jib's {@code <from><image>} (or the {@code jib.from.image} property)
 * @param jibFromImageSource    where that came from, for the evidence: {@code jib-maven-plugin <from><image>} or
 *                              {@code property jib.from.image}
 * @param dockerMavenPluginFrom fabric8 docker-maven-plugin's {@code <build><from>} of its first image
 * @param dockerfile            the Dockerfile to read (the {@code dockerfile} parameter, else
 *                              {@code ${project.basedir}/Dockerfile} when present)
 * @param basedir               the project directory: relative paths (baseImages, {@code tar://}) resolve against it
 */
public record BuildHints(String jibFromImage, String jibFromImageSource, String dockerMavenPluginFrom,
        Path dockerfile, Path basedir) {
    public static final String JIB_PLUGIN = "jib-maven-plugin <from><image>";
    public static final String JIB_PROPERTY = "property jib.from.image";
    public static final String DOCKER_MAVEN_PLUGIN = "docker-maven-plugin <build><from>";

    /** Nothing known from the build. */
    public static final BuildHints NONE = new BuildHints(null, null, null, null, null);
}
