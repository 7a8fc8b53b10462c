package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.Fixtures;

/** The final filesystem of real images: whiteouts applied, each path owned by the layer that last wrote it. */
class LayeredFilesystemTest {

    /** Keeps small text files under /app. */
    static final class AppText implements ContentCollector<String> {
        @Override
        public String id() {
            return "app-text";
        }

        @Override
        public boolean wants(String path, long size) {
            return path.startsWith("/app/") && size < 200_000;
        }

        @Override
        public String collect(FileEntry entry, InputStream content) throws IOException {
            byte[] head = content.readNBytes(16);
            return entry.path() + "=" + new String(head, StandardCharsets.ISO_8859_1).replace("\0", "0");
        }
    }

    private static ImageAnalysis busybox(List<ContentCollector<?>> collectors) {
        return new ImageCheck(CheckSettings.builder()
                .image(Fixtures.image("busybox-app.docker.tar").toString()).build(), LogSink.NONE).analyse(collectors);
    }

    @Test
    void whiteoutHidesTheDeletedFile() {
        LayeredFilesystem fs = busybox(List.of()).filesystem();
        assertThat(fs.get("/app/data/blob.bin")).isEmpty();
        assertThat(fs.get("/app/data")).hasValueSatisfying(n -> assertThat(n.entry().type())
                .isEqualTo(EntryType.DIRECTORY));
        assertThat(fs.get("/app/hello.txt")).hasValueSatisfying(n -> {
            assertThat(n.layer()).isEqualTo(3);
            assertThat(n.entry().size()).isEqualTo(6L);
        });
        assertThat(fs.get("/bin/busybox")).hasValueSatisfying(n -> {
            assertThat(n.layer()).isEqualTo(1);
            assertThat(n.entry().size()).isEqualTo(1982256L);
            assertThat(n.entry().mode() & 0777).isEqualTo(0755);
        });
        assertThat(fs.get("/bin/sh")).hasValueSatisfying(n -> {
            assertThat(n.layer()).isEqualTo(2);
            assertThat(n.entry().type()).isEqualTo(EntryType.SYMLINK);
            assertThat(n.entry().linkTarget()).isEqualTo("/bin/busybox");
        });
        // /bin was rewritten by layer 2 (the --install step), /app/data by layer 4 (the rm)
        assertThat(fs.get("/bin").orElseThrow().layer()).isEqualTo(2);
        assertThat(fs.get("/app/data").orElseThrow().layer()).isEqualTo(4);
    }

    @Test
    void collectorsReadContentInTheSamePassAndOnlyVisibleFilesCount() {
        AppText collector = new AppText();
        ImageAnalysis a = busybox(List.of(collector));
        assertThat(a.scans().get(2).collected()).extracting(Collected::path)
                .containsExactlyInAnyOrder("/app/data/blob.bin", "/app/hello.txt");
        LayeredFilesystem fs = a.filesystem();
        assertThat(fs.collected(collector, "/app/hello.txt")).contains("/app/hello.txt=hello\n");
        assertThat(fs.collected(collector, "/app/data/blob.bin")).isEmpty();
        assertThat(fs.collectedVisible(collector)).containsExactly("/app/hello.txt=hello\n");
    }

    @Test
    void twoCollectorsShareOneFile() {
        AppText first = new AppText();
        ContentCollector<Long> sizes = new ContentCollector<>() {
            @Override
            public String id() {
                return "sizes";
            }

            @Override
            public boolean wants(String path, long size) {
                return path.equals("/app/hello.txt");
            }

            @Override
            public Long collect(FileEntry entry, InputStream content) throws IOException {
                return (long) content.readAllBytes().length;
            }
        };
        LayeredFilesystem fs = busybox(List.of(first, sizes)).filesystem();
        assertThat(fs.collected(first, "/app/hello.txt")).contains("/app/hello.txt=hello\n");
        assertThat(fs.collected(sizes, "/app/hello.txt")).contains(6L);
    }

    @Test
    void collectorThatFailsSkipsTheFileNotTheLayer() {
        ContentCollector<String> failing = new ContentCollector<>() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public boolean wants(String path, long size) {
                return path.startsWith("/app/");
            }

            @Override
            public String collect(FileEntry entry, InputStream content) throws IOException {
                content.read();
                throw new IOException("not what I expected");
            }
        };
        ImageAnalysis a = busybox(List.of(failing));
        assertThat(a.scans().get(2).collected()).isEmpty();
        assertThat(a.layers()).hasSize(4);
        assertThat(a.layers().get(2).diffId()).isEqualTo(Fixtures.expectedList("busybox-app.docker.diffIds", ",")
                .get(2));
    }

    @Test
    void jibOnABaseSeesBothBaseAndOwnFiles() {
        LayeredFilesystem fs = Fixtures.analyse(Fixtures.image("jib-on-tiny.tar")).filesystem();
        assertThat(fs.get("/data/large.txt")).hasValueSatisfying(n -> {
            assertThat(n.layer()).isEqualTo(3);
            assertThat(n.entry().size()).isEqualTo(40960L);
        });
        // Jib's layers: resources (4), classes (5), then the classpath and main-class files (6)
        assertThat(fs.get("/app/classes/io/github/imagehygiene/fixtures/Main.class"))
                .hasValueSatisfying(n -> assertThat(n.layer()).isEqualTo(5));
        assertThat(fs.get("/app/jib-classpath-file")).hasValueSatisfying(n -> assertThat(n.layer()).isEqualTo(6));
    }
}
