package io.github.imagehygiene.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.testing.Fixtures;

/**
 * {@code docker save | gzip > image.tar.gz}: no random access, so the archive is read front to back once, layers
 * scanned as they pass, and must give exactly what the plain archive gives.
 */
class StreamingArchiveTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"busybox-app.docker.tar", "tiny.oci.tar", "jib-on-tiny.tar"})
    void gzippedArchiveReadsLikeThePlainOne(String name) throws IOException {
        Path gz = tmp.resolve(name + ".gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(Fixtures.image(name), out);
        }
        ImageAnalysis plain = Fixtures.analyse(Fixtures.image(name));
        ImageAnalysis streamed = Fixtures.analyse(gz);
        assertThat(streamed.layers()).isEqualTo(plain.layers());
        assertThat(streamed.image().digest()).isEqualTo(plain.image().digest());
        assertThat(streamed.image().config()).isEqualTo(plain.image().config());
        assertThat(streamed.scans()).isEqualTo(plain.scans());
        assertThat(streamed.image().format()).isEqualTo(plain.image().format());
    }
}
