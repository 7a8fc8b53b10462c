package io.github.imagehygiene.analysis.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Reads the operating-system package databases during the layer pass, each copy of each layer (a package's layer is
 * where its record first appears unchanged), parsed at once so that only the package lists are kept: dpkg's status,
 * status.d/ and info/*.list, apk's installed, rpm's three database formats (collected as bytes only at their exact
 * paths, bounded), os-release and Debian copyright files. Stateless, so thread-safe.
 */
public final class OsPackagesCollector implements ContentCollector<OsPackagesCollector.Content> {
    public static final String ID = "os-packages";

    public static final String DPKG_STATUS = "/var/lib/dpkg/status";
    public static final String DPKG_STATUS_D = "/var/lib/dpkg/status.d/";
    public static final String DPKG_INFO = "/var/lib/dpkg/info/";
    public static final String APK_INSTALLED = "/lib/apk/db/installed";
    /** Where rpm keeps its database, newest format first: the first one present is the one rpm uses. */
    public static final List<String> RPM_DATABASES = List.of("/var/lib/rpm/rpmdb.sqlite", "/var/lib/rpm/Packages.db",
            "/var/lib/rpm/Packages", "/usr/lib/sysimage/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/Packages.db",
            "/usr/lib/sysimage/rpm/Packages");
    public static final List<String> OS_RELEASE = List.of("/etc/os-release", "/usr/lib/os-release");
    private static final String DOC = "/usr/share/doc/";

    /** An rpm database is held in memory while it is parsed: no larger than this. */
    static final long MAX_RPM_DATABASE = 512L * 1024 * 1024;
    /** Text databases and lists no larger than this. */
    static final long MAX_TEXT = 64L * 1024 * 1024;
    static final long MAX_COPYRIGHT = 1024 * 1024;
    /** Maintainer scripts and other companions of status.d/NAME that are not package records. */
    private static final Set<String> STATUS_D_COMPANIONS = Set.of("md5sums", "preinst", "postinst", "prerm", "postrm",
            "conffiles", "list", "triggers", "shlibs", "symbols", "templates", "config");

    /** What was kept of one file. */
    public sealed interface Content {
    }

    /** The packages of one database file (dpkg status, one status.d file, apk installed, an rpm database). */
    public record Packages(PackageType type, List<OsPackage> packages) implements Content {
    }

    /** A dpkg file list: info/NAME[:ARCH].list or status.d/NAME.md5sums. */
    public record FileList(List<String> files) implements Content {
    }

    public record Release(OsRelease release) implements Content {
    }

    /** The licences of /usr/share/doc/NAME/copyright. */
    public record Licenses(List<String> licenses) implements Content {
    }

    @Override
    public String id() {
        return ID;
    }

    /** No settings: what it keeps depends on the file alone. */
    @Override
    public String cacheSettings() {
        return "";
    }

    @Override
    public boolean wants(String path, long size) {
        if (path.equals(DPKG_STATUS) || path.equals(APK_INSTALLED) || OS_RELEASE.contains(path)) {
            return size <= MAX_TEXT;
        }
        if (path.startsWith(DPKG_STATUS_D)) {
            boolean direct = path.indexOf('/', DPKG_STATUS_D.length()) < 0;
            return direct && size <= MAX_TEXT && (path.endsWith(".md5sums") || !isCompanion(path));
        }
        if (path.startsWith(DPKG_INFO)) {
            return path.endsWith(".list") && path.indexOf('/', DPKG_INFO.length()) < 0 && size <= MAX_TEXT;
        }
        if (path.startsWith(DOC) && path.endsWith("/copyright")) {
            return path.indexOf('/', DOC.length()) == path.length() - "/copyright".length() && size <= MAX_COPYRIGHT;
        }
        return RPM_DATABASES.contains(path) && size <= MAX_RPM_DATABASE;
    }

    private static boolean isCompanion(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && STATUS_D_COMPANIONS.contains(name.substring(dot + 1));
    }

    @Override
    public Content collect(FileEntry entry, InputStream content) throws IOException {
        String path = entry.path();
        if (RPM_DATABASES.contains(path)) {
            byte[] db = content.readNBytes((int) Math.min(entry.size(), MAX_RPM_DATABASE));
            try {
                return new Packages(PackageType.RPM, RpmDatabase.read(db));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
        }
        String text = new String(content.readNBytes((int) Math.min(entry.size(), MAX_TEXT)), StandardCharsets.UTF_8);
        if (path.equals(APK_INSTALLED)) {
            return new Packages(PackageType.APK, ApkInstalled.parse(text));
        }
        if (OS_RELEASE.contains(path)) {
            return new Release(OsRelease.parse(text));
        }
        if (path.startsWith(DOC)) {
            List<String> licenses = DpkgStatus.copyrightLicenses(text);
            return licenses.isEmpty() ? null : new Licenses(licenses);
        }
        if (path.startsWith(DPKG_INFO)) {
            return new FileList(DpkgStatus.parseFileList(text));
        }
        if (path.startsWith(DPKG_STATUS_D) && path.endsWith(".md5sums")) {
            return new FileList(DpkgStatus.parseMd5sums(text));
        }
        return new Packages(PackageType.DEB, DpkgStatus.parse(text));
    }
}
