package io.github.imagehygiene.report;

import java.nio.file.Path;

/**
 * What the check writes, and where.
 *
 * @param reportDirectory where report.json and sbom.cdx.json go; null writes no file (the console only)
 * @param sbom            whether to write sbom.cdx.json
 * @param toolVersion     the plugin's version, as the reports name the tool
 */
public record OutputSettings(Path reportDirectory, boolean sbom, String toolVersion) {
    /** Nothing written but the console; the SBOM would be on. */
    public static final OutputSettings CONSOLE_ONLY = new OutputSettings(null, true, "dev");

    public OutputSettings {
        toolVersion = toolVersion == null || toolVersion.isBlank() ? "dev" : toolVersion;
    }
}
