package io.github.imagehygiene.robustness;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.DiveEfficiency;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.analysis.hygiene.Reclaimable;
import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.archive.Digests;
import io.github.imagehygiene.common.ImageReadException;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.layer.LayeredFilesystem;
import io.github.imagehygiene.testing.ReferenceDive;
import io.github.imagehygiene.testing.ReferenceFilesystem;
import io.github.imagehygiene.testing.ReferenceReclaimable;

/**
 * The code the fuzz tests drive, shared by {@link ReaderFuzzTest} (Jazzer) and the regression tests of the crashes it found.
 * Each target accepts any bytes: what is allowed to escape is an {@link ImageReadException} (or, for the layer reader,
 * an {@link IOException}); anything else, a hang or an out-of-memory is a finding.
 */
final class FuzzTargets {
    private FuzzTargets() {
    }

    /** Detects the format of any file, resolves the image and scans its layers. */
    static void archive(byte[] data, Path file) throws IOException {
        Files.write(file, data);
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(file, "fuzz", new LayerScanner(true))) {
            List<String> paths = new ArrayList<>();
            for (LayerDescriptor l : ImageResolver.resolve(source, null, null).layers()) {
                paths.add(l.archivePath());
            }
            source.scan(paths, 1);
        } catch (ImageReadException e) {
            requireOneLine(e);
        }
    }

    /** Reads any bytes as a layer blob; on success, the entry table and the filesystem agree with the reference. */
    static void layer(byte[] data) {
        LayerScan scan;
        try {
            scan = new LayerScanner(true).scan("fuzz", new ByteArrayInputStream(data));
        } catch (IOException e) {
            requireOneLine(e);
            return;
        }
        List<FileEntry> copied = new ArrayList<>(scan.entries());
        for (int i = 0; i < copied.size(); i++) {
            if (!copied.get(i).equals(scan.entries().get(i))) {
                throw new IllegalStateException("entry " + i + " reads differently by index and in order");
            }
        }
        whiteoutsAgree(List.of(copied));
    }

    /**
     * The metadata of a real layout (tiny-oci-dir) with one file replaced by {@code content}, the descriptors
     * pointing to it re-chained so that digests match: the JSON reader, not the digest check, sees the bytes.
     *
     * @param slot 0 index.json, 1 the manifest, 2 the config, 3 a docker manifest.json
     */
    static void metadata(int slot, byte[] content, Map<String, byte[]> layout) {
        Map<String, byte[]> files = new HashMap<>(layout);
        String manifestDigest = "sha256:d46a14e553e41036f9c0e2e0b557c3379258588c46354c53d8766ff5a019e478";
        String configDigest = "sha256:7c946ac2b3509a9e301ff066df672a3b015e4f44bdae7b61e0b0196669ed19f1";
        switch (slot & 3) {
            case 0:
                files.put("index.json", content);
                break;
            case 1:
                files.put(ArchiveBlob.path(Digests.sha256(content)), content);
                files.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Digests.sha256(content)
                        + "\",\"size\":" + content.length + "}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                break;
            case 2:
                String manifest = new String(files.get(ArchiveBlob.path(manifestDigest)),
                        java.nio.charset.StandardCharsets.UTF_8)
                        .replace(configDigest, Digests.sha256(content)).replace("\"size\":1439",
                                "\"size\":" + content.length);
                byte[] m = manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                files.put(ArchiveBlob.path(Digests.sha256(content)), content);
                files.put(ArchiveBlob.path(Digests.sha256(m)), m);
                files.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Digests.sha256(m)
                        + "\",\"size\":" + m.length + "}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                break;
            default:
                files.put("manifest.json", content);
                break;
        }
        try (ArchiveSource<Object> source = new MemorySource(files)) {
            ImageResolver.resolve(source, null, null);
        } catch (ImageReadException e) {
            requireOneLine(e);
        }
    }

    /**
     * dive's figures and the reclaimable copies, computed over path tries and arrays, agree with the TreeMap versions
     * first written (with and without ignored paths).
     */
    static void analysesAgree(List<List<FileEntry>> layers, List<LayerScan> scans) {
        long content = 0;
        for (List<FileEntry> l : layers) {
            content += l.stream().mapToLong(FileEntry::size).sum();
        }
        ImageAnalysis a = new ImageAnalysis(null, List.of(), scans, 0, 0, false, content);
        for (PathGlobs ignore : List.of(PathGlobs.NONE, PathGlobs.of(List.of("/a/b/**", "/b")))) {
            DiveEfficiency.Result expected = ReferenceDive.compute(layers, ignore);
            DiveEfficiency.Result actual = DiveEfficiency.of(a).result(ignore);
            List<DiveEfficiency.Inefficiency> listed = expected.inefficiencies()
                    .subList(0, Math.min(DiveEfficiency.LISTED, expected.inefficiencies().size()));
            DiveEfficiency.Result expectedListed = new DiveEfficiency.Result(expected.efficiency(),
                    expected.wastedBytes(), expected.userWastedPercent(), expected.sizeBytes(),
                    expected.userSizeBytes(), expected.inefficientPaths(), List.copyOf(listed));
            if (!actual.equals(expectedListed)) {
                throw new IllegalStateException("dive figures differ (ignoring " + ignore + "):\n  compact   " + actual
                        + "\n  reference " + expectedListed + "\n  layers " + layers);
            }
        }
        List<Reclaimable.Item> expected = ReferenceReclaimable.compute(layers);
        if (!Reclaimable.of(a).items().equals(expected)) {
            throw new IllegalStateException("reclaimable copies differ:\n  compact   " + Reclaimable.of(a).items()
                    + "\n  reference " + expected + "\n  layers " + layers);
        }
    }

    /** The compact filesystem and the reference agree on the same layers. */
    static void whiteoutsAgree(List<List<FileEntry>> layers) {
        List<LayerScan> scans = new ArrayList<>();
        for (List<FileEntry> entries : layers) {
            scans.add(new LayerScan("sha256:x", 0, io.github.imagehygiene.archive.Compression.NONE, "sha256:x", 0, -1, 0,
                    entries, List.of()));
        }
        analysesAgree(layers, scans);
        LayeredFilesystem fs = LayeredFilesystem.build(scans);
        ReferenceFilesystem ref = ReferenceFilesystem.build(layers);
        List<String> actual = fs.nodes().stream().map(n -> n.layer() + " " + n.entry()).toList();
        List<String> expected = ref.nodes().stream().map(n -> n.layer() + " " + n.entry()).toList();
        if (!actual.equals(expected) || fs.size() != ref.size() || fs.nodes().size() != ref.size()) {
            throw new IllegalStateException("filesystems differ:\n  compact   " + actual + "\n  reference " + expected);
        }
        for (ReferenceFilesystem.Visible v : ref.nodes()) {
            var node = fs.get(v.entry().path()).orElseThrow(() -> new IllegalStateException("no " + v));
            if (!node.entry().equals(v.entry()) || node.layer() != v.layer()) {
                throw new IllegalStateException("get differs for " + v + ": " + node);
            }
            if (v.entry().type() == EntryType.DIRECTORY || v.entry().path().equals("/")) {
                List<String> below = fs.below(v.entry().path()).stream().map(n -> n.layer() + " " + n.entry()).toList();
                List<String> refBelow = ref.below(v.entry().path()).stream().map(n -> n.layer() + " " + n.entry())
                        .toList();
                if (!below.equals(refBelow)) {
                    throw new IllegalStateException("below(" + v.entry().path() + ") differs:\n  " + below + "\n  "
                            + refBelow);
                }
            }
        }
    }

    /**
     * Layers decoded from bytes: two bytes an entry, a type and a path from a small alphabet (so that paths meet),
     * 0xFF starts the next layer.
     */
    static List<List<FileEntry>> decodeLayers(byte[] data) {
        String[] paths = {"/", "/a", "/a/b", "/a/b/c", "/a.txt", "/a-b", "/a/b.d", "/b", "/b/a", "/a/\u00e9",
            "/a/b/c/d", "/ab", "/a/.x", "/\uD83D\uDE00", "/a/\uD83D\uDE00/z", "/a/b c"};
        EntryType[] types = {EntryType.FILE, EntryType.DIRECTORY, EntryType.SYMLINK, EntryType.WHITEOUT,
            EntryType.OPAQUE_WHITEOUT, EntryType.HARDLINK, EntryType.FILE, EntryType.DIRECTORY};
        List<List<FileEntry>> layers = new ArrayList<>();
        List<FileEntry> current = new ArrayList<>();
        for (int i = 0; i + 1 < data.length && layers.size() < 16; i += 2) {
            if ((data[i] & 0xff) == 0xff) {
                layers.add(current);
                current = new ArrayList<>();
                i--;
                continue;
            }
            EntryType type = types[data[i] & 7];
            String path = paths[data[i + 1] & 15];
            current.add(new FileEntry(path, type, (data[i] >> 3) & 15, data[i] < 0 ? 0600 : 0644, 0, 0,
                    type == EntryType.SYMLINK ? "target" : null));
        }
        layers.add(current);
        return layers;
    }

    static void requireOneLine(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
            throw new IllegalStateException("not one clear line: " + e.getMessage(), e);
        }
    }

    /** Blob paths. */
    static final class ArchiveBlob {
        private ArchiveBlob() {
        }

        static String path(String digest) {
            return "blobs/sha256/" + digest.substring("sha256:".length());
        }
    }

    /** An archive held in memory. */
    static final class MemorySource implements ArchiveSource<Object> {
        private final Map<String, byte[]> files;

        MemorySource(Map<String, byte[]> files) {
            this.files = files;
        }

        @Override
        public String name() {
            return "fuzz";
        }

        @Override
        public Kind kind() {
            return Kind.DIRECTORY;
        }

        @Override
        public boolean exists(String path) {
            return files.containsKey(path);
        }

        @Override
        public byte[] read(String path) {
            byte[] data = files.get(path);
            if (data == null) {
                throw new ImageReadException("fuzz: " + path + " is missing");
            }
            return data;
        }

        @Override
        public List<Object> scan(List<String> paths, int threads) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    /** The real layout's files, by path. */
    static Map<String, byte[]> layout(Path dir) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
