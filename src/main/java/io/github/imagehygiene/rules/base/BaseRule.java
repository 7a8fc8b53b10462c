package io.github.imagehygiene.rules.base;

import java.util.List;

import io.github.imagehygiene.analysis.base.BaseFiles;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.analysis.base.OperatingSystem;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.rules.Rule;

/** What the base-image rules share: the collector of OS and Java release files, and how messages name evidence. */
abstract class BaseRule implements Rule {

    @Override
    public List<ContentCollector<?>> collectors() {
        return List.of(BaseFiles.COLLECTOR);
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

    /** The summary line when nothing names the base. */
    static final String UNKNOWN = "base unknown (see unknownBase)";
}
