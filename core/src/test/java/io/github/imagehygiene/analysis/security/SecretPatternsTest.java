package io.github.imagehygiene.analysis.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SecretPatternsTest {

    /**
     * The case-blind search of a hint finds what the JDK's lowering of the whole text, then {@code indexOf}, finds
     * (what the scanner did before), on random Latin-1 texts of the hint's letters in both cases and others.
     */
    @Test
    void searchingIgnoringCaseFindsWhatLoweringTheTextFinds() {
        String letters = "sSeEcCrRtTxX_ \n\u00df\u00dfA\u00ff\u00b5";
        Random random = new Random(20261207);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(random.nextInt(6) == 0 ? "sEcReT" : String.valueOf(letters.charAt(random.nextInt(
                        letters.length()))));
            }
            String s = text.toString();
            int from = s.isEmpty() ? 0 : random.nextInt(s.length());
            assertThat(SecretPatterns.indexOfIgnoreCase(s, "secret", from)).as("%s from %d", s, from)
                    .isEqualTo(s.toLowerCase(Locale.ROOT).indexOf("secret", from));
        }
        assertThat(SecretPatterns.indexOfIgnoreCase("AWS_SECRET_ACCESS_KEY", "secret", 0)).isEqualTo(4);
        assertThat(SecretPatterns.indexOfIgnoreCase("my Secret, your sEcret", "secret", 4)).isEqualTo(16);
        assertThat(SecretPatterns.indexOfIgnoreCase("secre", "secret", 0)).isEqualTo(-1);
    }
}
