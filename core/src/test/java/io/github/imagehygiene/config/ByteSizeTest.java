package io.github.imagehygiene.config;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.ByteSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "1048576, 1048576",
        "0, 0",
        "512B, 512",
        "300MB, 300000000",
        "300mb, 300000000",
        "300 MB, 300000000",
        "1.5GB, 1500000000",
        "2KB, 2000",
        "2k, 2000",
        "2KiB, 2048",
        "1MiB, 1048576",
        "1.5GiB, 1610612736",
        "1gib, 1073741824",
        "1TB, 1000000000000",
    })
    void parsesUnits(String text, long bytes) {
        assertThat(ByteSize.parse("maxSize", text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-1MB", "1.5.2MB", "12 parsecs", "MB", "1e9"})
    void rejectsNonSizes(String text) {
        assertThatThrownBy(() -> ByteSize.parse("maxSize", text))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for maxSize: '" + text + "' is not a size; use bytes or a unit (B, KB, MB,"
                        + " GB, KiB, MiB, GiB), e.g. 300MB or 1.5GiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void rejectsEmpty(String text) {
        assertThatThrownBy(() -> ByteSize.parse("maxLayerSize", text))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for maxLayerSize: '" + text + "' is empty; use bytes or a unit, e.g. 300MB"
                        + " or 1.5GiB");
    }

    @ParameterizedTest
    @CsvSource({
        "300MB, 515000000, 515.0 MB",
        "300MB, 215000000, 215.0 MB",
        "300MB, 161100000, 161.1 MB",
        "1MiB, 2097152, 2.0 MiB",
        "1MB, 12800, 12.8 KB",
        "1MiB, 12800, 12.5 KiB",
        "1000, 1500000, 1.5 MB",
        "1000, 999, 999 B",
    })
    void formatsInTheLimitsUnitFamily(String limit, long value, String text) {
        assertThat(ByteSize.parse("maxSize", limit).formatLike(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"300MB, 300 MB", "1.5gib, 1.5 GiB", "2048, 2048 B"})
    void echoesTheLimitNormalised(String limit, String text) {
        assertThat(ByteSize.parse("maxSize", limit)).hasToString(text);
    }
}
