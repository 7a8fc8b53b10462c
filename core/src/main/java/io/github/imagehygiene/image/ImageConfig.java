package io.github.imagehygiene.image;

import java.util.List;
import java.util.Map;

/**
 * The runtime configuration and history of an image, from its config blob. Lists and maps are never null; absent
 * scalar values are null.
 */
public record ImageConfig(
        String os,
        String architecture,
        String variant,
        String created,
        String user,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        Map<String, String> labels,
        List<String> exposedPorts,
        List<String> volumes,
        List<String> healthcheck,
        List<String> diffIds,
        List<HistoryEntry> history) {

    public Platform platform() {
        return new Platform(os, architecture, variant);
    }
}
