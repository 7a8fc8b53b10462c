package io.github.imagehygiene.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.github.imagehygiene.common.Flag;
import io.github.imagehygiene.common.CommaList;
import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.report.Reports;

/**
 * Handles {@code skip} once and maps the core's typed exceptions to Mojo exceptions in one place: bad settings and
 * unreadable input become a {@link MojoExecutionException} with the core's one-line message. Knows where the build
 * is, with a project or without one ({@code mvn …:check} in a folder with no POM), and how a list parameter is given
 * on the command line.
 */
public abstract class AbstractImageHygieneMojo extends AbstractMojo {
    /** User property prefix of every parameter. */
    public static final String PROPERTY_PREFIX = "imageHygiene.";

    /**
     * Skips the goal, e.g. for a build that produces no image.
     *
     * <pre>{@code <skip>true</skip>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "skip", defaultValue = "false")
    private String skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (Boolean.TRUE.equals(Flag.parse("skip", skip))) {
                getLog().info("Skipping image hygiene check: skip is true (imageHygiene.skip)");
                return;
            }
            executeCheck();
        } catch (ImageHygieneException e) {
            // the cause handed on masked, its messages kept out of the line: Maven appends each cause's to it
            String line = Reports.errorMessage(e);
            throw new MojoExecutionException(line, Reports.maskedCause(e, line));
        } catch (OutOfMemoryError e) {
            // what the check held is garbage once it has unwound: the build can say why it stopped
            throw new MojoExecutionException(Reports.outOfMemoryMessage("-Xmx in MAVEN_OPTS or .mvn/jvm.config"), e);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of the plugin, whose message may still quote the image
            String line = "Internal error: " + Reports.maskedCause(e)
                    + " (run with -e for the stack trace, and report it)";
            throw new MojoExecutionException(line, Reports.maskedCause(e, line));
        }
    }

    /** The goal's work; core exceptions may escape, they are mapped by {@link #execute()}. */
    protected abstract void executeCheck() throws MojoExecutionException, MojoFailureException;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /** The project, or null when the goal runs without one. */
    protected MavenProject project() {
        return hasProject() ? project : null;
    }

    /** Whether a POM is behind this run (without one, Maven hands a stub whose paths are not interpolated). */
    protected boolean hasProject() {
        return project != null && project.getFile() != null;
    }

    /** The project's folder; without a project, the folder Maven was started in. */
    protected File baseDirectory() {
        if (hasProject()) {
            return project.getBasedir();
        }
        return new File(session != null && session.getExecutionRootDirectory() != null
                ? session.getExecutionRootDirectory() : System.getProperty("user.dir"));
    }

    /** The build output folder ({@code target}); without a project, {@code target} in the folder Maven started in. */
    protected File buildDirectory() {
        // without a POM the expression is not interpolated: a folder literally named ${project.build.directory}
        return hasProject() && buildDirectory != null && !buildDirectory.getPath().contains("${") ? buildDirectory
                : new File(baseDirectory(), "target");
    }

    /** The session's local repository folder, or null when Maven names none. */
    protected File localRepository() {
        if (session == null || session.getRepositorySession() == null
                || session.getRepositorySession().getLocalRepository() == null) {
            return null;
        }
        return session.getRepositorySession().getLocalRepository().getBasedir();
    }

    /** A user property ({@code -D}) or, failing that, a project property; null when neither is set. */
    protected String property(String name) {
        String v = session == null ? null : session.getUserProperties().getProperty(name);
        if (v == null && hasProject()) {
            v = project.getProperties().getProperty(name);
        }
        return v;
    }

    /**
     * A list parameter: as configured in the POM, else from the user property {@code imageHygiene.<name>} as a
     * comma-separated list ({@code -DimageHygiene.baseImages=a.tar,b.tar}), else null. The POM wins, as it does for
     * every parameter with a property.
     */
    protected List<String> list(String name, List<String> configured) {
        if (configured != null) {
            return configured;
        }
        return CommaList.split(PROPERTY_PREFIX + name, property(PROPERTY_PREFIX + name));
    }

    /** Whether Maven runs offline ({@code -o}): downloads are then never attempted. */
    protected boolean offline() {
        return session != null && session.isOffline();
    }

    /** The session's settings (for the active proxy), or null without a session. */
    protected org.apache.maven.settings.Settings mavenSettings() {
        return session == null ? null : session.getSettings();
    }

    /** The Maven log as the core's sink. */
    protected LogSink logSink() {
        Log log = getLog();
        return new LogSink() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }
        };
    }
}
