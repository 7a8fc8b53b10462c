package io.github.imagehygiene.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.imagehygiene.analysis.security.SecretKeys;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.Suppressions;
import io.github.imagehygiene.rules.security.ConfigAssertions;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * The places an audit found secrets leaving the check unmasked, in one real image (leaks.docker.tar.gz, made by
 * src/test/fixtures/security/leaks/build-leaks-fixture.sh with dockerd; leaks.properties holds its planted values,
 * hex-encoded, and the history as the archive's config holds it): build arguments whose values hold spaces (Docker
 * writes them unquoted), a private key's body after its header, an AWS secret after {@code aws configure set
 * aws_secret_access_key}, passwords after {@code --password}, tokens right after a tab or a line feed in a file name
 * (the findings escape them) and a token in a package's version (its Package URL percent-encodes the '+' before it).
 */
class OutputLeaksTest {
    static final Path DIR = SecurityFixtures.DIR;
    static final Path OUT = Path.of("target/security-outputs/leaks");
    private static Properties facts;
    private static Pipeline.Outputs run;

    @BeforeAll
    static void check() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(DIR.resolve("leaks.properties"))) {
            p.load(in);
        }
        facts = p;
        // assertions on the config make the check quote its values: the command, the ENV value, both labels
        SecuritySettings settings = SecuritySettings.builder().configAssertions(new ConfigAssertions(
                Map.of("SERVICE_PASSWORD", "other"), Map.of("com.example.tls", "z", "com.example.login", "w"), null,
                null, null, List.of("x"), null, null)).build();
        run = Pipeline.run("leaks", settings, Map.of(), Suppressions.NONE, NoSecretInOutputTest.CLOCK);
        Pipeline.write(run, OUT);
    }

    static String planted(String name) {
        return new String(HexFormat.of().parseHex(facts.getProperty("planted." + name + ".hex")),
                StandardCharsets.UTF_8);
    }

    /** The history line as Docker wrote it, each planted value as the masking shows it. */
    static String historyMasked(int i) {
        String line = facts.getProperty("history." + i);
        for (String name : List.of("dbPassword", "sessionSecret", "servicePassword", "awsSecret", "labelPassword",
                "cmdPassword", "tabToken", "lfToken", "keyLine")) {
            line = line.replace("<" + name + ">", Masking.mask(planted(name)));
        }
        return line;
    }

    @Test
    void noPlantedValueOrWordOfOneInAnyOutput() throws IOException {
        List<String> needles = new ArrayList<>();
        for (String k : facts.stringPropertyNames()) {
            if (k.startsWith("planted.")) {
                // a phrase's every word: half a value shown is a leak too
                needles.addAll(List.of(planted(k.substring(8, k.length() - 4)).split(" ")));
            }
        }
        assertThat(needles).hasSize(15).allMatch(n -> n.length() >= 7);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(OUT)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("console.txt", "failure.txt",
                "report.json", "sbom.cdx.json", "report.sarif", "TEST-image-hygiene.xml", "report.html",
                "summary.md");
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            for (String n : needles) {
                if (text.contains(n)) {
                    fail(Masking.mask(n) + " is in " + f);
                }
            }
        }
    }

    /** The layers' history as Docker wrote it, masked whole: the build arguments' values with spaces, the tokens. */
    @Test
    void historyLinesAreMaskedWhole() {
        JsonNode layers = run.report().path("layers");
        assertThat(layers).hasSize(5);
        // layer 4: the shell-form RUN (history 9), layer 5: the exec-form RUN (history 10), as the facts place them
        assertThat(layers.get(3).path("createdBy").asText()).isEqualTo(historyMasked(9))
                .isEqualTo("|2 DB_PASSWORD=" + Masking.mask(planted("dbPassword")) + " SESSION_SECRET="
                        + Masking.mask(planted("sessionSecret")) + " /bin/sh -c rm /leaks/tmp.txt");
        // the tab and the line feed are in the text as Docker wrote it; the tokens after them masked
        assertThat(layers.get(4).path("createdBy").asText()).isEqualTo(historyMasked(10).replace("\\t", "\t")
                .replace("\\n", "\n")).contains("ghp_****");
    }

    /** The findings that quote what the audit found unmasked, as the user reads them. */
    @Test
    void findingsQuoteTheSecretsMasked() {
        String failure = run.failure();
        assertThat(failure).contains("[configAssertions] label com.example.tls is '" + facts.getProperty(
                "key.rsa.header") + " " + Masking.mask(planted("keyLine")) + "', expected 'z'");
        assertThat(failure).contains("[configAssertions] label com.example.login is 'mysql --password "
                + Masking.mask(planted("labelPassword")) + "', expected 'w'");
        assertThat(failure).contains("[configAssertions] cmd is [\"--password\", \""
                + Masking.mask(planted("cmdPassword")) + "\"], expected [\"x\"]");
        String console = String.join("\n", run.console());
        assertThat(console).contains("/leaks/a\\t" + Masking.mask(planted("tabToken")) + " is setuid");
        assertThat(console).contains("/leaks/n\\n" + Masking.mask(planted("lfToken")) + " is setuid");
        // one line per finding: nothing after a key's header is taken for more of the key
        assertThat(failure.lines().filter(l -> l.matches("\\s+\\d+\\. \\[.*"))).hasSize((int) run.result()
                .findings().stream().filter(f -> f.level() == io.github.imagehygiene.findings.Level.ERROR).count());
        // the purl spec percent-encodes the version's '+' (%2B), which no longer reads as the token's left edge
        assertThat(run.report().path("inventory").path("packages")).extracting(p -> p.path("purl").asText())
                .containsExactly("pkg:deb/debian/leakpkg@1.0%2B" + Masking.mask(planted("versionToken"))
                        + "?arch=amd64");
    }

    /**
     * Each secret key once: the ENV value with spaces is the config's value (no second finding "overridden later"),
     * and the exec-form RUN's build arguments, whose last reads as its first word, repeat the shell form's.
     */
    @Test
    void noSecretKeysReportsEachOnce() {
        assertThat(run.result().findings().stream().filter(f -> f.rule().equals("noSecretKeys"))
                .map(f -> f.subject())).containsExactlyInAnyOrder("env:SERVICE_PASSWORD", "build-arg:DB_PASSWORD",
                        "build-arg:SESSION_SECRET");
    }

    /** Docker's own history lines (this image's, and a SHELL with options as Docker 28 wrote it) read whole. */
    @Test
    void pairsOfDockersHistoryLines() {
        String db = planted("dbPassword");
        String session = planted("sessionSecret");
        String shellForm = facts.getProperty("history.9").replace("<dbPassword>", db).replace("<sessionSecret>",
                session);
        assertThat(SecretKeys.pairs(shellForm)).extracting(SecretKeys.Pair::key, SecretKeys.Pair::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", db),
                        org.assertj.core.groups.Tuple.tuple("SESSION_SECRET", session));
        String execForm = facts.getProperty("history.10").replace("<dbPassword>", db).replace("<sessionSecret>",
                session);
        assertThat(SecretKeys.pairs(execForm)).extracting(SecretKeys.Pair::value).startsWith(db,
                session.substring(0, session.indexOf(' ')));
        String env = facts.getProperty("history.6").replace("<servicePassword>", planted("servicePassword"));
        assertThat(SecretKeys.pairs(env)).extracting(SecretKeys.Pair::key, SecretKeys.Pair::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SERVICE_PASSWORD", planted("servicePassword")),
                org.assertj.core.groups.Tuple.tuple("APP_MODE", "demo"));
        assertThat(SecretKeys.pairs("|2 DB_PASSWORD=correct horse battery SESSION_SECRET=a b /bin/sh -e -c echo two"))
                .extracting(SecretKeys.Pair::value).containsExactly("correct horse battery", "a b");
        assertThat(SecretKeys.pairs("/bin/sh -c #(nop)  LABEL com.example.a=l1 l2 com.example.b=z"))
                .extracting(SecretKeys.Pair::value).containsExactly("l1 l2", "z");
    }
}
