package io.github.imagehygiene.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ImageReadException;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * A hostile or damaged image ends the check with the core's one line (the Maven goal and the CLI print it as is,
 * without a stack trace unless asked for one; their tests hold that mapping).
 */
class OneLineErrorTest {
    @ParameterizedTest
    @ValueSource(strings = {"absurd-size-octal", "absurd-size-negative", "not-a-tar", "not-a-tar-raw", "empty-layer"})
    void hostileImagesFailWithOneLine(String name) {
        Path image = HostileLayersTest.hostile(name);
        assertThatThrownBy(() -> new ImageCheck(CheckSettings.builder().image(image.toString()).build(),
                new CapturedLog()).analyse())
                .isInstanceOf(ImageReadException.class)
                .hasMessage(coreMessage(image));
        assertThat(coreMessage(image)).startsWith(image + ": layer blobs/sha256/").doesNotContain("\n")
                .doesNotContain("\tat ");
    }

    private static String coreMessage(Path image) {
        try {
            Fixtures.analyse(image);
        } catch (ImageReadException e) {
            return e.getMessage();
        }
        throw new AssertionError(image + " did not fail");
    }

    /**
     * What the image writes into a message cannot break it into lines (the fuzzer found a manifest whose config digest
     * held JSON-escaped CR, LF and TAB): control characters are written as escapes, in errors and in findings.
     */
    @org.junit.jupiter.api.Test
    void controlCharactersFromTheImageAreEscaped() {
        String digest = "sha256:7c94\r, \n, \t)\u001b[31mred\u2028";
        assertThat(new io.github.imagehygiene.common.IntegrityException("app.tar: config descriptor has a malformed"
                + " digest '" + digest + "'")).hasMessage("app.tar: config descriptor has a malformed digest"
                + " 'sha256:7c94\\r, \\n, \\t)\\u001b[31mred\\u2028'");
        assertThat(new io.github.imagehygiene.findings.Finding("noSecrets", io.github.imagehygiene.findings.Level.ERROR,
                "in /app/x\n[ERROR] forged", "/app/x", 1, null, "/app/x", "0").message()).isEqualTo("in /app/x\\n[ERROR] forged");
        assertThat(io.github.imagehygiene.common.OneLine.of("plain é line")).isEqualTo("plain é line");
        // C1 controls (U+009B is CSI on some terminals) and bidirectional overrides are escaped too
        assertThat(io.github.imagehygiene.common.OneLine.of("a\u009b31mb\u202ec\u2066d")).isEqualTo("a\\u009b31mb\\u202ec\\u2066d");
    }
}
