package io.github.imagehygiene.maven;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugins.annotations.Parameter;

import io.github.imagehygiene.common.Flag;
import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.settings.DeniedBaseImage;

/**
 * The base image policy's parameters (docs/base-image.md, docs/base-policy-cookbook.md), and what the build itself
 * says about the base: Jib's and docker-maven-plugin's configuration and the Dockerfile.
 */
public abstract class BasePolicyParameters extends AbstractImageHygieneMojo {
    /**
     * Base images the image may be built on: glob patterns on the normalised reference ({@code docker.io/library/}
     * implied for short names); a base matching none fails.
     *
     * <pre>{@code
     * <allowedBaseImages>
     *   <allowedBaseImage>amazoncorretto:17.*-al2023</allowedBaseImage>
     *   <allowedBaseImage>gcr.io/distroless/java17-debian12*</allowedBaseImage>
     * </allowedBaseImages>
     * }</pre>
     *
     * <p>On the command line, comma-separated:
     * {@code -DimageHygiene.allowedBaseImages=amazoncorretto:17.*-al2023,debian:12}.
     */
    @Parameter
    private List<String> allowedBaseImages;

    /**
     * Base images that fail the build, each with the reason the message repeats.
     *
     * <pre>{@code
     * <deniedBaseImages>
     *   <deniedBaseImage><image>openjdk:*</image><reason>deprecated upstream, no security updates</reason></deniedBaseImage>
     * </deniedBaseImages>
     * }</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.deniedBaseImages=openjdk:*,centos:*}.
     */
    @Parameter
    private List<DeniedBaseImage> deniedBaseImages;

    /**
     * How the base must be pinned: {@code TAG} (no {@code latest}, no missing tag) or {@code DIGEST}.
     *
     * <pre>{@code <requirePinnedBase>TAG</requirePinnedBase>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "requirePinnedBase")
    private String requirePinnedBase;

    /**
     * Known base images for the layer fingerprint: {@code [NAME=]ARCHIVE} (any format the plugin reads; only its
     * metadata is read) or {@code NAME=sha256:…,sha256:…} (diff_ids).
     *
     * <pre>{@code
     * <baseImages>
     *   <baseImage>amazoncorretto:17.0.10-al2023=${project.basedir}/bases/corretto.tar</baseImage>
     * </baseImages>
     * }</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.baseImages=base.tar,docker://debian:12};
     * there, separate a fingerprint's diff_ids with spaces.
     */
    @Parameter
    private List<String> baseImages;

    /**
     * Operating systems the image may run: {@code ID}, {@code ID=VERSION}, {@code ID>=VERSION}, {@code distroless},
     * {@code none}.
     *
     * <pre>{@code <allowedOperatingSystems><allowedOperatingSystem>debian>=12</allowedOperatingSystem></allowedOperatingSystems>}</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.allowedOperatingSystems=debian>=12,alpine>=3.20}.
     */
    @Parameter
    private List<String> allowedOperatingSystems;

    /**
     * A newer end-of-life table, in the format of the bundled one. Default: the bundled table.
     *
     * <pre>{@code <eolData>${project.basedir}/eol.csv</eolData>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "eolData")
    private File eolData;

    /**
     * Warn this many days before the operating system's end of life. Default 90.
     *
     * <pre>{@code <eolWarningDays>180</eolWarningDays>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "eolWarningDays")
    private Integer eolWarningDays;

    /**
     * The oldest Java runtime allowed in the image.
     *
     * <pre>{@code <minJavaVersion>17.0.10</minJavaVersion>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "minJavaVersion")
    private String minJavaVersion;

    /**
     * Java vendors allowed (the runtime's IMPLEMENTOR; globs, any case).
     *
     * <pre>{@code <allowedJavaVendors><allowedJavaVendor>Amazon.com Inc.</allowedJavaVendor></allowedJavaVendors>}</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.allowedJavaVendors=Amazon,Eclipse}.
     */
    @Parameter
    private List<String> allowedJavaVendors;

    /**
     * The Dockerfile whose final stage names the base. Default: {@code ${project.basedir}/Dockerfile} when present.
     *
     * <pre>{@code <dockerfile>${project.basedir}/docker/Dockerfile</dockerfile>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "dockerfile")
    private File dockerfile;

    /**
     * Whether the rules that judge the build's own work (waste, reclaimable bytes, caches, history, build tools,
     * layering, setuid, world-writable and stray files) also count the base image's layers. By default, once the
     * base's layers are known, they count only the layers above them and report the base's share as information.
     *
     * <pre>{@code <countBaseLayers>true</countBaseLayers>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "countBaseLayers")
    private String countBaseLayers;

    /** Adds the base policy to the core settings. */
    protected void configure(CheckSettings.Builder builder) {
        BuildConfigurationReader.Values v = BuildConfigurationReader.read(project(), this::property, dockerfile,
                baseDirectory());
        builder.allowedBaseImages(list("allowedBaseImages", allowedBaseImages))
                .deniedBaseImages(denied())
                .requirePinnedBase(requirePinnedBase)
                .allowedOperatingSystems(list("allowedOperatingSystems", allowedOperatingSystems))
                .eolWarningDays(eolWarningDays)
                .eolData(eolData == null ? null : eolData.toPath())
                .minJavaVersion(minJavaVersion)
                .allowedJavaVendors(list("allowedJavaVendors", allowedJavaVendors))
                .baseImages(list("baseImages", baseImages))
                .countBaseLayers(Flag.parse("countBaseLayers", countBaseLayers))
                .buildHints(new BuildHints(v.jibFromImage(), v.jibFromImageSource(), v.dockerMavenPluginFrom(),
                        v.dockerfile() == null ? null : v.dockerfile().toPath(),
                        v.basedir() == null ? null : v.basedir().toPath()));
    }

    /** Jib's tar as its configuration names it ({@code <outputPaths><tar>}, {@code jib.outputPaths.tar}), or null. */
    protected File jibOutputTar() {
        return BuildConfigurationReader.read(project(), this::property, dockerfile, baseDirectory()).jibOutputTar();
    }

    /** The deny-list; on the command line {@code PATTERN[=REASON]} elements. */
    private Map<String, String> denied() {
        Map<String, String> m = new LinkedHashMap<>();
        if (deniedBaseImages != null) {
            for (DeniedBaseImage d : deniedBaseImages) {
                m.put(d.getImage(), d.getReason());
            }
            return m;
        }
        List<String> fromProperty = list("deniedBaseImages", null);
        if (fromProperty == null) {
            return null;
        }
        for (String e : fromProperty) {
            int eq = e.indexOf('=');
            m.put(eq < 0 ? e : e.substring(0, eq).strip(), eq < 0 ? null : e.substring(eq + 1).strip());
        }
        return m;
    }
}
