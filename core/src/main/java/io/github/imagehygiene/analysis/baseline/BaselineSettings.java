package io.github.imagehygiene.analysis.baseline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * What the check compares with, validated: a report.json this plugin wrote, or an image (an archive, a layout
 * folder with {@code :TAG}, or {@code docker://}).
 *
 * @param location        as written, resolved by the front end
 * @param newFindingsOnly whether only findings the baseline lacks fail the build
 * @param writeTo         where this check writes its report.json as a baseline for later checks (the baseline goal,
 *                        the CLI's {@code baseline} command); null otherwise
 */
public record BaselineSettings(String location, boolean newFindingsOnly, Path writeTo) {
    /** No baseline. */
    public static final BaselineSettings NONE = new BaselineSettings(null, false, null);

    /**
     * A check that writes a baseline: it compares with none, and makes the inventory whatever the formats, so that
     * its report compares packages as the image itself would.
     */
    public static BaselineSettings writing(Path file) {
        return new BaselineSettings(null, false, file);
    }

    /** Whether this check writes a baseline ({@link #writeTo}). */
    public boolean writes() {
        return writeTo != null;
    }

    /** @throws ConfigurationException for a baseline file or folder that does not exist, before any layer is read */
    public static BaselineSettings parse(String location, Boolean newFindingsOnly) {
        if (location == null || location.isBlank()) {
            if (newFindingsOnly != null && newFindingsOnly) {
                throw new ConfigurationException("newFindingsOnly is true, but no baseline is set: set <baseline>"
                        + " (imageHygiene.baseline) to a report.json or an image");
            }
            return NONE;
        }
        String l = location.strip();
        if (!l.startsWith("docker://")) {
            Path p = Path.of(l);
            int colon = l.lastIndexOf(':');
            boolean withTag = colon > 1 && colon > l.lastIndexOf('/') && Files.exists(Path.of(l.substring(0, colon)));
            if (!Files.exists(p) && !withTag) {
                throw new ConfigurationException("Invalid value for baseline: " + l + " does not exist; write one"
                        + " with the baseline goal (image-hygiene:baseline), or name an image archive");
            }
        }
        return new BaselineSettings(l, newFindingsOnly != null && newFindingsOnly, null);
    }

    public boolean set() {
        return location != null;
    }

    /** Whether the baseline is a report.json (a JSON object), not an image. */
    public boolean isReport() {
        if (location == null || location.startsWith("docker://")) {
            return false;
        }
        Path p = Path.of(location);
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (var in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(64);
            String s = new String(head, StandardCharsets.UTF_8).stripLeading();
            return s.startsWith("{");
        } catch (java.io.IOException e) {
            throw new ConfigurationException("Cannot read the baseline " + location + ": "
                    + io.github.imagehygiene.common.FileProblem.of(e, p));
        }
    }
}
