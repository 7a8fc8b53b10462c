package io.github.imagehygiene.maven;

import java.io.File;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import io.github.imagehygiene.common.Flag;
import io.github.imagehygiene.check.CheckRun;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.gate.Verdict;

/**
 * Checks the container image the build produced against size budgets and hygiene rules, and fails the build with a
 * numbered list of every breach. Writes {@code report.json} to {@link #reportDirectory}. Asks Maven for the project's
 * dependencies (compile, provided, system and runtime scopes): a jar in the image whose sha1 is one of theirs gets that
 * artifact's coordinates and purl, even without pom.properties (docs/inventory.md).
 */
// COMPILE_PLUS_RUNTIME rather than RUNTIME: a provided jar can be in the image too (a Spring Boot war's
// WEB-INF/lib-provided, an application server's base), and a sha1 match is exact, so more candidates cannot mislead;
// a lifecycle build has resolved those scopes already. Without a project, Maven's stub project has no dependency.
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class CheckMojo extends BaselineParameters {
    /** Jib's {@code buildTar} output, checked when {@link #image} is not set. */
    static final String JIB_DEFAULT_TAR = "jib-image.tar";

    /** The tool report.json and the SBOM name. */
    static final String PLUGIN_ARTIFACT_ID = "image-hygiene-maven-plugin";

    /**
     * The image: an archive ({@code docker save}, OCI layout tar, Jib {@code buildTar}), an OCI layout folder
     * ({@code PATH:TAG} picks a tag), or {@code docker://NAME[:TAG|@DIGEST]} read from a Docker daemon; a relative path
     * is the project folder's. Default: where Jib's {@code buildTar} writes it: the property {@code jib.outputPaths.tar},
     * else the jib-maven-plugin's {@code <outputPaths><tar>}, else {@code ${project.build.directory}/jib-image.tar}.
     *
     * <pre>{@code <image>${project.build.directory}/jib-image.tar</image>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "image")
    private String image;

    /**
     * The platform to check in a multi-platform index, or {@code all}: every platform, each checked as a whole, one
     * failure listing the breaches by platform, one report of each format holding them all. Default: the only one,
     * else {@code linux/amd64}.
     *
     * <pre>{@code <platform>linux/arm64</platform>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "platform")
    private String platform;

    /**
     * The Docker daemon for {@code docker://} images. Default: {@code DOCKER_HOST}, else the platform's socket.
     *
     * <pre>{@code <dockerHost>unix:///var/run/docker.sock</dockerHost>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "dockerHost")
    private String dockerHost;

    /**
     * Budget for the image size as {@code docker images} shows it: the bytes of all files in all layers. Units: B, KB,
     * MB, GB (1000) and KiB, MiB, GiB (1024).
     *
     * <pre>{@code <maxSize>300MB</maxSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxSize")
    private String maxSize;

    /**
     * Budget for what a registry push transfers (gzip-estimated for layers stored uncompressed).
     *
     * <pre>{@code <maxCompressedSize>120MB</maxCompressedSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxCompressedSize")
    private String maxCompressedSize;

    /**
     * Budget for any one layer, measured as {@code docker history} shows it (the bytes of the layer's files).
     *
     * <pre>{@code <maxLayerSize>100MiB</maxLayerSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxLayerSize")
    private String maxLayerSize;

    /**
     * The most layers the image may have.
     *
     * <pre>{@code <maxLayers>20</maxLayers>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxLayers")
    private Integer maxLayers;

    /**
     * The level of each rule by id: {@code ERROR} fails the build, {@code WARN} logs a warning, {@code OFF} skips it.
     *
     * <pre>{@code
     * <levels>
     *   <maxLayers>WARN</maxLayers>
     *   <maxCompressedSize>OFF</maxCompressedSize>
     * </levels>
     * }</pre>
     */
    @Parameter
    private Map<String, String> levels;

    /**
     * Whether ERROR findings fail the build; when false they are logged and the report says FAIL.
     *
     * <pre>{@code <failOnError>false</failOnError>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "failOnError", defaultValue = "true")
    private String failOnError;

    /**
     * Where report.json and sbom.cdx.json are written. Default {@code ${project.build.directory}/image-hygiene};
     * without a project, {@code target/image-hygiene} in the folder Maven runs in.
     *
     * <pre>{@code <reportDirectory>${project.build.directory}/image-hygiene</reportDirectory>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "reportDirectory")
    private File reportDirectory;

    /**
     * How many layers are read at once; 0 (the default) means one per processor, but at most one per 64 MiB of heap
     * (4 under {@code -Xmx256m}).
     *
     * <pre>{@code <threads>2</threads>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "threads")
    private Integer threads;

    /**
     * Whether to estimate the gzip size of layers stored uncompressed ({@code docker save}, the Docker daemon): what
     * a push of them transfers, from deflated samples of them (within about 1 % of gzip). When false, such layers
     * count at their stored size. Default true.
     *
     * <pre>{@code <estimateCompressedSize>false</estimateCompressedSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "estimateCompressedSize")
    private String estimateCompressedSize;

    /**
     * The longest reading the image may take, and each download of a vulnerability database: a longer run (a layer of
     * many gigabytes, a Docker daemon that stopped sending, a server trickling a download) fails with a clear error
     * instead of holding the build. Units ms, s, m, h (e.g. {@code 1h30m}) or
     * ISO-8601 ({@code PT30M}); {@code 0} for no limit. Default 30m.
     *
     * <pre>{@code <timeout>30m</timeout>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "timeout")
    private String timeout;

    /**
     * Where what one reading of each layer found (its entries, what the rules read of its files) is kept, keyed by the
     * layer's digest, the plugin version and the rules' settings, so that a later build over the same layers only
     * hashes them (a layer whose content no longer matches its digest still fails) and writes the same reports. Shared
     * by every project and build of the user, two at once included. A folder that cannot be written leaves the
     * build as it is, with one warning. {@code none} turns it off. Default {@code ~/.cache/image-hygiene/layers}.
     *
     * <pre>{@code <layerCache>${user.home}/.cache/image-hygiene/layers</layerCache>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "layerCache")
    private String layerCache;

    /**
     * The most bytes {@code layerCache} keeps; beyond it, the layers used least recently are removed. A layer whose
     * cache file alone is larger is read in full on every run, said once as a warning. Units as for {@code maxSize}
     * (MB, GB, MiB, GiB ...). Default 2GB.
     *
     * <pre>{@code <layerCacheMaxSize>500MB</layerCacheMaxSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "layerCacheMaxSize")
    private String layerCacheMaxSize;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Override
    protected void executeCheck() throws MojoExecutionException, MojoFailureException {
        boolean fail = !Boolean.FALSE.equals(Flag.parse("failOnError", failOnError));
        CheckRun run = ImageCheck.check(settings().build(), logSink());
        if (run.verdict() == Verdict.FAIL) {
            if (fail) {
                throw new MojoFailureException(run.failureMessage());
            }
            getLog().error(run.failureMessage() + " (failOnError is false: the build goes on)");
        }
    }

    /** The parameters as the core's settings, not yet validated. */
    protected CheckSettings.Builder settings() throws MojoExecutionException {
        CheckSettings.Builder builder = CheckSettings.builder()
                .image(image != null && !image.isBlank() ? resolvedLocation(image) : defaultImage())
                .platform(platform)
                .dockerHost(dockerHost)
                .maxSize(maxSize)
                .maxCompressedSize(maxCompressedSize)
                .maxLayerSize(maxLayerSize)
                .maxLayers(maxLayers)
                .levels(levels)
                .threads(threads)
                .estimateCompressedSize(Flag.parse("estimateCompressedSize", estimateCompressedSize))
                .layerCache(layerCache)
                .layerCacheMaxSize(layerCacheMaxSize)
                .reportDirectory(reportDirectory().toPath())
                .tool(PLUGIN_ARTIFACT_ID, pluginVersion)
                .timeout(timeout);
        configure(builder);
        return builder;
    }

    /** reportDirectory, else target/image-hygiene. */
    protected File reportDirectory() {
        return reportDirectory != null ? reportDirectory : new File(buildDirectory(), "image-hygiene");
    }

    /** Jib's tar: where its configuration says it writes it, else its default {@code target/jib-image.tar}. */
    private String defaultImage() throws MojoExecutionException {
        File configured = jibOutputTar();
        File jib = configured != null ? configured : new File(buildDirectory(), JIB_DEFAULT_TAR);
        if (!jib.isFile()) {
            throw new MojoExecutionException("No image to check: " + jib + " (Jib's buildTar output"
                    + (configured != null ? ", as its outputPaths.tar names it" : "") + ") does not exist;"
                    + " run jib:buildTar first, or set <image> / -DimageHygiene.image to an archive, an OCI layout"
                    + " folder or docker://NAME:TAG");
        }
        return jib.getPath();
    }
}
