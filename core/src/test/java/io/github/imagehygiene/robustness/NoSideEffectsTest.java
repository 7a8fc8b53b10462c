package io.github.imagehygiene.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.testing.ForkedJvm;
import io.github.imagehygiene.testing.TarEdits;

/**
 * The check never extracts anything and never writes outside its report folder, whatever the image holds: every
 * hostile image (../ and absolute names, links out of the image, links written through) and an archive whose own
 * members climb out, checked in a JVM whose security manager records every file Java code writes or deletes.
 * Also: nothing appears where a naive extractor would have written ({@code /tmp/image-hygiene-escape}, the working
 * folder's parent).
 */
class NoSideEffectsTest {
    private static final Path ESCAPE = Path.of("/tmp/image-hygiene-escape");

    @TempDir
    Path tmp;

    @Test
    void hostileImagesWriteNothingButTheReport() throws Exception {
        deleteTree(ESCAPE);
        Path work = Files.createDirectories(tmp.resolve("work/inner"));
        Path images = Files.createDirectories(tmp.resolve("images"));
        List<String> args = new ArrayList<>();
        Path report = tmp.resolve("work/inner/report");
        args.add(report.toString());
        try (Stream<Path> hostile = Files.list(Fixtures.image("hostile"))) {
            for (Path p : (Iterable<Path>) hostile.filter(p -> p.toString().endsWith(".oci.tar")).sorted()::iterator) {
                args.add(Files.copy(p, images.resolve(p.getFileName())).toString());
            }
        }
        // an outer archive whose members climb out, referred to by manifest.json
        String layer = Fixtures.expectedList("tiny.docker.layerPaths", ",").get(0);
        Path climbing = TarEdits.rewrite(Fixtures.image("tiny.docker.tar"), images.resolve("climbing.docker.tar"),
                Map.of("manifest.json", data -> new String(data, StandardCharsets.UTF_8)
                        .replace(layer, "../../../tmp/image-hygiene-escape/layer.tar").getBytes(StandardCharsets.UTF_8)));
        args.add(climbing.toString());
        args.add(TarEdits.replaceWithSymlink(Fixtures.image("tiny.docker.tar"), images.resolve("link.docker.tar"),
                layer, "../../../../tmp/image-hygiene-escape").toString());

        ForkedJvm.Result r = ForkedJvm.run(work, List.of("-Xmx256m", "-Djava.security.manager=allow"),
                SideEffectProbe.class, args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.lines()).as(r.output()).contains("done")
                .contains("checked traversal.oci.tar: PASS", "checked traversal-gnu-tar.oci.tar: PASS",
                        "checked symlinks.oci.tar: PASS", "checked hardlinks.oci.tar: PASS",
                        "refused climbing.docker.tar: ImageReadException", "refused link.docker.tar: ImageReadException")
                .noneMatch(l -> l.startsWith("WRITE"));
        assertThat(ESCAPE).doesNotExist();
        try (Stream<Path> all = Files.walk(tmp)) {
            List<String> written = all.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString())
                    .filter(p -> !p.startsWith("images/")).sorted().toList();
            assertThat(written).isNotEmpty().allMatch(p -> p.startsWith("work/inner/report/r"));
            assertThat(written).filteredOn(p -> p.endsWith("/report.json"))
                    .hasSize((int) r.lines().stream().filter(l -> l.startsWith("checked ")).count());
        }
    }

    /** The one write that is not the plugin's: zstd-jni unpacks its native library into java.io.tmpdir. */
    @Test
    void zstdLayersWriteOnlyTheCodecsNativeLibrary() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        ForkedJvm.Result r = ForkedJvm.run(work, List.of("-Xmx128m", "-Djava.security.manager=allow",
                "-Djava.io.tmpdir=" + javaTmp), SideEffectProbe.class, work.resolve("report").toString(),
                Fixtures.image("tiny-zstd.oci.tar").toAbsolutePath().toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.lines()).as(r.output()).contains("checked tiny-zstd.oci.tar: PASS", "done")
                .filteredOn(l -> l.startsWith("WRITE"))
                .allMatch(l -> l.matches("WRITE (write|delete) " + java.util.regex.Pattern.quote(javaTmp.toString())
                        + "/libzstd-jni-[0-9.-]+\\.so"));
        try (Stream<Path> left = Files.list(javaTmp)) {
            assertThat(left).isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
