package io.github.imagehygiene.analysis.inventory;

import java.util.List;

import io.github.imagehygiene.layer.ContentCollector;

/** The collectors the inventory needs, one instance each: rules and the SBOM writer ask for the same ones. */
public final class InventoryCollectors {
    public static final OsPackagesCollector OS_PACKAGES = new OsPackagesCollector();
    public static final JavaArtifactsCollector JAVA_ARTIFACTS = new JavaArtifactsCollector();

    private InventoryCollectors() {
    }

    /** Both, for {@code LayerScanner}: OS package databases and Java archives. */
    public static List<ContentCollector<?>> all() {
        return List.of(OS_PACKAGES, JAVA_ARTIFACTS);
    }
}
