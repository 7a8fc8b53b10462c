package io.github.imagehygiene.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.config.CheckConfiguration;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.rules.security.SecurityOutcome;
import io.github.imagehygiene.rules.security.SecurityRule;
import io.github.imagehygiene.rules.security.SecurityRules;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * The security fixture images (src/test/resources/images/security, made by
 * src/test/fixtures/security/build-security-fixtures.sh with a real dockerd) and the facts the tools reported about
 * them (expected.properties there). Planted secrets are fake and hex-encoded in the facts; {@link #planted(String)}
 * decodes one.
 */
final class SecurityFixtures {
    static final Path DIR = Path.of("src/test/resources/images/security");
    static final String BUILD = "bash src/test/fixtures/security/build-security-fixtures.sh";
    private static Properties facts;

    private SecurityFixtures() {
    }

    static Path image(String name) {
        Path p = DIR.resolve(name + ".docker.tar.gz");
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " is missing: run " + BUILD);
        }
        return p;
    }

    static synchronized Properties facts() {
        if (facts == null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(DIR.resolve("expected.properties"))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            facts = p;
        }
        return facts;
    }

    static String fact(String key) {
        String v = facts().getProperty(key);
        if (v == null) {
            throw new IllegalStateException("expected.properties has no " + key + ": run " + BUILD);
        }
        return v;
    }

    /** "file:4755:0:0:22:3" of {@code <image>.entry.<path>} → the layer, 3. */
    static int layerOf(String image, String path) {
        String[] f = fact(image + ".entry." + path).split(":");
        return Integer.parseInt(f[5]);
    }

    /** The mode of a visible entry as the facts give it: "4755". */
    static String modeOf(String image, String path) {
        return fact(image + ".entry." + path).split(":")[1];
    }

    /** A planted fake secret, decoded from its hex form. */
    static String planted(String name) {
        return new String(HexFormat.of().parseHex(fact("planted." + name + ".hex")), StandardCharsets.UTF_8);
    }

    /** Every planted value, by name. */
    static Map<String, String> allPlanted() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (String k : facts().stringPropertyNames()) {
            if (k.startsWith("planted.") && k.endsWith(".hex")) {
                names.add(k.substring("planted.".length(), k.length() - ".hex".length()));
            }
        }
        names.sort(null);
        names.forEach(n -> out.put(n, planted(n)));
        return out;
    }

    /** The image read as the check does, with these collectors fed in the layer pass. */
    static ImageAnalysis analyse(String name, List<ContentCollector<?>> collectors) {
        return new ImageCheck(CheckConfiguration.builder().image(image(name).toString()).build(), LogSink.NONE)
                .analyse(collectors);
    }

    /** The security rules with these settings, run on one image. */
    static Run run(String name, SecuritySettings settings) {
        List<SecurityRule> rules = SecurityRules.all(settings);
        List<ContentCollector<?>> collectors = new ArrayList<>();
        Map<String, ContentCollector<?>> byId = new LinkedHashMap<>();
        for (SecurityRule r : rules) {
            r.collectors().forEach(c -> byId.putIfAbsent(c.id(), c));
        }
        collectors.addAll(byId.values());
        ImageAnalysis analysis = analyse(name, collectors);
        return new Run(analysis, rules);
    }

    static Run run(String name) {
        return run(name, SecuritySettings.defaults());
    }

    /** One image checked by the security rules. */
    record Run(ImageAnalysis analysis, List<SecurityRule> rules) {
        SecurityRule rule(String id) {
            return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        }

        SecurityOutcome outcome(String id) {
            return rule(id).check(analysis);
        }

        List<String> messages(String id) {
            return outcome(id).breaches().stream().map(b -> b.message()).toList();
        }
    }
}
