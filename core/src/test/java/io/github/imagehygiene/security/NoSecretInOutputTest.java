package io.github.imagehygiene.security;

import static io.github.imagehygiene.security.SecurityFixtures.planted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.rules.security.ConfigAssertions;
import io.github.imagehygiene.rules.security.FileAssertion;
import io.github.imagehygiene.rules.security.SecuritySettings;
import io.github.imagehygiene.gate.SuppressionFile;
import io.github.imagehygiene.gate.Suppressions;

/**
 * No planted secret value appears in any output: every fixture image goes through the whole check (the existing
 * rules, the security rules, suppressions, the gate), its console lines, warnings, failure message and report.json
 * are written to target/security-outputs/, and then those files and every surefire report written so far are
 * searched for each planted value. A failure names the value by its masked form only.
 */
class NoSecretInOutputTest {
    static final Path OUT = Path.of("target/security-outputs");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void noPlantedValueInAnyOutput() throws IOException {
        Map<String, String> planted = SecurityFixtures.allPlanted();
        assertThat(planted).hasSize(14);
        // assertions that quote the secret-looking variable and read the files holding secrets
        SecuritySettings settings = SecuritySettings.builder()
                .configAssertions(new ConfigAssertions(Map.of("DB_PASSWORD", "not-the-password"), null, null, null,
                        null, null, null, null))
                .fileAssertions(List.of(
                        FileAssertion.of("/app/config/app.yml", true, null, null, null, null, "^nothing$", "service"),
                        FileAssertion.of("/home/app/.npmrc", true, null, null, null, null, null, "_authToken")))
                .build();
        Suppressions suppressions = SuppressionFile.load(SuppressionsTest.DIR.resolve(
                "xml/image-hygiene-suppressions.xml"));
        for (String image : List.of("user-empty", "user-root", "user-zero", "user-zero-zero", "user-toor",
                "config-bad", "secrets", "filesystem", "good")) {
            Pipeline.Outputs o = Pipeline.run(image, settings, Map.of(), suppressions, CLOCK);
            Pipeline.write(o, OUT.resolve(image));
        }

        // the masking is needed: layer 2's created_by, which the layer table and report.json show, holds the build
        // arguments' values
        Pipeline.Outputs bad = Pipeline.run("config-bad", settings, Map.of(), Suppressions.NONE, CLOCK);
        String db = planted("dbPassword");
        assertThat(bad.analysis().layers().get(1).createdBy().contains(db)).as("the image's history holds it")
                .isTrue();
        assertThat(bad.report().at("/layers/1/createdBy").asText()).isEqualTo("|3 API_TOKEN_VALUE="
                + Masking.mask(planted("apiToken")) + " DB_PASSWORD_VALUE=" + Masking.mask(db) + " NPM_TOKEN="
                + Masking.mask(planted("npmToken")) + " /sectool chmod 0700 /sectool");
        assertThat(bad.console()).anyMatch(l -> l.contains("|3 API_TOKEN_VALUE=" + Masking.mask(planted("apiToken"))));

        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(OUT)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        Path surefire = Path.of("target/surefire-reports");
        if (Files.isDirectory(surefire)) {
            try (Stream<Path> s = Files.walk(surefire)) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(27);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> p : planted.entrySet()) {
                if (text.contains(p.getValue())) {
                    fail("planted " + p.getKey() + " (" + Masking.mask(p.getValue()) + ") is in " + f);
                }
            }
        }
        // and the outputs do speak of the secrets, masked
        String secrets = Files.readString(OUT.resolve("secrets/report.json"));
        assertThat(secrets).contains("GitHub token " + Masking.mask(planted("githubToken"))
                + " in /app/config/ci.conf");
        String failure = Files.readString(OUT.resolve("config-bad/failure.txt"));
        assertThat(failure).contains("ENV DB_PASSWORD=" + Masking.mask(db));
        assertThat(failure).contains("env DB_PASSWORD is '" + Masking.mask(db) + "', expected 'not-****'");
    }
}
