package io.github.imagehygiene.maven;

import org.apache.maven.plugins.annotations.Parameter;

import io.github.imagehygiene.common.Flag;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The parameters of a check against a baseline: what it compares with, the growth budgets, and whether only new
 * findings fail (docs/baseline.md).
 */
public abstract class BaselineParameters extends VulnerabilityParameters {
    /**
     * What this image is compared with: a report.json this plugin wrote (commit one, written by the
     * {@code baseline} goal), or an image (an archive, an OCI layout folder, {@code docker://NAME:TAG}). Every report
     * then shows the diff (sizes, layers, packages, largest files, findings new and gone); {@code maxGrowth},
     * {@code maxCompressedGrowth} and {@code newFindingsOnly} need it. A relative path is the project folder's.
     *
     * <pre>{@code <baseline>${project.basedir}/src/main/docker/image-baseline.json</baseline>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "baseline")
    private String baseline;

    /**
     * Budget for the growth of the image size over the baseline's, measured as {@code maxSize} measures it: bytes
     * ({@code 20MB}) or a share of the baseline's size ({@code 10%}).
     *
     * <pre>{@code <maxGrowth>10%</maxGrowth>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxGrowth")
    private String maxGrowth;

    /**
     * Budget for the growth of what a push transfers over the baseline's, measured as {@code maxCompressedSize}
     * measures it: bytes or a share.
     *
     * <pre>{@code <maxCompressedGrowth>5MB</maxCompressedGrowth>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxCompressedGrowth")
    private String maxCompressedGrowth;

    /**
     * With a baseline, only findings whose fingerprint the baseline lacks fail the build; the others are reported as
     * warnings that say so. Adopts a legacy image without a flood. Default false.
     *
     * <pre>{@code <newFindingsOnly>true</newFindingsOnly>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "newFindingsOnly")
    private String newFindingsOnly;

    @Override
    protected void configure(CheckSettings.Builder builder) {
        super.configure(builder);
        builder.baseline(baseline == null || baseline.isBlank() ? null : resolvedLocation(baseline))
                .maxGrowth(maxGrowth).maxCompressedGrowth(maxCompressedGrowth)
                .newFindingsOnly(Flag.parse("newFindingsOnly", newFindingsOnly));
    }

    /** A relative path is the project's, as for Maven's own File parameters; docker:// stays as written. */
    protected String resolvedLocation(String location) {
        if (location.startsWith("docker://") || new java.io.File(location).isAbsolute()) {
            return location;
        }
        return new java.io.File(baseDirectory(), location).toPath().normalize().toString();
    }
}
