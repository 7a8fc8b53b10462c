package io.github.imagehygiene.analysis.inventory;

import java.util.List;

/**
 * One installed operating-system package as its database records it.
 *
 * @param type         DEB, APK or RPM
 * @param name         the package name
 * @param epoch        the epoch, or null when the version has none
 * @param version      dpkg: the upstream version; rpm: %{VERSION}; apk: the whole {@code V:} string
 * @param release      dpkg: the Debian revision ("" when none); rpm: %{RELEASE}; apk: ""
 * @param arch         the architecture ("" when the database records none, as for rpm's gpg-pubkey)
 * @param source       the source package as recorded: dpkg {@code Source:} name (the package name when absent), apk
 *                     origin ({@code o:}), rpm SOURCERPM (null when the header has none)
 * @param sourceVersion dpkg: the source's version when {@code Source:} gives one in parentheses (a binNMU, or a
 *                     binary built with its own version), else null: the source has the package's own version;
 *                     apk and rpm: null
 * @param licenses     licences where the database records them (apk {@code L:}, rpm LICENSE); dpkg records none (see
 *                     the copyright files)
 * @param recordedSize installed bytes as the database records them (dpkg Installed-Size × 1024, apk {@code I:}, rpm
 *                     SIZE), or -1
 * @param files        the files the database lists for the package, absolute paths (dpkg: none here, they come from
 *                     info/NAME.list or status.d/NAME.md5sums)
 */
public record OsPackage(PackageType type, String name, Integer epoch, String version, String release, String arch,
        String source, String sourceVersion, List<String> licenses, long recordedSize, List<String> files) {

    public OsPackage {
        licenses = List.copyOf(licenses);
        files = List.copyOf(files);
    }

    /**
     * The version as the package manager prints it: dpkg {@code [epoch:]upstream[-revision]}, rpm
     * {@code [epoch:]version-release}, apk the {@code V:} string.
     */
    public String fullVersion() {
        StringBuilder sb = new StringBuilder();
        if (epoch != null && type != PackageType.APK) {
            sb.append(epoch).append(':');
        }
        sb.append(version);
        if (release != null && !release.isEmpty()) {
            sb.append('-').append(release);
        }
        return sb.toString();
    }

    /** The source package's name: rpm's SOURCERPM without "-VERSION-RELEASE.src.rpm", else {@link #source()}. */
    public String sourceName() {
        if (type == PackageType.RPM && source != null) {
            String s = source;
            for (String suffix : new String[] {".src.rpm", ".nosrc.rpm"}) {
                if (s.endsWith(suffix)) {
                    s = s.substring(0, s.length() - suffix.length());
                    int release = s.lastIndexOf('-');
                    int version = release > 0 ? s.lastIndexOf('-', release - 1) : -1;
                    return version > 0 ? s.substring(0, version) : source;
                }
            }
        }
        return source;
    }

    /**
     * The version of the source package, as distributions' advisories name it: dpkg's {@code Source:} version when
     * given ("glibc (2.36-9+deb12u4)"), else the package's own; rpm's from SOURCERPM
     * ("openssl-3.0.8-1.amzn2023.0.4.src.rpm" → "3.0.8-1.amzn2023.0.4", with the package's epoch); apk's own.
     */
    public String sourceFullVersion() {
        if (sourceVersion != null) {
            return sourceVersion;
        }
        if (type == PackageType.RPM && source != null && !source.equals(sourceName())) {
            String s = source.substring(sourceName().length() + 1).replaceFirst("\\.(no)?src\\.rpm$", "");
            return epoch != null ? epoch + ":" + s : s;
        }
        return fullVersion();
    }

    /** A copy listing these files (dpkg's file lists live beside the status database). */
    public OsPackage withFiles(List<String> newFiles) {
        return new OsPackage(type, name, epoch, version, release, arch, source, sourceVersion, licenses, recordedSize,
                newFiles);
    }

    /** A copy with these licences (dpkg's come from /usr/share/doc/NAME/copyright). */
    public OsPackage withLicenses(List<String> newLicenses) {
        return new OsPackage(type, name, epoch, version, release, arch, source, sourceVersion, newLicenses,
                recordedSize, files);
    }
}
