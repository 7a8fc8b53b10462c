package io.github.imagehygiene.report;

import java.nio.file.Path;

/**
 * What the check writes, and where.
 *
 * @param reportDirectory where report.json and sbom.cdx.json go; null writes no file (the console only)
 * @param sbom            whether to write sbom.cdx.json
 * @param toolName        the front end that ran the check, as the reports name the tool: the Maven plugin's
 *                        artifactId, or {@code image-hygiene-cli}
 * @param toolVersion     its version
 */
public record OutputSettings(Path reportDirectory, boolean sbom, String toolName, String toolVersion) {
    /** The tool's name when the front end gives none. */
    public static final String DEFAULT_TOOL_NAME = "image-hygiene";

    /** Nothing written but the console; the SBOM would be on. */
    public static final OutputSettings CONSOLE_ONLY = new OutputSettings(null, true, null, null);

    public OutputSettings {
        toolName = toolName == null || toolName.isBlank() ? DEFAULT_TOOL_NAME : toolName;
        toolVersion = toolVersion == null || toolVersion.isBlank() ? "dev" : toolVersion;
    }
}
