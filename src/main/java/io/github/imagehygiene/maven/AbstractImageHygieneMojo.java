package io.github.imagehygiene.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.common.LogSink;

/**
 * Handles {@code skip} once and maps the core's typed exceptions to Mojo exceptions in one place: bad settings and
 * unreadable input become a {@link MojoExecutionException} with the core's one-line message.
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
    private boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping image hygiene check: skip is true (imageHygiene.skip)");
            return;
        }
        try {
            executeCheck();
        } catch (ImageHygieneException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The goal's work; core exceptions may escape, they are mapped by {@link #execute()}. */
    protected abstract void executeCheck() throws MojoExecutionException, MojoFailureException;

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
