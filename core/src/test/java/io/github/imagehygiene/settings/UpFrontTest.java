package io.github.imagehygiene.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Every file a setting names is read before any layer is: a bad one fails with its one line, not after minutes of
 * reading. Proved on an image whose first layer is no tar: had a layer been read, that would be the error.
 */
class UpFrontTest {
    static final Path DAMAGED = Fixtures.image("hostile/not-a-tar.oci.tar");

    @Test
    void aMissingDockerfileFailsWhenTheSettingsAreMade() {
        Path missing = Path.of("target/no-such-folder/Dockerfile");
        assertThatThrownBy(() -> CheckSettings.builder().image(DAMAGED.toString())
                .buildHints(new BuildHints(null, null, null, missing, null)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read the Dockerfile " + missing + " (dockerfile): ");
    }

    @Test
    void aMissingJibTarBaseFailsBeforeTheLayers() {
        CheckSettings settings = CheckSettings.builder().image(DAMAGED.toString())
                .buildHints(new BuildHints("tar:///no/such/base.tar", BuildHints.JIB_PLUGIN, null, null, null)).build();
        assertThatThrownBy(() -> ImageCheck.run(settings, new CapturedLog()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/no/such/base.tar");
    }

    @Test
    void aMissingKnownBaseFailsBeforeTheLayersNamingItsElement() {
        assertThatThrownBy(() -> CheckSettings.builder().image(DAMAGED.toString())
                .baseImages(List.of(Fixtures.image("tiny.docker.tar").toString(), "target/no-such-base.tar")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("target/no-such-base.tar");
        // and the damaged image does fail on its layer once the settings are good
        assertThatThrownBy(() -> ImageCheck.run(CheckSettings.builder().image(DAMAGED.toString()).build(),
                new CapturedLog()))
                .hasMessageStartingWith(DAMAGED + ": layer blobs/sha256/");
        assertThat(DAMAGED).isRegularFile();
    }
}
