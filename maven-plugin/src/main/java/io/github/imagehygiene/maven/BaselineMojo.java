package io.github.imagehygiene.maven;

import java.io.File;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import io.github.imagehygiene.check.CheckRun;
import io.github.imagehygiene.check.ImageCheck;

/**
 * Writes the image's report.json as the baseline later checks compare with ({@code <baseline>}): run it once on the
 * image as it is (after {@code jib:buildTar}), commit the file, and every later build reports the diff and gates on
 * growth or on new findings. Takes the check's parameters but {@code baseline}, {@code newFindingsOnly},
 * {@code maxGrowth} and {@code maxCompressedGrowth} (a baseline records what is); never fails on breaches. The
 * report holds the packages whatever {@code sbom} and {@code formats} say, and with {@code platform=all} every
 * platform.
 */
// the check's resolution (see CheckMojo): the baseline's packages get the purls a later check gives them
@Mojo(name = "baseline", threadSafe = true, requiresProject = false,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class BaselineMojo extends CheckMojo {
    /**
     * Where the baseline is written. A relative path is the project folder's.
     *
     * <pre>{@code <baselineFile>${project.basedir}/src/main/docker/image-baseline.json</baselineFile>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "baselineFile",
            defaultValue = "${project.basedir}/src/main/docker/image-baseline.json")
    private File baselineFile;

    @Override
    protected void executeCheck() throws MojoExecutionException {
        File target = target();
        // report.json is what a baseline is; the check's own report directory keeps it too
        CheckRun run = ImageCheck.check(settings().writeBaseline(target.toPath()).build(), logSink());
        getLog().info("Baseline written: " + target + " (" + run.summary() + "); set <baseline> to it and commit it");
    }

    /** baselineFile, resolved against the folder Maven runs in when there is no project. */
    private File target() {
        if (baselineFile == null || baselineFile.getPath().contains("${")) {
            return new File(baseDirectory(), "src/main/docker/image-baseline.json");
        }
        return baselineFile.isAbsolute() ? baselineFile : new File(baseDirectory(), baselineFile.getPath());
    }
}
