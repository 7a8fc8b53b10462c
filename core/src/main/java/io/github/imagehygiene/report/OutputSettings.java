package io.github.imagehygiene.report;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the check writes, and where.
 *
 * @param reportDirectory where the report files go; null writes no file (the console only)
 * @param formats         which files: report.json, the SBOM, SARIF, JUnit XML, HTML, Markdown
 * @param toolName        the front end that ran the check, as the reports name the tool: the Maven plugin's
 *                        artifactId, or {@code image-hygiene-cli}
 * @param toolVersion     its version
 * @param sources         where the findings point in the repository (SARIF's locations)
 * @param stepSummary     a file the Markdown summary is appended to as well (GitHub's {@code GITHUB_STEP_SUMMARY});
 *                        null for none
 */
public record OutputSettings(Path reportDirectory, Set<ReportFormat> formats, String toolName, String toolVersion,
        Sources sources, Path stepSummary) {
    /** The tool's name when the front end gives none. */
    public static final String DEFAULT_TOOL_NAME = "image-hygiene";

    /** Nothing written but the console. */
    public static final OutputSettings CONSOLE_ONLY = new OutputSettings(null, null, null, null, null, null);

    public OutputSettings {
        formats = formats == null ? EnumSet.allOf(ReportFormat.class) : Set.copyOf(formats);
        toolName = toolName == null || toolName.isBlank() ? DEFAULT_TOOL_NAME : toolName;
        toolVersion = toolVersion == null || toolVersion.isBlank() ? "dev" : toolVersion;
        sources = sources == null ? Sources.NONE : sources;
        // said before the image is read, not after
        for (Path p = reportDirectory; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)) {
                throw new io.github.imagehygiene.common.ConfigurationException("Invalid value for reportDirectory: "
                        + reportDirectory + (p.equals(reportDirectory) ? " is a file" : ": " + p + " is a file")
                        + ", not a folder; name a folder to write the reports to");
            }
        }
    }

    /** The same, writing the given formats only. */
    public OutputSettings(Path reportDirectory, Set<ReportFormat> formats, String toolName, String toolVersion) {
        this(reportDirectory, formats, toolName, toolVersion, null, null);
    }

    public boolean writes(ReportFormat f) {
        return reportDirectory != null && formats.contains(f);
    }

    /** Whether the SBOM is asked for (and so the inventory made), whether or not files are written. */
    public boolean sbom() {
        return formats.contains(ReportFormat.SBOM);
    }

    /**
     * The files of the repository a finding can point at: where SARIF puts a result, relative to the repository's
     * root, since code scanning shows it on that file.
     *
     * @param root       the repository's root (the folder holding {@code .git}), else the project folder
     * @param dockerfile the Dockerfile the image was built from, when one is known
     * @param fromLine   the line of its final stage's FROM; 0 when unknown
     * @param buildFile  the build file that configured the check ({@code pom.xml}, the CLI's config file)
     */
    public record Sources(Path root, Path dockerfile, int fromLine, Path buildFile) {
        public static final Sources NONE = new Sources(null, null, 0, null);
    }
}
