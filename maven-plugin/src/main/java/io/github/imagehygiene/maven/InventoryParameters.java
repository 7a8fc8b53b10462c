package io.github.imagehygiene.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.imagehygiene.common.Flag;
import io.github.imagehygiene.analysis.inventory.ResolvedArtifact;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.settings.DeniedPackageParameter;

/**
 * The inventory's parameters: denied packages, a per-package budget, the SBOM, where jars without pom.properties are
 * identified (docs/inventory.md); and the project's resolved artifacts, by which they are identified first.
 */
public abstract class InventoryParameters extends BasePolicyParameters {
    /**
     * Packages that must not be in the image (OS packages, jars, nested and shaded libraries): a Package URL pattern
     * with an optional Maven-syntax version range, and why.
     *
     * <pre>{@code
     * <deniedPackages>
     *   <deniedPackage>
     *     <match>pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)</match>
     *     <reason>CVE-2021-44228 (Log4Shell)</reason>
     *   </deniedPackage>
     * </deniedPackages>
     * }</pre>
     *
     * <p>On the command line, comma-separated:
     * {@code -DimageHygiene.deniedPackages=log4j-core@[2.0,2.17.1),pkg:deb/debian/bash}
     * (matches without reasons; a version range's comma stays in its element).
     */
    @Parameter
    private List<DeniedPackageParameter> deniedPackages;

    /**
     * Budget for any one package (an OS package's files, a jar's own bytes; nested jars count on their own).
     *
     * <pre>{@code <maxPackageSize>20MB</maxPackageSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "maxPackageSize")
    private String maxPackageSize;

    /**
     * Whether to write the CycloneDX SBOM {@code sbom.cdx.json} (OS packages and Java libraries) next to report.json.
     * Default true.
     *
     * <pre>{@code <sbom>false</sbom>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "sbom")
    private String sbom;

    /**
     * The report files written to {@code reportDirectory}: {@code json} (report.json), {@code sbom} (sbom.cdx.json),
     * {@code sarif} (report.sarif, for GitHub code scanning), {@code junit} (TEST-image-hygiene.xml, for CI test
     * tabs), {@code html} (report.html) and {@code markdown} (summary.md, also appended to the file
     * {@code GITHUB_STEP_SUMMARY} names when that is set). Default: all of them.
     *
     * <pre>{@code <formats><format>json</format><format>sarif</format><format>html</format></formats>}</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.formats=json,junit}.
     */
    @Parameter
    private List<String> formats;

    /**
     * The Maven local repository in which a jar of the image that names no groupId itself (no pom.properties:
     * Spring's and Tomcat's jars) is looked up, by the artifactId and version of its file name or manifest, and
     * identified only when the repository's jar of that name has the same sha1. Looked up after the project's own
     * resolved artifacts (matched by sha1 too). {@code none} turns the lookup off. Default: the local repository of
     * this Maven session.
     *
     * <pre>{@code <mavenRepository>${user.home}/.m2/repository</mavenRepository>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "mavenRepository")
    private String mavenRepository;

    @Override
    protected void configure(CheckSettings.Builder builder) {
        super.configure(builder);
        Map<String, String> denied = new LinkedHashMap<>();
        if (deniedPackages != null) {
            deniedPackages.forEach(d -> denied.put(d.getMatch(), d.getReason()));
        } else {
            // on the command line, matches without reasons; a version range's comma stays in its element
            List<String> matches = list("deniedPackages", null);
            if (matches != null) {
                matches.forEach(m -> denied.put(m, null));
            }
        }
        File local = localRepository();
        builder.projectArtifacts(projectArtifacts()).mavenRepository(mavenRepository)
                .defaultMavenRepository(local == null ? null : local.toPath());
        String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
        builder.deniedPackages(denied).maxPackageSize(maxPackageSize).sbom(Flag.parse("sbom", sbom))
                .formats(list("formats", formats))
                .buildFile(project() == null ? null : project().getFile().toPath())
                .stepSummary(stepSummary == null || stepSummary.isBlank() ? null : java.nio.file.Path.of(stepSummary));
    }

    /**
     * The project's resolved dependencies (the goal asks Maven to resolve compile and runtime scopes; none without a
     * project), each with the file Maven resolved; a reactor module's classes folder is left to the core to skip.
     */
    private List<ResolvedArtifact> projectArtifacts() {
        List<ResolvedArtifact> out = new ArrayList<>();
        if (project() == null || project().getArtifacts() == null) {
            return out;
        }
        for (Artifact a : project().getArtifacts()) {
            if (a.getFile() != null) {
                out.add(new ResolvedArtifact(a.getGroupId(), a.getArtifactId(), a.getBaseVersion(), a.getClassifier(),
                        a.getFile().toPath()));
            }
        }
        return out;
    }
}
