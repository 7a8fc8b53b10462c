package io.github.imagehygiene.analysis.inventory;

import java.util.List;

import io.github.imagehygiene.layer.ContentCollector;

/**
 * The collectors the inventory needs, one instance each: rules and the SBOM writer ask for the same ones, and the
 * Java layering analysis shares {@link #JAVA_ARCHIVES} (one collector of jars, see {@link JavaArchivesCollector}).
 */
public final class InventoryCollectors {
    public static final OsPackagesCollector OS_PACKAGES = new OsPackagesCollector();
    public static final JavaArchivesCollector JAVA_ARCHIVES = JavaArchivesCollector.INSTANCE;

    private InventoryCollectors() {
    }

    /** Both, for {@code LayerScanner}: OS package databases and Java archives. */
    public static List<ContentCollector<?>> all() {
        return List.of(OS_PACKAGES, JAVA_ARCHIVES);
    }
}
