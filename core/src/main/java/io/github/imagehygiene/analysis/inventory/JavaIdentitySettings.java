package io.github.imagehygiene.analysis.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * Where the inventory looks for the groupId of a Java archive that names none itself (no pom.properties: Spring's and
 * Tomcat's jars): the project's resolved artifacts and a Maven local repository, both matched by sha1 (see
 * {@link GroupIds}). Validated when made; the check gives it to the analysis, which {@link Inventory} reads it from.
 *
 * @param projectArtifacts the artifacts the build resolved (empty without a project)
 * @param mavenRepository  a Maven local repository folder, or null for none
 */
public record JavaIdentitySettings(List<ResolvedArtifact> projectArtifacts, Path mavenRepository) {
    /** No project, no repository: the archives' own metadata only. */
    public static final JavaIdentitySettings NONE = new JavaIdentitySettings(List.of(), null);

    /** The {@code mavenRepository} value that turns the repository off. */
    public static final String NO_REPOSITORY = "none";

    public JavaIdentitySettings {
        projectArtifacts = projectArtifacts == null ? List.of() : List.copyOf(projectArtifacts);
    }

    /**
     * From the parameters as written.
     *
     * @param projectArtifacts  the project's resolved artifacts, or null
     * @param mavenRepository   the {@code mavenRepository} parameter: a folder (relative to {@code base}),
     *                          {@value #NO_REPOSITORY}, or null for {@code defaultRepository}
     * @param defaultRepository the front end's default (the session's local repository, {@code ~/.m2/repository}),
     *                          taken only when it is a folder; null for none
     * @param base              what a relative path is relative to; null for the working folder
     * @throws ConfigurationException when a repository is named that is no folder
     */
    public static JavaIdentitySettings parse(List<ResolvedArtifact> projectArtifacts, String mavenRepository,
            Path defaultRepository, Path base) {
        Path repository;
        if (mavenRepository == null || mavenRepository.isBlank()) {
            repository = defaultRepository != null && Files.isDirectory(defaultRepository) ? defaultRepository : null;
        } else if (mavenRepository.strip().toLowerCase(Locale.ROOT).equals(NO_REPOSITORY)) {
            repository = null;
        } else {
            Path p = Path.of(mavenRepository.strip());
            repository = (base == null || p.isAbsolute() ? p : base.resolve(p)).normalize();
            if (!Files.isDirectory(repository)) {
                throw new ConfigurationException("Invalid value for mavenRepository: " + repository
                        + " is not a folder; name a Maven local repository, or " + NO_REPOSITORY);
            }
        }
        return new JavaIdentitySettings(projectArtifacts, repository);
    }
}
