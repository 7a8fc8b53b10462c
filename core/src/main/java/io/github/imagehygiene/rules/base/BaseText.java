package io.github.imagehygiene.rules.base;

import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.analysis.base.OperatingSystem;

/** How the base-image rules name the base, its operating system and Java runtime, and their evidence. */
final class BaseText {
    private BaseText() {
    }

    /** "docker.io/library/openjdk:17 (from label org.opencontainers.image.base.name, Dockerfile Dockerfile:3)". */
    static String named(BaseImage base) {
        return base.name() + " (from " + base.nameEvidenceSummary() + ")";
    }

    /** "; conflicting evidence: ..." or "". */
    static String conflicts(BaseImage base) {
        return base.conflicts().isEmpty() ? "" : "; conflicting evidence: " + String.join("; ", base.conflicts());
    }

    /** "Debian GNU/Linux 12 (bookworm) (debian 12, from /etc/os-release -> /usr/lib/os-release, in the base image)". */
    static String os(BaseImage base) {
        OperatingSystem os = base.os();
        return os.describe() + " (" + os.id() + (os.versionId() == null ? "" : " " + os.versionId())
                + (os.distroless() ? ", distroless" : "") + ", from " + os.evidence().get(0).source() + ", "
                + base.where(os.layer()) + ")";
    }

    /** "Debian 17.0.15 (runtime only) (from /usr/lib/jvm/…/release, in your layers)". */
    static String java(BaseImage base) {
        JavaRuntime j = base.java();
        return j.describe() + " (from " + j.evidence().get(0).source() + ", " + base.where(j.layer()) + ")";
    }

    /** "base:docker.io/library/openjdk:17": what a finding about the base is about. */
    static String subject(BaseImage base) {
        return "base:" + base.name();
    }

    /** "os:debian:12", or "os" when no operating system was found. */
    static String subject(OperatingSystem os) {
        return os == null ? "os" : "os:" + os.id() + (os.versionId() == null ? "" : ":" + os.versionId());
    }

    /** The file that tells the operating system ("/etc/os-release"), or null. */
    static String path(OperatingSystem os) {
        return os == null || os.evidence().isEmpty() ? null : firstPath(os.evidence().get(0).source());
    }

    /** The release file of the Java runtime, or null. */
    static String path(JavaRuntime java) {
        return java == null || java.evidence().isEmpty() ? null : firstPath(java.evidence().get(0).source());
    }

    /** "/etc/os-release" of "/etc/os-release -> /usr/lib/os-release"; null for a source that is no path. */
    private static String firstPath(String source) {
        String s = source.contains(" -> ") ? source.substring(0, source.indexOf(" -> ")) : source;
        return s.startsWith("/") ? s : null;
    }

    /** The summary line when nothing names the base. */
    static final String UNKNOWN = "base unknown (see unknownBase)";
}
