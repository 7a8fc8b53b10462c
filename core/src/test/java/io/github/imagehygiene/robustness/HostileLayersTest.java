package io.github.imagehygiene.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.common.ImageReadException;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayeredFilesystem;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Images whose top layer is hostile (src/test/resources/images/hostile/, made by
 * src/test/fixtures/hostile/make-hostile.py with Python's tarfile and GNU tar from the real skopeo layout
 * tiny-oci-dir): each is analysed to the end with exactly the entries and filesystem below, or fails with exactly
 * one line naming the archive, the layer and what is wrong. Nothing is ever followed: paths are clamped at the root,
 * links are recorded as written.
 */
class HostileLayersTest {
    /** Lower layers of tiny: /data/small.txt (layer 1), /data/medium.txt (layer 2), /data (layer 2). */
    private static final List<String> LOWER = List.of("/data L2", "/data/medium.txt L2", "/data/small.txt L1");
    static final String LONG_COMPONENT = "n".repeat(4000);
    static final String LONG_PATH = "/data/" + IntStream.range(0, 20).mapToObj(i -> String.format("d%02d%s", i,
            "x".repeat(196))).collect(Collectors.joining("/")) + "/end.txt";

    static Path hostile(String name) {
        return Fixtures.image("hostile/" + name + ".oci.tar");
    }

    /** "TYPE path size link" for each entry of the top layer. */
    private static List<String> topEntries(ImageAnalysis a) {
        return a.scans().get(a.scans().size() - 1).entries().stream()
                .map(e -> e.type() + " " + e.path() + " " + e.size() + (e.linkTarget() == null ? "" : " -> "
                        + e.linkTarget()))
                .toList();
    }

    /** "path Llayer" for each visible path, in order. */
    static List<String> visible(LayeredFilesystem fs) {
        return fs.nodes().stream().map(n -> n.entry().path() + " L" + n.layer()).toList();
    }

    private static List<String> with(String... top) {
        List<String> all = new java.util.ArrayList<>(LOWER);
        all.addAll(List.of(top));
        all.sort(null);
        return all;
    }

    /** The archive path of the top layer, as messages name it. */
    static String topLayer(Path image) {
        try (ArchiveSource<Object> source = ArchiveSources.open(image, image.toString(), (p, in) -> null)) {
            var layers = ImageResolver.resolve(source, null, null).layers();
            return layers.get(layers.size() - 1).archivePath();
        }
    }

    @Test
    void traversalNamesAreClampedAtTheRoot() {
        ImageAnalysis a = Fixtures.analyse(hostile("traversal"));
        assertThat(topEntries(a)).containsExactly(
                "FILE /tmp/image-hygiene-escape/dotdot.txt 9",
                "FILE /tmp/image-hygiene-escape/absolute.txt 9",
                "FILE /etc/escape-passwd 9",
                "FILE /data/y.txt 9",
                "SYMLINK /link-dir 0 -> /tmp/image-hygiene-escape",
                "FILE /link-dir/through-link.txt 9");
        assertThat(visible(a.filesystem())).isEqualTo(with("/data/y.txt L3", "/etc/escape-passwd L3", "/link-dir L3",
                "/link-dir/through-link.txt L3", "/tmp/image-hygiene-escape/absolute.txt L3",
                "/tmp/image-hygiene-escape/dotdot.txt L3"));
    }

    @Test
    void gnuTarAbsoluteAndDotDotNames() {
        ImageAnalysis a = Fixtures.analyse(hostile("traversal-gnu-tar"));
        assertThat(topEntries(a)).containsExactly("FILE /sibling/dotdot.txt 15",
                "FILE /tmp/image-hygiene-escape/absolute.txt 28");
        assertThat(visible(a.filesystem())).isEqualTo(with("/sibling/dotdot.txt L3",
                "/tmp/image-hygiene-escape/absolute.txt L3"));
    }

    @Test
    void symlinkLoopsAndLinksOutOfTheImageAreRecordedNotFollowed() {
        ImageAnalysis a = Fixtures.analyse(hostile("symlinks"));
        assertThat(topEntries(a)).containsExactly(
                "SYMLINK /data/loop-a 0 -> loop-b",
                "SYMLINK /data/loop-b 0 -> loop-a",
                "SYMLINK /data/self 0 -> self",
                "SYMLINK /data/passwd 0 -> ../../../../../etc/passwd",
                "SYMLINK /data/absolute 0 -> /etc/shadow",
                "SYMLINK /data/root 0 -> /");
        assertThat(visible(a.filesystem())).isEqualTo(with("/data/absolute L3", "/data/loop-a L3", "/data/loop-b L3",
                "/data/passwd L3", "/data/root L3", "/data/self L3"));
    }

    @Test
    void danglingHardLinks() {
        ImageAnalysis a = Fixtures.analyse(hostile("hardlinks"));
        assertThat(topEntries(a)).containsExactly(
                "HARDLINK /data/dangling 0 -> /does/not/exist",
                "HARDLINK /data/outside 0 -> /etc/passwd",
                "HARDLINK /data/to-lower-layer 0 -> /data/small.txt");
        assertThat(visible(a.filesystem())).isEqualTo(with("/data/dangling L3", "/data/outside L3",
                "/data/to-lower-layer L3"));
    }

    @Test
    void samePathSeveralTimesInOneLayerLastOneWins() {
        ImageAnalysis a = Fixtures.analyse(hostile("duplicates"));
        assertThat(topEntries(a)).containsExactly("FILE /data/dup.txt 1", "FILE /data/dup.txt 2",
                "FILE /data/dup.txt 3", "DIRECTORY /data/d 0", "FILE /data/d/inner.txt 5", "FILE /data/d 10");
        LayeredFilesystem fs = a.filesystem();
        // the file /data/d replaced the directory of the same layer, and what was in it
        assertThat(visible(fs)).isEqualTo(with("/data/d L3", "/data/dup.txt L3"));
        assertThat(fs.get("/data/dup.txt").orElseThrow().entry().size()).isEqualTo(3);
        assertThat(a.layers().get(2).files()).isEqualTo(6);
    }

    @Test
    void opaqueMarkerAtTheRootHidesEveryLowerLayer() {
        ImageAnalysis a = Fixtures.analyse(hostile("opaque-root"));
        assertThat(topEntries(a)).containsExactly("OPAQUE_WHITEOUT / 0", "FILE /fresh.txt 24");
        assertThat(visible(a.filesystem())).containsExactly("/fresh.txt L3");
    }

    @Test
    void whiteoutsOfPathsThatNeverExistedChangeNothing() {
        ImageAnalysis a = Fixtures.analyse(hostile("whiteout-missing"));
        assertThat(topEntries(a)).containsExactly("WHITEOUT /data/ghost 0", "WHITEOUT /nowhere/nothing 0",
                "OPAQUE_WHITEOUT /nowhere/deeper 0");
        assertThat(visible(a.filesystem())).isEqualTo(LOWER);
    }

    @Test
    void directoryWhitedOutAndReAddedInTheSameLayer() {
        ImageAnalysis a = Fixtures.analyse(hostile("whiteout-readd"));
        assertThat(topEntries(a)).containsExactly("FILE /data/again.txt 9", "WHITEOUT /data 0", "DIRECTORY /data 0");
        // the whiteout hides the lower layers' /data only; what this layer adds stays, wherever the tar has it
        assertThat(visible(a.filesystem())).containsExactly("/data L3", "/data/again.txt L3");
    }

    /**
     * Control characters in names (make-hostile.py writes a tab, a line break and an escape sequence into PAX
     * names): read as they are, written escaped in every finding and console line, and a path suppression still
     * finds the finding it names.
     */
    @Test
    void controlCharactersInNamesAreReadAsTheyAreAndShownEscaped(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        ImageAnalysis a = Fixtures.analyse(hostile("control-chars"));
        assertThat(topEntries(a)).containsExactly("DIRECTORY /app 0", "FILE /app/a\tb 34",
                "FILE /app/line\n[ERROR] forged.txt 25", "FILE /app/\u001b[31mred.txt 31");

        String image = hostile("control-chars").toString();
        java.util.List<String> console = new java.util.ArrayList<>();
        io.github.imagehygiene.gate.CheckResult plain = new io.github.imagehygiene.check.ImageCheck(
                io.github.imagehygiene.settings.CheckSettings.builder().image(image).build(),
                new io.github.imagehygiene.common.LogSink() {
                    @Override
                    public void info(String message) {
                        console.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        console.add(message);
                    }

                    @Override
                    public void debug(String message) {
                    }
                }).run();
        assertThat(plain.findings()).filteredOn(f -> f.rule().equals("noWorldWritable"))
                .extracting(io.github.imagehygiene.findings.Finding::message).singleElement().asString()
                .startsWith("/app/a\\tb ");
        assertThat(console).isNotEmpty().noneMatch(l -> l.chars().anyMatch(c -> c < 0x20));

        Path suppressions = tmp.resolve("image-hygiene-suppressions.yaml");
        java.nio.file.Files.writeString(suppressions, "suppressions:\n  - rule: noWorldWritable\n    path: /app/**\n"
                + "    reason: shared with a sidecar\n");
        io.github.imagehygiene.gate.CheckResult suppressed = new io.github.imagehygiene.check.ImageCheck(
                io.github.imagehygiene.settings.CheckSettings.builder().image(image).suppressionFile(suppressions)
                        .build(), io.github.imagehygiene.common.LogSink.NONE).run();
        assertThat(suppressed.findings()).noneMatch(f -> f.rule().equals("noWorldWritable"));
        assertThat(suppressed.suppressions().suppressed()).extracting(x -> x.path()).containsExactly("/app/a\tb");
    }

    @ParameterizedTest
    @CsvSource({"long-names", "long-names-gnu"})
    void fourThousandCharacterNames(String image) {
        ImageAnalysis a = Fixtures.analyse(hostile(image));
        List<FileEntry> top = a.scans().get(2).entries();
        assertThat(top.get(0).path()).isEqualTo("/data/" + LONG_COMPONENT).hasSize(4006);
        if (image.equals("long-names")) {
            assertThat(top.get(1).path()).isEqualTo(LONG_PATH).hasSize(4013);
        } else {
            assertThat(top.get(1).path()).isEqualTo("/data/" + LONG_COMPONENT + "-link");
            assertThat(top.get(1).linkTarget()).isEqualTo("../" + LONG_COMPONENT);
        }
        assertThat(a.filesystem().get(top.get(1).path())).isPresent();
    }

    @Test
    void namesThatAreNotUtf8ReadWithReplacementCharacters() {
        // ustar/GNU headers: each invalid byte reads as '?'; PAX records: as U+FFFD
        assertThat(topEntries(Fixtures.analyse(hostile("not-utf8")))).containsExactly("FILE /data/caf?-??.txt 13");
        assertThat(topEntries(Fixtures.analyse(hostile("not-utf8-pax")))).containsExactly(
                "FILE /data/caf\uFFFD-\uFFFD\uFFFD.txt-" + "p".repeat(100) + " 16");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "absurd-size-octal    | not a readable gzip tar: entry /data/small-but-huge of 8589934591 bytes: Truncated"
                + " TAR archive",
        "absurd-size-base256  | not a readable gzip tar: entry /data/big of 4611686018427387904 bytes: Truncated TAR"
                + " archive",
        "absurd-size-negative | not a readable gzip tar: broken archive, entry with negative size",
        "not-a-tar            | not a readable gzip tar: no tar header in the first 31 bytes, not a tar archive",
        "not-a-tar-raw        | not a readable tar: Corrupted TAR archive.",
        "empty-layer          | not a readable gzip tar: the layer is empty, not a tar archive",
    })
    void damagedLayerContentIsOneClearError(String name, String problem) {
        Path image = hostile(name);
        assertThatThrownBy(() -> Fixtures.analyse(image))
                .isExactlyInstanceOf(ImageReadException.class)
                .hasMessage(image + ": layer " + topLayer(image) + ": " + problem);
    }
}
