package io.github.imagehygiene.settings;

/** One {@code <deniedPackage>}: a package pattern (optionally with a Maven version range) and why it is denied. */
public class DeniedPackageParameter {
    /** A Package URL or name glob, e.g. {@code pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)}. */
    private String match;
    /** Why, repeated in the breach, e.g. {@code CVE-2021-44228 (Log4Shell)}. */
    private String reason;

    public String getMatch() {
        return match;
    }

    public String getReason() {
        return reason;
    }
}
