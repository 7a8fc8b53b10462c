package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.SecretKeys;
import io.github.imagehygiene.analysis.security.SecretPatterns;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.ImageConfig;

/**
 * {@code configAssertions}: the image config says what the pom expects (env, labels, exposed ports, entrypoint, cmd,
 * workdir, user), as container-structure-test's metadata test, with no container. Values of secret-looking keys are
 * masked in messages.
 */
public final class ConfigAssertionsRule extends Rule {
    public static final String ID = "configAssertions";
    private final SecuritySettings settings;

    public ConfigAssertionsRule(SecuritySettings settings) {
        super(ID, Level.ERROR);
        this.settings = settings;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        ConfigAssertions expect = settings.configAssertions();
        if (expect.isEmpty()) {
            return Outcome.notSet("no config assertion set");
        }
        ImageConfig config = analysis.image().config();
        SecretKeys keys = settings.secretKeys();
        List<Breach> breaches = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : config.env()) {
            int eq = e.indexOf('=');
            env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        compare("env", expect.env(), env, keys, breaches);
        compare("label", expect.labels(), config.labels(), keys, breaches);
        for (String port : expect.exposedPorts()) {
            if (!config.exposedPorts().contains(port)) {
                breaches.add(SecurityText.breach("port " + port + " is not exposed (exposed: " + list(config.exposedPorts())
                        + "); add EXPOSE " + port, null, null).withSubject("port:" + port));
            }
        }
        for (String port : expect.unexposedPorts()) {
            if (config.exposedPorts().contains(port)) {
                breaches.add(SecurityText.breach("port " + port + " is exposed, and must not be; remove EXPOSE " + port,
                        null, null).withSubject("port:" + port));
            }
        }
        if (expect.entrypoint() != null && !expect.entrypoint().equals(config.entrypoint())) {
            breaches.add(SecurityText.breach("entrypoint is " + json(config.entrypoint()) + ", expected "
                    + json(expect.entrypoint()), null, null).withSubject("config:Entrypoint"));
        }
        if (expect.cmd() != null && !expect.cmd().equals(config.cmd())) {
            breaches.add(SecurityText.breach("cmd is " + json(config.cmd()) + ", expected " + json(expect.cmd()), null,
                    null).withSubject("config:Cmd"));
        }
        String workdir = config.workingDir() == null ? "" : config.workingDir();
        if (expect.workdir() != null && !expect.workdir().equals(workdir)) {
            breaches.add(SecurityText.breach("workdir is '" + workdir + "', expected '" + expect.workdir() + "'", null,
                    null).withSubject("config:WorkingDir"));
        }
        String user = config.user() == null ? "" : config.user();
        if (expect.user() != null && !expect.user().equals(user)) {
            breaches.add(SecurityText.breach("user is '" + user + "', expected '" + expect.user() + "'", null, null)
                    .withSubject("config:User"));
        }
        int total = expect.count();
        return Outcome.of("config assertions: " + (total - breaches.size()) + " of " + total + " hold",
                breaches);
    }

    private static void compare(String what, Map<String, String> expected, Map<String, String> actual, SecretKeys keys,
            List<Breach> breaches) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String key = e.getKey();
            String value = actual.get(key);
            boolean secret = keys.isSecret(key);
            if (value == null) {
                breaches.add(SecurityText.breach(what + " " + key + " is not set" + (e.getValue().isEmpty() ? ""
                        : ", expected '" + shown(e.getValue(), secret) + "'"), null, null).withSubject(what + ":" + key));
            } else if (!e.getValue().isEmpty() && !e.getValue().equals(value)) {
                breaches.add(SecurityText.breach(what + " " + key + " is '" + shown(value, secret) + "', expected '"
                        + shown(e.getValue(), secret) + "'", null, null).withSubject(what + ":" + key));
            }
        }
    }

    private static String shown(String value, boolean secret) {
        return secret ? SecretPatterns.mask(value) : value;
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "none" : String.join(" ", values);
    }

    /** ["java", "-jar", "app.jar"], as a Dockerfile's exec form writes it. */
    static String json(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
