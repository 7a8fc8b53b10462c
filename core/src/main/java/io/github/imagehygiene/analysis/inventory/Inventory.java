package io.github.imagehygiene.analysis.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.layer.Collected;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * What is installed in the image's final filesystem: OS packages from the package databases still visible, and Java
 * archives (nested and shaded libraries included), each with its Package URL, the layer it came from and the bytes it
 * accounts for. Needs {@link InventoryCollectors#all()} to have run during the layer pass; a derived analysis:
 * {@code Inventory.from(analysis)}.
 */
public final class Inventory {
    private final OsRelease os;
    private final List<Component> components;
    private final long fileBytes;
    private final long attributedBytes;

    private Inventory(OsRelease os, List<Component> components, long fileBytes, long attributedBytes) {
        this.os = os;
        this.components = List.copyOf(components);
        this.fileBytes = fileBytes;
        this.attributedBytes = attributedBytes;
    }

    /** The image's inventory, computed once per analysis. */
    public static Inventory from(ImageAnalysis analysis) {
        return analysis.derived(Inventory.class, Inventory::of);
    }

    /** The distribution from os-release ({@link OsRelease#UNKNOWN} without one). */
    public OsRelease os() {
        return os;
    }

    /** OS packages in database order, then Java archives by path (each followed by what is nested in it). */
    public List<Component> components() {
        return components;
    }

    public List<Component> osPackages() {
        return components.stream().filter(c -> c.type() != PackageType.MAVEN).toList();
    }

    public List<Component> javaArtifacts() {
        return components.stream().filter(c -> c.type() == PackageType.MAVEN).toList();
    }

    /** Bytes of all regular files of the final filesystem (hard links once). */
    public long fileBytes() {
        return fileBytes;
    }

    /** Bytes of the files some package accounts for. */
    public long attributedBytes() {
        return attributedBytes;
    }

    /** Bytes of files no package accounts for: the application, generated files, caches. */
    public long unattributedBytes() {
        return fileBytes - attributedBytes;
    }

    /** The {@code n} components with the most bytes, most first (ties by name). */
    public List<Component> largest(int n) {
        return components.stream().filter(c -> c.bytes() > 0)
                .sorted(Comparator.comparingLong(Component::bytes).reversed().thenComparing(Component::name)
                        .thenComparing(Component::location))
                .limit(n).toList();
    }

    /** Builds the inventory; prefer {@link #from(ImageAnalysis)}, which keeps it. */
    public static Inventory of(ImageAnalysis analysis) {
        return new Builder(analysis).build();
    }

    private static final class Builder {
        private final ImageAnalysis analysis;
        private final LayeredFilesystem fs;
        private final List<LayerScan> scans;
        /** path → layer (1-based) → what the OS collector kept of that path in that layer. */
        private final Map<String, TreeMap<Integer, OsPackagesCollector.Content>> osContent = new HashMap<>();
        private final Map<Integer, List<FileEntry>> whiteouts = new HashMap<>();
        /** Canonical paths (hard links: their target) some component accounts for. */
        private final Set<String> owned = new HashSet<>();
        private long attributed;

        Builder(ImageAnalysis analysis) {
            this.analysis = analysis;
            this.fs = analysis.filesystem();
            this.scans = analysis.scans();
            for (int i = 0; i < scans.size(); i++) {
                for (Collected c : scans.get(i).collected()) {
                    if (c.collector().equals(OsPackagesCollector.ID)
                            && c.value() instanceof OsPackagesCollector.Content content) {
                        osContent.computeIfAbsent(c.path(), p -> new TreeMap<>()).put(i + 1, content);
                    }
                }
            }
        }

        Inventory build() {
            OsRelease os = visible(OsPackagesCollector.OS_RELEASE.get(0), OsPackagesCollector.Release.class)
                    .or(() -> visible(OsPackagesCollector.OS_RELEASE.get(1), OsPackagesCollector.Release.class))
                    .map(OsPackagesCollector.Release::release).orElse(OsRelease.UNKNOWN);
            List<Component> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<String> databases = new ArrayList<>();
            databases.add(OsPackagesCollector.DPKG_STATUS);
            osContent.keySet().stream().filter(p -> p.startsWith(OsPackagesCollector.DPKG_STATUS_D)).sorted()
                    .forEach(databases::add);
            databases.add(OsPackagesCollector.APK_INSTALLED);
            for (String rpm : OsPackagesCollector.RPM_DATABASES) {
                if (visible(rpm, OsPackagesCollector.Packages.class).isPresent()) {
                    databases.add(rpm);
                    break; // the newest format present is the one rpm uses
                }
            }
            for (String db : databases) {
                Optional<OsPackagesCollector.Packages> packages = visible(db, OsPackagesCollector.Packages.class);
                if (packages.isEmpty()) {
                    continue;
                }
                int top = fs.get(db).map(LayeredFilesystem.Node::layer).orElse(0);
                for (OsPackage p : packages.get().packages()) {
                    if (seen.add(p.type() + "|" + p.name() + "|" + p.arch())) {
                        out.add(osComponent(withDpkgExtras(p, db), os, db, origin(db, top, key(p))));
                    }
                }
            }
            out.addAll(javaComponents());
            long total = 0;
            for (LayeredFilesystem.Node n : fs.nodes()) {
                if (n.entry().type() == EntryType.FILE) {
                    total += n.entry().size();
                }
            }
            return new Inventory(os, out, total, attributed);
        }

        private <T> Optional<T> visible(String path, Class<T> type) {
            Optional<LayeredFilesystem.Node> node = fs.get(path);
            if (node.isEmpty() || node.get().entry().type() != EntryType.FILE) {
                return Optional.empty();
            }
            TreeMap<Integer, OsPackagesCollector.Content> byLayer = osContent.get(path);
            Object value = byLayer == null ? null : byLayer.get(node.get().layer());
            return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
        }

        private static String key(OsPackage p) {
            return p.name() + "|" + p.fullVersion() + "|" + p.arch();
        }

        /**
         * The lowest layer from which the database at {@code path} has held this package unchanged up to the top
         * layer {@code top}: where the package was installed (or last upgraded).
         */
        private int origin(String path, int top, String key) {
            TreeMap<Integer, OsPackagesCollector.Content> byLayer = osContent.getOrDefault(path, new TreeMap<>());
            int layer = top;
            for (int k = top; k >= 2; k--) {
                if (hidden(k, path)) {
                    break; // layer k deleted what lower layers had there
                }
                OsPackagesCollector.Content below = byLayer.get(k - 1);
                if (below == null) {
                    continue; // layer k-1 left the database alone
                }
                if (below instanceof OsPackagesCollector.Packages pk
                        && pk.packages().stream().anyMatch(p -> key(p).equals(key))) {
                    layer = k - 1;
                } else {
                    break;
                }
            }
            return layer;
        }

        /** Whether layer {@code k} (1-based) has a whiteout hiding {@code path} of the layers below. */
        private boolean hidden(int k, String path) {
            List<FileEntry> outs = whiteouts.computeIfAbsent(k, i -> scans.get(i - 1).entries().stream()
                    .filter(FileEntry::isWhiteout).toList());
            for (FileEntry w : outs) {
                String dir = w.path().equals("/") ? "/" : w.path() + "/";
                if (w.type() == EntryType.WHITEOUT && (w.path().equals(path) || path.startsWith(dir))
                        || w.type() == EntryType.OPAQUE_WHITEOUT && path.startsWith(dir)) {
                    return true;
                }
            }
            return false;
        }

        /** dpkg keeps file lists and copyright files beside the database. */
        private OsPackage withDpkgExtras(OsPackage p, String db) {
            if (p.type() != PackageType.DEB) {
                return p;
            }
            List<String> candidates = db.startsWith(OsPackagesCollector.DPKG_STATUS_D)
                    ? List.of(OsPackagesCollector.DPKG_STATUS_D + p.name() + ".md5sums")
                    : List.of(OsPackagesCollector.DPKG_INFO + p.name() + ":" + p.arch() + ".list",
                            OsPackagesCollector.DPKG_INFO + p.name() + ".list");
            OsPackage out = p;
            for (String list : candidates) {
                Optional<OsPackagesCollector.FileList> files = visible(list, OsPackagesCollector.FileList.class);
                if (files.isPresent()) {
                    out = out.withFiles(files.get().files());
                    break;
                }
            }
            Optional<OsPackagesCollector.Licenses> licenses = visible("/usr/share/doc/" + p.name() + "/copyright",
                    OsPackagesCollector.Licenses.class);
            if (licenses.isPresent()) {
                out = out.withLicenses(licenses.get().licenses());
            }
            return out;
        }

        private Component osComponent(OsPackage p, OsRelease os, String db, int layer) {
            Set<String> mine = new HashSet<>();
            long bytes = 0;
            for (String file : p.files()) {
                Optional<LayeredFilesystem.Node> node = lookup(file);
                if (node.isEmpty()) {
                    continue;
                }
                FileEntry e = node.get().entry();
                String key;
                long size;
                if (e.type() == EntryType.FILE) {
                    key = e.path();
                    size = e.size();
                } else if (e.type() == EntryType.HARDLINK && e.linkTarget() != null) {
                    key = e.linkTarget();
                    size = fs.get(key).filter(t -> t.entry().type() == EntryType.FILE).map(t -> t.entry().size())
                            .orElse(0L);
                } else {
                    continue;
                }
                if (mine.add(key)) {
                    bytes += size;
                    if (owned.add(key)) {
                        attributed += size;
                    }
                }
            }
            String evidence = switch (p.type()) {
                case DEB -> db.startsWith(OsPackagesCollector.DPKG_STATUS_D) ? "dpkg status.d" : "dpkg status";
                case APK -> "apk installed";
                default -> db.endsWith(".sqlite") ? "rpm sqlite" : db.endsWith(".db") ? "rpm ndb" : "rpm bdb";
            };
            return new Component(p.type(), null, p.name(), p.fullVersion(), Purls.of(p, os), p.arch(),
                    p.sourceName() == null ? "" : p.sourceName(), p.sourceFullVersion(), p.licenses(), bytes,
                    mine.size(), p.recordedSize(), layer, digest(layer), db, null, null, evidence);
        }

        private String digest(int layer) {
            List<LayerSummary> layers = analysis.layers();
            return layer >= 1 && layer <= layers.size() ? layers.get(layer - 1).digest() : null;
        }

        /** The visible node at {@code path}, following symlinked directories (usrmerge: /bin → usr/bin). */
        Optional<LayeredFilesystem.Node> lookup(String path) {
            Optional<LayeredFilesystem.Node> direct = fs.get(path);
            if (direct.isPresent()) {
                return direct;
            }
            String current = "/";
            String rest = path;
            for (int hops = 0; hops < 40; ) {
                int start = rest.startsWith("/") ? 1 : 0;
                if (start >= rest.length()) {
                    return fs.get(current);
                }
                int slash = rest.indexOf('/', start);
                String part = slash < 0 ? rest.substring(start) : rest.substring(start, slash);
                rest = slash < 0 ? "" : rest.substring(slash);
                String next = current.equals("/") ? "/" + part : current + "/" + part;
                Optional<LayeredFilesystem.Node> node = fs.get(next);
                if (node.isEmpty()) {
                    return Optional.empty();
                }
                FileEntry e = node.get().entry();
                if (e.type() == EntryType.SYMLINK && !rest.isEmpty() && e.linkTarget() != null) {
                    String target = e.linkTarget().startsWith("/") ? e.linkTarget() : current + "/" + e.linkTarget();
                    current = "/";
                    rest = LayerScanner.normalise(target) + rest;
                    hops++;
                    continue;
                }
                if (rest.isEmpty()) {
                    return node;
                }
                current = next;
            }
            return Optional.empty();
        }

        private List<Component> javaComponents() {
            List<JavaArtifact> artifacts = new ArrayList<>();
            List<List<JavaArtifact>> perFile = new ArrayList<>();
            for (JavaArchive archive : fs.collectedVisible(InventoryCollectors.JAVA_ARCHIVES)) {
                if (!archive.artifacts().isEmpty()) {
                    perFile.add(archive.artifacts());
                }
            }
            perFile.sort(Comparator.comparing(l -> l.get(0).path()));
            perFile.forEach(artifacts::addAll);
            // A jar without pom.properties (Spring's, Tomcat's) gets its groupId from the project's artifacts, the
            // local repository, a pom.xml in the image or, marked as a guess, its manifest: see GroupIds.
            artifacts = GroupIds.name(artifacts,
                    analysis.settings(JavaIdentitySettings.class, JavaIdentitySettings.NONE));
            Map<String, Long> nestedStored = new LinkedHashMap<>();
            for (JavaArtifact a : artifacts) {
                if (a.parent() != null) {
                    nestedStored.merge(a.parent(), a.storedSize(), Long::sum);
                }
            }
            List<Component> out = new ArrayList<>();
            Set<String> osOwnedFiles = new HashSet<>();
            for (JavaArtifact a : artifacts) {
                String file = a.path().contains("!/") ? a.path().substring(0, a.path().indexOf("!/")) : a.path();
                int layer = fs.get(file).map(LayeredFilesystem.Node::layer).orElse(0);
                long bytes;
                if (a.parent() == null) {
                    if (owned.contains(file)) {
                        osOwnedFiles.add(file); // an OS package's jar: its bytes count there
                        bytes = 0;
                    } else {
                        owned.add(file);
                        attributed += a.storedSize();
                        bytes = a.storedSize() - nestedStored.getOrDefault(a.path(), 0L);
                    }
                } else {
                    bytes = osOwnedFiles.contains(file) ? 0
                            : a.storedSize() - nestedStored.getOrDefault(a.path(), 0L);
                }
                String license = a.manifest().get("Bundle-License");
                out.add(new Component(PackageType.MAVEN, a.groupId(), a.artifactId(), a.version(),
                        Purls.maven(a.groupId(), a.artifactId(), a.version(), a.classifier(), a.fileName()), "", "",
                        "", license == null ? List.of() : List.of(license), Math.max(0, bytes), 1, -1, layer,
                        digest(layer), a.path(), a.parent(), a.sha1(), a.evidence()));
                for (PomProperties pom : a.embedded()) {
                    out.add(new Component(PackageType.MAVEN, pom.groupId(), pom.artifactId(), pom.version(),
                            Purls.maven(pom.groupId(), pom.artifactId(), pom.version(), null), "", "", "", List.of(), 0,
                            0, -1, layer, digest(layer), a.path() + "!/" + pom.location(), a.path(), null,
                            "shaded pom.properties"));
                }
            }
            return out;
        }
    }
}
