package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;

/** How the security rules word modes and locate their breaches. */
final class SecurityText {
    private SecurityText() {
    }

    /** "0644", "4755": the permission bits in octal. */
    static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /**
     * A breach about a path, or about the config when {@code path} is null (narrow its subject with
     * {@link Breach#withSubject}).
     */
    static Breach breach(String message, String path, Origin origin) {
        return (path == null ? Breach.of("config", message) : Breach.atPath(path, message)).origin(origin);
    }

    /** A breach about a path in the image, added by a layer. */
    static Breach at(String path, int layer, Origin origin, String message) {
        return Breach.atPath(path, message).inLayer(layer, origin);
    }

    /** A breach about a config value ({@code env:API_TOKEN}, {@code config:User}), set by whose history entry. */
    static Breach config(String subject, Origin origin, String message) {
        return Breach.of(subject, message).origin(origin);
    }
}
