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
import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.catalog.RuleCatalog;
import io.github.imagehygiene.rules.catalog.RuleSettings;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * The security fixture images (src/test/resources/images/security, made by
 * src/test/fixtures/security/build-security-fixtures.sh with a real dockerd) and the facts the tools reported about
 * them (expected.properties there). Planted secrets are fake and hex-encoded in the facts; {@link #planted(String)}
 * decodes one.
 */
final class SecurityFixtures {
    static final Path DIR = Path.of("src/test/resources/images/security");
    static final String BUILD = "bash core/src/test/fixtures/security/build-security-fixtures.sh";
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
        return analyse(name, BaseImageSettings.NONE, collectors);
    }

    static ImageAnalysis analyse(String name, BaseImageSettings base, List<ContentCollector<?>> collectors) {
        CheckSettings d = CheckSettings.builder().image(image(name).toString()).build();
        return new ImageCheck(new CheckSettings(d.input(), base, d.rules(), d.gate(), d.output()), LogSink.NONE)
                .analyse(collectors);
    }

    /**
     * Base settings that know the image's lowest {@code layers} layers as the base {@code name}, by their diff_ids
     * (a {@code <baseImages>} fingerprint entry).
     */
    static BaseImageSettings baseOf(String image, String name, int layers) {
        List<String> diffIds = analyse(image, List.of()).image().layers().stream().limit(layers)
                .map(l -> l.diffId()).toList();
        return new BaseImageSettings(List.of(name + "=" + String.join(",", diffIds)), null, null, null, false);
    }

    /** The security rules with these settings, run on one image. */
    static Run run(String name, SecuritySettings settings) {
        return run(name, settings, BaseImageSettings.NONE);
    }

    /** The same, with the lowest {@code baseLayers} layers known as the base {@code base}. */
    static Run run(String name, SecuritySettings settings, String base, int baseLayers) {
        return run(name, settings, baseOf(name, base, baseLayers));
    }

    static Run run(String name, SecuritySettings settings, BaseImageSettings base) {
        List<Rule> rules = securityRules(settings);
        List<ContentCollector<?>> collectors = new ArrayList<>();
        Map<String, ContentCollector<?>> byId = new LinkedHashMap<>();
        for (Rule r : rules) {
            r.collectors().forEach(c -> byId.putIfAbsent(c.id(), c));
        }
        collectors.addAll(byId.values());
        ImageAnalysis analysis = analyse(name, base, collectors);
        return new Run(analysis, rules);
    }

    /** The catalogue's security rules, made with these settings. */
    static List<Rule> securityRules(SecuritySettings settings) {
        RuleSettings d = RuleSettings.DEFAULTS;
        return RuleCatalog.rules(new RuleSettings(d.budgets(), d.basePolicy(), d.hygiene(), d.inventory(), settings))
                .stream().filter(r -> r.getClass().getPackageName().endsWith(".rules.security")).toList();
    }

    static Run run(String name) {
        return run(name, SecuritySettings.defaults());
    }

    /** One image checked by the security rules. */
    record Run(ImageAnalysis analysis, List<Rule> rules) {
        Rule rule(String id) {
            return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        }

        Outcome outcome(String id) {
            return rule(id).evaluate(analysis);
        }

        List<String> messages(String id) {
            return outcome(id).breaches().stream().map(b -> b.message()).toList();
        }
    }

    /** A breach's message and where it is, for exact comparison. */
    record Located(String message, String path, Origin origin) {
    }

    static List<Located> located(Outcome o) {
        return o.breaches().stream().map(b -> new Located(b.message(), b.path(), b.origin())).toList();
    }
}
