package io.github.imagehygiene.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Parameter;

import io.github.imagehygiene.settings.CheckSettings;

/**
 * The layer-hygiene parameters: dive's efficiency and waste, reclaimable bytes, caches, and the paths every hygiene
 * rule leaves out. The rules without a parameter (historyLint, noBuildTools, javaLayering) are set by {@code <levels>}.
 */
public abstract class HygieneParameters extends InventoryParameters {
    /**
     * Lowest image efficiency allowed, 0-1, computed exactly as dive does (the bytes the image needs over the bytes
     * its layers store). Default 0.9, dive's lowestEfficiency.
     *
     * <pre>{@code <minEfficiency>0.95</minEfficiency>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "minEfficiency")
    private Double minEfficiency;

    /**
     * Budget for dive's wasted bytes: the summed sizes of the paths stored in two or more layers. Default: none.
     *
     * <pre>{@code <maxWastedBytes>20MB</maxWastedBytes>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxWastedBytes")
    private String maxWastedBytes;

    /**
     * Highest share of the user layers (all but the first) dive counts as wasted, a fraction: 0.1 means 10 %.
     * Default 0.1, dive's highestUserWastedPercent.
     *
     * <pre>{@code <maxWastedPercent>0.05</maxWastedPercent>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxWastedPercent")
    private Double maxWastedPercent;

    /**
     * Budget for bytes stored in layers but hidden in the final filesystem (overwritten, deleted, chmod-copied): a
     * size or a share of the bytes the layers store. Default: none.
     *
     * <pre>{@code <maxReclaimable>5%</maxReclaimable>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxReclaimable")
    private String maxReclaimable;

    /**
     * Bytes one package-manager or build cache location (apt lists, ~/.m2, /tmp...) may hold before noPackageCaches
     * reports it. Default: 0, any byte counts.
     *
     * <pre>{@code <packageCacheThreshold>1MB</packageCacheThreshold>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "packageCacheThreshold")
    private String packageCacheThreshold;

    /**
     * Globs of image paths every layer-hygiene rule leaves out: '*' within a path segment, '**' across segments,
     * '?', '{a,b}'; a glob without a leading '/' matches at any depth; a matching directory covers everything below
     * it.
     *
     * <pre>{@code
     * <ignorePaths>
     *   <ignorePath>/var/cache/fontconfig</ignorePath>
     *   <ignorePath>node_modules</ignorePath>
     * </ignorePaths>
     * }</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.ignorePaths=/tmp/**,/var/cache/**}.
     */
    @Parameter
    private List<String> ignorePaths;

    @Override
    protected void configure(CheckSettings.Builder builder) {
        super.configure(builder);
        builder.minEfficiency(minEfficiency).maxWastedBytes(maxWastedBytes).maxWastedPercent(maxWastedPercent)
                .maxReclaimable(maxReclaimable).packageCacheThreshold(packageCacheThreshold)
                .ignorePaths(list("ignorePaths", ignorePaths));
    }
}
