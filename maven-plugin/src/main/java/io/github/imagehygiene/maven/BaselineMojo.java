package io.github.imagehygiene.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.gate.CheckResult;

/**
 * Writes the image's report.json as the baseline later checks compare with ({@code <baseline>}): run it once on the
 * image as it is (after {@code jib:buildTar}), commit the file, and every later build reports the diff and gates on
 * growth or on new findings. Takes the check's parameters; never fails on breaches (a baseline records what is).
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
        // report.json is what a baseline is; the check's own report directory keeps it too
        CheckResult result = ImageCheck.run(settings().formats(List.of("json")).baseline(null).build(), logSink());
        Path report = reportDirectory().toPath().resolve("report.json");
        Path target = target().toPath();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(report, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the baseline " + target + ": " + e.getMessage(), e);
        }
        getLog().info("Baseline written: " + target + " (" + ByteSize.human(result.analysis().contentSize()) + ", "
                + result.analysis().layers().size() + " layers, " + result.findings().size() + " findings); set"
                + " <baseline> to it and commit it");
    }

    /** baselineFile, resolved against the folder Maven runs in when there is no project. */
    private File target() {
        if (baselineFile == null || baselineFile.getPath().contains("${")) {
            return new File(baseDirectory(), "src/main/docker/image-baseline.json");
        }
        return baselineFile.isAbsolute() ? baselineFile : new File(baseDirectory(), baselineFile.getPath());
    }
}
