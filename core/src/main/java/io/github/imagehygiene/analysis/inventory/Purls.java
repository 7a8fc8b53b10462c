package io.github.imagehygiene.analysis.inventory;

import java.util.Locale;
import java.util.TreeMap;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;

/**
 * Package URLs (https://github.com/package-url/purl-spec) in canonical form, built with packageurl-java:
 * {@code pkg:deb/debian/bash@5.2.15-2%2Bb13?arch=amd64&distro=debian-12}, {@code pkg:apk/alpine/musl@1.2.5-r0?...},
 * {@code pkg:rpm/amzn/openssl-libs@3.0.8-1.amzn2023.0.4?arch=x86_64&distro=amzn-2023&epoch=1},
 * {@code pkg:maven/org.apache.commons/commons-lang3@3.13.0}.
 */
public final class Purls {
    private Purls() {
    }

    /**
     * The purl of an OS package. The namespace is the distribution's os-release ID (dpkg and apk fall back to
     * debian and alpine when the image has no os-release; rpm then has none); {@code distro} is ID-VERSION_ID.
     */
    public static String of(OsPackage p, OsRelease os) {
        String namespace = os.id().isEmpty() ? switch (p.type()) {
            case DEB -> "debian";
            case APK -> "alpine";
            default -> null;
        } : os.id().toLowerCase(Locale.ROOT);
        TreeMap<String, String> q = new TreeMap<>();
        if (!p.arch().isEmpty()) {
            q.put("arch", p.arch());
        }
        if (!os.distro().isEmpty()) {
            q.put("distro", os.distro());
        }
        String version;
        if (p.type() == PackageType.RPM) {
            version = p.release().isEmpty() ? p.version() : p.version() + "-" + p.release();
            if (p.epoch() != null) {
                q.put("epoch", p.epoch().toString());
            }
        } else {
            version = p.fullVersion();
        }
        return build(p.type().purlType(), namespace, p.name(), version, q);
    }

    /**
     * The purl of a Java archive or of a library shaded into one; null when the groupId is unknown (a Maven purl
     * needs one, and a guessed one would be wrong: the archive's sha1 identifies it instead).
     */
    public static String maven(String groupId, String artifactId, String version, String fileName) {
        return maven(groupId, artifactId, version, null, fileName);
    }

    /** As {@link #maven(String, String, String, String)}, with the artifact's classifier (null or empty: none). */
    public static String maven(String groupId, String artifactId, String version, String classifier,
            String fileName) {
        if (groupId == null || groupId.isBlank()) {
            return null;
        }
        TreeMap<String, String> q = new TreeMap<>();
        if (classifier != null && !classifier.isEmpty()) {
            q.put("classifier", classifier);
        }
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".war") || lower.endsWith(".ear")) {
            q.put("type", lower.substring(lower.length() - 3));
        }
        return build("maven", groupId, artifactId, version, q);
    }

    private static String build(String type, String namespace, String name, String version,
            TreeMap<String, String> qualifiers) {
        try {
            return new PackageURL(type, namespace, name, version == null || version.isEmpty() ? null : version,
                    qualifiers.isEmpty() ? null : qualifiers, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("no Package URL for " + type + " " + namespace + "/" + name + "@"
                    + version + ": " + e.getMessage(), e);
        }
    }
}
