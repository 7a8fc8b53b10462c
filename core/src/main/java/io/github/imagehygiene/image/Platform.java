package io.github.imagehygiene.image;

import java.util.Locale;
import java.util.Objects;

/** An OCI platform: os/architecture[/variant], e.g. {@code linux/arm64} or {@code linux/arm/v7}. */
public final class Platform {
    private final String os;
    private final String architecture;
    private final String variant;

    public Platform(String os, String architecture, String variant) {
        this.os = os == null ? "" : os;
        this.architecture = architecture == null ? "" : architecture;
        this.variant = variant == null || variant.isEmpty() ? null : variant;
    }

    /** Parses "os/arch[/variant]"; returns null for a value that is not of that form. */
    public static Platform parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    public String os() {
        return os;
    }

    public String architecture() {
        return architecture;
    }

    public String variant() {
        return variant;
    }

    /** True when this (a requested platform) selects {@code other}; a request without variant accepts any variant. */
    public boolean matches(Platform other) {
        return other != null && os.equals(other.os) && architecture.equals(other.architecture)
                && (variant == null || variant.equals(other.variant));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Platform && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(os, architecture, variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
