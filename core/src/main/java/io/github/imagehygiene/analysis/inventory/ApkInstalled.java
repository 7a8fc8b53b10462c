package io.github.imagehygiene.analysis.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Alpine's {@code /lib/apk/db/installed}: one record per package, "K:value" lines, records separated by a blank
 * line; {@code F:} names a folder and the {@code R:} lines after it its files. Pure function over text.
 */
public final class ApkInstalled {
    private ApkInstalled() {
    }

    public static List<OsPackage> parse(String text) {
        List<OsPackage> out = new ArrayList<>();
        Builder b = new Builder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isBlank()) {
                b.finish(out);
                b = new Builder();
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                continue;
            }
            String v = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> b.name = v;
                case 'V' -> b.version = v;
                case 'A' -> b.arch = v;
                case 'o' -> b.origin = v;
                case 'L' -> b.license = v;
                case 'I' -> b.size = parseLong(v);
                case 'F' -> b.folder = v;
                case 'R' -> b.files.add("/" + (b.folder == null || b.folder.isEmpty() ? "" : b.folder + "/") + v);
                default -> {
                    // other fields (checksums, dependencies, maintainer...) are not needed
                }
            }
        }
        b.finish(out);
        return out;
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Builder {
        String name;
        String version;
        String arch = "";
        String origin;
        String license;
        long size = -1;
        String folder;
        final List<String> files = new ArrayList<>();

        void finish(List<OsPackage> out) {
            if (name == null || name.isEmpty() || version == null) {
                return;
            }
            out.add(new OsPackage(PackageType.APK, name, null, version, "", arch, origin == null ? name : origin, null,
                    license == null || license.isBlank() ? List.of() : List.of(license), size, files));
        }
    }
}
