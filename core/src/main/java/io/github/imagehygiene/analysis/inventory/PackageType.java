package io.github.imagehygiene.analysis.inventory;

/** The ecosystem of an inventoried package: its database format and its Package URL type. */
public enum PackageType {
    /** Debian/Ubuntu dpkg: /var/lib/dpkg/status, distroless status.d/. */
    DEB("deb"),
    /** Alpine apk: /lib/apk/db/installed. */
    APK("apk"),
    /** rpm: rpmdb.sqlite, Berkeley DB Packages, NDB Packages.db. */
    RPM("rpm"),
    /** Java archives (jar, war, ear), nested and shaded ones included. */
    MAVEN("maven");

    private final String purlType;

    PackageType(String purlType) {
        this.purlType = purlType;
    }

    /** The Package URL type: deb, apk, rpm, maven. */
    public String purlType() {
        return purlType;
    }
}
