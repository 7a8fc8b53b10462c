package io.github.imagehygiene.rules.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.common.ByteSize;

/**
 * The inventory rules' settings, validated.
 *
 * @param deniedPackages the denied entries, in the user's order; empty for none
 * @param maxPackageSize the most bytes one package may hold, or null for no budget
 */
public record InventorySettings(List<DeniedPackage> deniedPackages, ByteSize maxPackageSize) {
    public static final InventorySettings NONE = new InventorySettings(List.of(), null);

    public InventorySettings {
        deniedPackages = deniedPackages == null ? List.of() : List.copyOf(deniedPackages);
    }

    /**
     * From the parameters as written.
     *
     * @param denied match (purl or name glob, optional Maven version range) → reason, in the user's order
     */
    public static InventorySettings parse(Map<String, String> denied, String maxPackageSize) {
        List<DeniedPackage> entries = new ArrayList<>();
        if (denied != null) {
            denied.forEach((match, reason) -> entries.add(DeniedPackage.of(match, reason)));
        }
        return new InventorySettings(entries, ByteSize.parseOptional("maxPackageSize", maxPackageSize));
    }
}
