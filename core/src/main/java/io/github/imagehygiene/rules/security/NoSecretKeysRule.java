package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.analysis.security.SecretKeys;
import io.github.imagehygiene.analysis.security.SecretPatterns;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.ImageConfig;

/**
 * {@code noSecretKeys} (dockle CIS-DI-0010, its ENV part): no ENV variable, label or build argument whose key looks
 * secret ({@link SecretKeys}) may hold a value: whoever pulls the image reads them with {@code docker inspect} and
 * {@code docker history}. Build arguments show in the history of every RUN after the ARG, and an ENV or LABEL
 * overridden later still shows in the history: the history is read too. Values are masked; keys listed in
 * {@code acceptKeys} (and GPG_KEY, *_FILE...) are accepted.
 */
public final class NoSecretKeysRule extends Rule {
    public static final String ID = "noSecretKeys";
    private final SecuritySettings settings;

    public NoSecretKeysRule(SecuritySettings settings) {
        super(ID, Level.ERROR);
        this.settings = settings;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        ImageConfig config = analysis.image().config();
        SecretKeys keys = settings.secretKeys();
        Origins origins = Origins.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String env : config.env()) {
            int eq = env.indexOf('=');
            String key = eq < 0 ? env : env.substring(0, eq);
            String value = eq < 0 ? "" : env.substring(eq + 1);
            if (keys.isSecret(key) && SecretKeys.hasValue(value)) {
                int h = lastSetting(origins, "ENV", key, value);
                Origin origin = h >= 0 ? origins.ofHistory(h) : Origin.OWN;
                breaches.add(SecurityText.breach("ENV " + key + "=" + SecretPatterns.mask(value) + origin.inParens()
                        + ": a secret in the image config, readable with docker inspect; pass it at run time"
                        + " (docker run -e, a mounted secret file) instead", null, origin).withSubject("env:" + key));
                reported.add(key + "=" + value);
            }
        }
        for (Map.Entry<String, String> label : config.labels().entrySet()) {
            if (keys.isSecret(label.getKey()) && SecretKeys.hasValue(label.getValue())) {
                int h = lastSetting(origins, "LABEL", label.getKey(), label.getValue());
                Origin origin = h >= 0 ? origins.ofHistory(h) : Origin.OWN;
                breaches.add(SecurityText.breach("LABEL " + label.getKey() + "=" + SecretPatterns.mask(label.getValue())
                        + origin.inParens() + ": a secret in the image config, readable with docker inspect;"
                        + " remove the label", null, origin).withSubject("label:" + label.getKey()));
                reported.add(label.getKey() + "=" + label.getValue());
            }
        }
        for (int h = 0; h < origins.history().size(); h++) {
            String createdBy = origins.history().get(h).createdBy();
            String text = Origins.instructionText(createdBy);
            for (SecretKeys.Pair pair : SecretKeys.pairs(createdBy)) {
                String set = pair.key() + "=" + pair.value();
                // an exec-form RUN's last build argument reads as the first words of what a shell form names whole
                if (!keys.isSecret(pair.key()) || !SecretKeys.hasValue(pair.value())
                        || reported.stream().anyMatch(r -> r.startsWith(set + " ") || set.startsWith(r + " "))
                        || !reported.add(set)) {
                    continue;
                }
                Origin origin = origins.ofHistory(h);
                String what = text.startsWith("|") || text.startsWith("RUN |") ? "build argument"
                        : text.startsWith("ENV ") ? "ENV, overridden later," : text.startsWith("LABEL ")
                                ? "LABEL, overridden later," : text.startsWith("ARG ") ? "ARG default" : "value";
                breaches.add(SecurityText.breach(what + " " + pair.key() + "=" + SecretPatterns.mask(pair.value())
                        + " in history entry " + (h + 1) + origin.inParens() + ": readable with docker history;"
                        + " use a build secret (RUN --mount=type=secret) instead of an ARG", null, origin)
                        .withSubject((what.equals("build argument") ? "build-arg:" : "history:") + pair.key()));
            }
        }
        String summary = breaches.isEmpty() ? "no secret-looking key in " + count(config.env().size(),
                "ENV variable", "ENV variables") + ", " + count(config.labels().size(), "label", "labels")
                + " and the history"
                : count(breaches.size(), "secret-looking key", "secret-looking keys") + " with a value";
        return Outcome.of(summary, breaches);
    }

    /** The last history entry of this instruction that sets key=value; -1 when none does. */
    private static int lastSetting(Origins origins, String instruction, String key, String value) {
        for (int h = origins.history().size() - 1; h >= 0; h--) {
            String text = Origins.instructionText(origins.history().get(h).createdBy());
            if (!text.startsWith(instruction + " ")) {
                continue;
            }
            for (SecretKeys.Pair p : SecretKeys.pairs(text)) {
                if (p.key().equals(key) && p.value().equals(value)) {
                    return h;
                }
            }
        }
        return -1;
    }
}
