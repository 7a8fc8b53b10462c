package io.github.imagehygiene.rules.inventory;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.analysis.inventory.Component;

/** Names a package in messages: "log4j-core 2.14.1 (pkg:maven/...) in /app/app.jar!/BOOT-INF/lib/..., layer #2". */
final class PackageLabel {
    private PackageLabel() {
    }

    /** What a finding about the package is about: its purl, else its location (a jar without Maven metadata). */
    static String subject(Component c) {
        return c.purl() != null ? c.purl() : c.location();
    }

    /** A breach about the package, located where it was found. */
    static Breach breach(Component c, ImageAnalysis analysis, String subject, String message) {
        Breach b = Breach.of(subject, message).path(c.location());
        return c.layer() > 0 ? b.inLayer(c.layer(), BaseLayers.of(analysis).origin(c.layer())) : b;
    }

    static String of(Component c, List<LayerSummary> layers) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.displayName());
        if (c.version() != null) {
            sb.append(' ').append(c.version());
        }
        sb.append(" (").append(c.purl() != null ? c.purl() : "sha1 " + c.sha1()).append(')');
        sb.append(" in ").append(c.location());
        if (c.layer() > 0) {
            sb.append(", layer #").append(c.layer());
            if (c.layer() <= layers.size()) {
                String instruction = layers.get(c.layer() - 1).instruction();
                if (!instruction.isEmpty()) {
                    sb.append(" (").append(instruction.length() <= 50 ? instruction
                            : instruction.substring(0, 47).stripTrailing() + "...").append(')');
                }
            }
        }
        return sb.toString();
    }
}
