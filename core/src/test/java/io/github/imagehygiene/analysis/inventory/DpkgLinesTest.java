package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The package databases' line splitting gives what the JDK's {@code split("\r?\n", -1)} gives, which it replaced. */
class DpkgLinesTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\r", "\r\n", "\n\n", "a", "a\n", "a\r\n", "a\rb", "a\r\r\nb", "a\n\rb",
        "Package: x\r\nStatus: install ok installed\r\n\r\nPackage: y\n", "/.\n/usr\n/usr/bin/x\n"})
    void asTheJdksRegularExpression(String text) {
        assertThat(DpkgStatus.lines(text)).containsExactly(text.split("\r?\n", -1));
    }

    @Test
    void asTheJdksRegularExpressionOnRandomText() {
        Random random = new Random(7);
        String alphabet = "\r\na: ";
        for (int i = 0; i < 20_000; i++) {
            char[] text = new char[random.nextInt(24)];
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String s = new String(text);
            assertThat(DpkgStatus.lines(s)).as(s).isEqualTo(Arrays.asList(s.split("\r?\n", -1)));
        }
    }
}
