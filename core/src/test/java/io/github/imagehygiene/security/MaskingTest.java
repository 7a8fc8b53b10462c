package io.github.imagehygiene.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.security.Glob;
import io.github.imagehygiene.analysis.security.SecretKeys;
import io.github.imagehygiene.analysis.security.SecretPatterns;
import io.github.imagehygiene.analysis.security.SecretPatterns.Kind;
import io.github.imagehygiene.findings.Masking;

/**
 * Masking, the secret patterns and globs, on strings made here. The token-like strings are assembled from parts so
 * that no token-shaped literal sits in the source.
 */
class MaskingTest {
    private static final String ALNUM36 = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    /**
     * An error's line leaves the check through the front ends (the goal's execution error, the CLI's exit 2) before
     * the image's own values are known: what looks like a secret by itself is masked there too.
     */
    @Test
    void errorLinesAreMasked() {
        String token = SecurityFixtures.planted("githubToken");
        var error = new io.github.imagehygiene.common.ImageReadException("app.tar: config blob: Unrecognized token '"
                + token + "': was expecting JSON");
        assertThat(io.github.imagehygiene.report.Reports.errorMessage(error))
                .isEqualTo("app.tar: config blob: Unrecognized token '" + Masking.mask(token)
                        + "': was expecting JSON")
                .doesNotContain(token);
    }

    @Test
    void maskShowsFourCharacters() {
        assertThat(Masking.mask("ghp_" + ALNUM36)).isEqualTo("ghp_****");
        assertThat(Masking.mask("12345678")).isEqualTo("1234****");
        assertThat(Masking.mask("1234567")).isEqualTo("****");
        assertThat(Masking.mask("")).isEqualTo("****");
        assertThat(Masking.mask(null)).isEqualTo("****");
    }

    @Test
    void patternsFindEachKind() {
        assertThat(SecretPatterns.find("key=" + "AKIA" + "ABCDEFGHIJ234567", false)).extracting(
                SecretPatterns.Match::kind, SecretPatterns.Match::masked).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.AWS_ACCESS_KEY_ID, "AKIA****"));
        assertThat(kinds("aws_secret_access_key = " + "abcdEFGH".repeat(5))).containsExactly(
                Kind.AWS_SECRET_ACCESS_KEY);
        assertThat(kinds("token: ghs_" + ALNUM36)).containsExactly(Kind.GITHUB_TOKEN);
        assertThat(kinds("t=github_pat_" + "A1b2C3d4E5f6G7h8I9j0K1")).containsExactly(Kind.GITHUB_TOKEN);
        assertThat(kinds("glpat-" + "abcdefghij0123456789")).containsExactly(Kind.GITLAB_TOKEN);
        assertThat(kinds("xoxp-" + "1234567890-abcdef")).containsExactly(Kind.SLACK_TOKEN);
        assertThat(kinds("https://hooks.slack.com/services/" + "T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx"))
                .containsExactly(Kind.SLACK_WEBHOOK);
        assertThat(kinds("//registry.npmjs.org/:_authToken=" + "npm_" + ALNUM36)).containsExactly(Kind.NPM_TOKEN);
        assertThat(kinds("_authToken=${NPM_TOKEN}")).isEmpty();
        String jwt = "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiJ4In0" + "." + "c2lnbmF0dXJl";
        assertThat(SecretPatterns.find("token: " + jwt, true)).extracting(SecretPatterns.Match::kind)
                .containsExactly(Kind.JWT);
        assertThat(SecretPatterns.find("token: " + jwt, false)).isEmpty();
        assertThat(kinds("url: https://deploy:" + "s3cr3tPassw0rd" + "@repo.example.net/x")).containsExactly(
                Kind.URL_PASSWORD);
        assertThat(kinds("url: https://user:${PASSWORD}@repo.example.net/x")).isEmpty();
        assertThat(kinds("url: https://user:password@host/")).isEmpty();
        assertThat(kinds("mail me at someone@example.com, see https://example.com/a")).isEmpty();
        assertThat(SecretPatterns.privateKeyHeader("-----BEGIN EC PRIVATE KEY-----")).isEqualTo("EC PRIVATE KEY");
        assertThat(SecretPatterns.privateKeyHeader("-----BEGIN CERTIFICATE-----")).isNull();
    }

    private static List<Kind> kinds(String line) {
        return SecretPatterns.find(line, false).stream().map(SecretPatterns.Match::kind).toList();
    }

    /** Hostile lines of 1 MiB (URL-, JWT- and KEY=VALUE-like runs) are matched in linear time. */
    @Test
    void longHostileLinesStayFast() {
        List<String> lines = List.of("a://b:c".repeat(150_000), "eyJ".repeat(350_000), "x-".repeat(500_000) + "=1",
                "u:p@".repeat(260_000), ("_auth=" + "z".repeat(20)).repeat(40_000));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            for (String line : lines) {
                SecretPatterns.find(line, true);
                SecretKeys.pairs(line);
                Masking.PATTERNS_ONLY.apply(line);
            }
        });
    }

    /** Known values anywhere, secret-looking KEY=VALUE pairs, and pattern matches; JSON trees in place. */
    @Test
    void applyMasksTextAndJson() {
        Masking m = Masking.of(List.of("hunter2hunter2"), SecretKeys.defaults());
        assertThat(m.apply("the password is hunter2hunter2.")).isEqualTo("the password is hunt****.");
        assertThat(m.apply("|2 DB_PASSWORD=abcdefgh12 MODE=fast /bin/sh -c make")).isEqualTo(
                "|2 DB_PASSWORD=abcd**** MODE=fast /bin/sh -c make");
        assertThat(m.apply("ENV API_TOKEN=\"quoted value 1\"")).isEqualTo("ENV API_TOKEN=\"quot****\"");
        assertThat(m.apply("line one\nkey AKIA" + "ABCDEFGHIJ234567\n")).isEqualTo("line one\nkey AKIA****\n");
        assertThat(m.apply("GPG_KEY=A3C4F0F979CAA22CDBA8")).isEqualTo("GPG_KEY=A3C4F0F979CAA22CDBA8");
        assertThat(m.apply("already DB_PASSWORD=abcd****")).isEqualTo("already DB_PASSWORD=abcd****");
        ObjectNode tree = new ObjectMapper().createObjectNode();
        tree.put("a", "x hunter2hunter2").putArray("list").add("SECRET_KEY=zzzzzzzzzz").addObject().put("b", 1);
        m.applyTo(tree);
        assertThat(tree.toString()).isEqualTo("{\"a\":\"x hunt****\",\"list\":[\"SECRET_KEY=zzzz****\",{\"b\":1}]}");
    }

    /** A known value with a line break is masked in a finding too, where the message shows it escaped (one line). */
    @Test
    void knownValuesAreMaskedInOneLineMessages() {
        Masking m = Masking.of(List.of("first-line\nsecond-line-2"), SecretKeys.defaults());
        io.github.imagehygiene.findings.Finding f = new io.github.imagehygiene.findings.Finding("noSecretKeys",
                io.github.imagehygiene.findings.Level.ERROR, "label x holds first-line\nsecond-line-2 here", null, 0, null, "label:x", "0");
        assertThat(f.message()).isEqualTo("label x holds first-line\\nsecond-line-2 here");
        assertThat(m.apply(f.message())).isEqualTo("label x holds firs**** here");
        assertThat(m.apply("raw first-line\nsecond-line-2")).isEqualTo("raw firs****");
    }

    @Test
    void secretKeys() {
        SecretKeys keys = SecretKeys.defaults();
        assertThat(keys.isSecret("DB_PASSWORD")).isTrue();
        assertThat(keys.isSecret("com.example.api-token")).isTrue();
        assertThat(keys.isSecret("aws_secret_access_key")).isTrue();
        assertThat(keys.isSecret("GITHUB_TOKEN")).isTrue();
        assertThat(keys.isSecret("GPG_KEY")).isFalse();
        assertThat(keys.isSecret("DB_PASSWORD_FILE")).isFalse();
        assertThat(keys.isSecret("JAVA_HOME")).isFalse();
        assertThat(keys.isSecret("KEYSTORE_TYPE")).isFalse();
        assertThat(SecretKeys.hasValue("${DB_PASSWORD}")).isFalse();
        assertThat(SecretKeys.hasValue("")).isFalse();
        assertThat(SecretKeys.pairs("|2 A=1 B_TOKEN=\"x y\" /bin/sh")).extracting(SecretKeys.Pair::key,
                SecretKeys.Pair::value).containsExactly(org.assertj.core.groups.Tuple.tuple("A", "1"),
                        org.assertj.core.groups.Tuple.tuple("B_TOKEN", "x y"));
    }

    /**
     * What the output writes right before a token no longer hides it: a finding's one-line escapes (OneLine writes a
     * tab as backslash-t, ESC as backslash-u001b) and a Package URL's percent-encoding ('+' is %2B in the purl
     * spec), whose last character had read as a letter touching the token.
     */
    @Test
    void tokensAfterTheOutputsEscapes() {
        String token = "ghp_" + ALNUM36;
        String key = "AKIA" + "ABCDEFGHIJ234567";
        assertThat(Masking.PATTERNS_ONLY.apply(io.github.imagehygiene.common.OneLine.of("/app/a\t" + token)))
                .isEqualTo("/app/a\\tghp_****");
        assertThat(Masking.PATTERNS_ONLY.apply(io.github.imagehygiene.common.OneLine.of("/app/n\n" + key)))
                .isEqualTo("/app/n\\nAKIA****");
        assertThat(Masking.PATTERNS_ONLY.apply(io.github.imagehygiene.common.OneLine.of("x\u001b" + token)))
                .isEqualTo("x\\u001bghp_****");
        assertThat(Masking.PATTERNS_ONLY.apply("pkg:deb/debian/p@1.0%2B" + token + "?arch=amd64"))
                .isEqualTo("pkg:deb/debian/p@1.0%2Bghp_****?arch=amd64");
        // a token inside a longer word is still none
        assertThat(Masking.PATTERNS_ONLY.apply("xghp_" + ALNUM36)).isEqualTo("xghp_" + ALNUM36);
    }

    /**
     * A private key quoted after its PEM header: its base64 body is masked up to what is not the key (a quote, the
     * next field); a header alone on its line masks the base64 lines after it and no line that is not one.
     */
    @Test
    void privateKeyBodies() {
        String line1 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" + "x".repeat(12);
        String line2 = "q1w2e3r4t5y6u7i8o9p0" + "Z".repeat(44);
        assertThat(Masking.PATTERNS_ONLY.apply("label tls is '-----BEGIN PRIVATE KEY----- " + line1
                + "', expected 'z'")).isEqualTo("label tls is '-----BEGIN PRIVATE KEY----- MIIE****', expected 'z'");
        assertThat(Masking.PATTERNS_ONLY.apply("v=-----BEGIN RSA PRIVATE KEY-----\\n" + line1 + "\\n" + line2
                + "\\n-----END RSA PRIVATE KEY----- next")).isEqualTo(
                        "v=-----BEGIN RSA PRIVATE KEY-----\\nMIIE****\\n-----END RSA PRIVATE KEY----- next");
        assertThat(Masking.PATTERNS_ONLY.apply("-----BEGIN EC PRIVATE KEY-----\n" + line1 + "\n" + line2
                + "\n-----END EC PRIVATE KEY-----\n  2. [maxSize] image is 2 MB")).isEqualTo(
                        "-----BEGIN EC PRIVATE KEY-----\n****\n****\n-----END EC PRIVATE KEY-----\n"
                                + "  2. [maxSize] image is 2 MB");
    }

    /** Passwords given as the next argument, and an AWS secret after its key name and a blank. */
    @Test
    void optionValuesAndBlankSeparatedKeys() {
        Masking m = Masking.PATTERNS_ONLY;
        assertThat(m.apply("mysql --password hunter2hunter -h db")).isEqualTo("mysql --password hunt**** -h db");
        assertThat(m.apply("cmd is [\"--password\", \"hunter2hunter\"]")).isEqualTo(
                "cmd is [\"--password\", \"hunt****\"]");
        assertThat(m.apply("CMD [\"--api-token\" \"hunter2hunter\"]")).isEqualTo("CMD [\"--api-token\" \"hunt****\"]");
        assertThat(m.apply("login --password $PASSWORD --token-file /run/t --password-stdin")).isEqualTo(
                "login --password $PASSWORD --token-file /run/t --password-stdin");
        String secret = "abcdEFGH".repeat(5);
        assertThat(m.apply("aws configure set aws_secret_access_key " + secret)).isEqualTo(
                "aws configure set aws_secret_access_key abcd****");
    }

    /**
     * The copy of an error that the goal hands to Maven: its message is the goal's one line (Maven appends every
     * cause's message the line lacks), each cause follows as a suppressed copy, named by its class, masked.
     */
    @Test
    void maskedCopiesOfErrors() {
        String token = "ghp_" + ALNUM36;
        var cause = new java.io.IOException("no tag '" + token + "'");
        var error = new io.github.imagehygiene.common.ImageReadException("app.tar: no tag '" + token + "'", cause);
        String line = io.github.imagehygiene.report.Reports.errorMessage(error);
        Throwable forMaven = io.github.imagehygiene.report.Reports.maskedCause(error, line);
        for (Throwable t = forMaven; t != null; t = t.getCause()) {
            assertThat(line).contains(t.getMessage()); // so Maven adds nothing to the line
        }
        assertThat(forMaven.getSuppressed()).extracting(Throwable::getMessage).containsExactly(
                "io.github.imagehygiene.common.ImageReadException: app.tar: no tag 'ghp_****'",
                "java.io.IOException: no tag 'ghp_****'");
        assertThat(forMaven.getSuppressed()[1].getStackTrace()).isEqualTo(cause.getStackTrace());
        Throwable printed = io.github.imagehygiene.report.Reports.maskedCause(error);
        java.io.StringWriter trace = new java.io.StringWriter();
        printed.printStackTrace(new java.io.PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(token).startsWith(
                "io.github.imagehygiene.common.ImageReadException: app.tar: no tag 'ghp_****'").contains(
                        "Caused by: java.io.IOException: no tag 'ghp_****'");
    }

    /**
     * A review's cases against the first version of the above: history lines Docker writes behind other shells, a
     * shell later in the command, an empty argument, crafted lines that overflowed the stack, options that take no
     * secret, words after a key's header that are not its body.
     */
    @Test
    void historyShellsOptionsAndKeyBodiesAsTheyCome() {
        Masking m = Masking.PATTERNS_ONLY;
        // SHELL ["/bin/bash", "-o", "pipefail", "-c"], as Docker's classic builder writes the RUN after it
        assertThat(m.apply("|1 DB_PASSWORD=correct horse battery /bin/bash -o pipefail -c make")).isEqualTo(
                "|1 DB_PASSWORD=corr**** /bin/bash -o pipefail -c make");
        assertThat(m.apply("|1 PASSWORD=abcdefgh /bin/bash -o pipefail -c curl x | /bin/sh -c echo done"))
                .isEqualTo("|1 PASSWORD=abcd**** /bin/bash -o pipefail -c curl x | /bin/sh -c echo done");
        assertThat(m.apply("|1 API_TOKEN=abcdefgh ijklmnop cmd /S /C echo hi")).isEqualTo(
                "|1 API_TOKEN=abcd**** cmd /S /C echo hi");
        assertThat(SecretKeys.commandStart("|2 A= B=2 /bin/sh -c X=3 make")).isEqualTo(10);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertThat(m.apply("|1 A=b /a" + " -b".repeat(200_000))).startsWith("|1 A=b /a -b");
            assertThat(SecretKeys.pairs("x" + " -b".repeat(400_000) + " A=b")).hasSize(1);
            assertThat(m.apply("|1 A=b " + "cmd ".repeat(200_000))).startsWith("|1 A=b cmd");
        });
        assertThat(m.apply("docker login --password-stdin ghcr.io --max-tokens 512 --tokenizer bert-base-uncased"))
                .isEqualTo("docker login --password-stdin ghcr.io --max-tokens 512 --tokenizer bert-base-uncased");
        assertThat(m.apply("gh auth login --with-token < /tmp/t; docker build --secret id=npmrc,src=.npmrc"))
                .isEqualTo("gh auth login --with-token < /tmp/t; docker build --secret id=npmrc,src=.npmrc");
        assertThat(m.apply("mysql -u root --password \"hunter22x\" db")).isEqualTo(
                "mysql -u root --password \"hunt****\" db");
        assertThat(m.apply("found -----BEGIN RSA PRIVATE KEY----- in /etc/key.pem")).isEqualTo(
                "found -----BEGIN RSA PRIVATE KEY----- in /etc/key.pem");
        assertThat(m.apply("-----BEGIN PRIVATE KEY-----\nPASSED\nDone")).isEqualTo(
                "-----BEGIN PRIVATE KEY-----\nPASSED\nDone");
        String body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
        assertThat(m.apply("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A\n\n"
                + body + "\n-----END RSA PRIVATE KEY-----")).isEqualTo("-----BEGIN RSA PRIVATE KEY-----\n"
                        + "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A\n\n****\n-----END RSA PRIVATE KEY-----");
    }

    @Test
    void globs() {
        assertThat(Glob.of("/app/**").matches("/app/a/b")).isTrue();
        assertThat(Glob.of("/app/**").matches("/app")).isFalse();
        assertThat(Glob.of("/app/*.yml").matches("/app/a.yml")).isTrue();
        assertThat(Glob.of("/app/*.yml").matches("/app/x/a.yml")).isFalse();
        assertThat(Glob.of("/app/**/.env").matches("/app/.env")).isTrue();
        assertThat(Glob.of("/app/**/.env").matches("/app/a/b/.env")).isTrue();
        assertThat(Glob.of(".env").matches("/srv/x/.env")).isTrue();
        assertThat(Glob.of("/usr/{bin,sbin}/su?").matches("/usr/sbin/sux")).isTrue();
        assertThat(Glob.of("/app/.git").matchesOrContains("/app/.git/config")).isTrue();
        assertThat(Glob.of("/app/.git").matchesOrContains("/app/.gitignore")).isFalse();
    }
}
