package io.github.imagehygiene.rules.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * What the image config must say, as container-structure-test's metadata test, with no container. Anything null or
 * empty is not asserted.
 *
 * @param env            variable → value it must have; a null or empty value only requires the variable to be set
 * @param labels         label → value, the same way
 * @param exposedPorts   ports that must be exposed: "8080" (tcp) or "9090/udp"
 * @param unexposedPorts ports that must not be exposed
 * @param entrypoint     the exact entrypoint, or null
 * @param cmd            the exact cmd, or null
 * @param workdir        the working directory, or null
 * @param user           the USER, as written ("1000:1000", "app"), or null
 */
public record ConfigAssertions(Map<String, String> env, Map<String, String> labels, List<String> exposedPorts,
        List<String> unexposedPorts, List<String> entrypoint, List<String> cmd, String workdir, String user) {

    public static final ConfigAssertions NONE = new ConfigAssertions(Map.of(), Map.of(), List.of(), List.of(), null,
            null, null, null);

    public ConfigAssertions {
        env = env == null ? Map.of() : copy(env);
        labels = labels == null ? Map.of() : copy(labels);
        exposedPorts = exposedPorts == null ? List.of() : exposedPorts.stream().map(p -> port("exposedPorts", p))
                .toList();
        unexposedPorts = unexposedPorts == null ? List.of()
                : unexposedPorts.stream().map(p -> port("unexposedPorts", p)).toList();
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
    }

    /** How many assertions there are. */
    public int count() {
        return env.size() + labels.size() + exposedPorts.size() + unexposedPorts.size() + (entrypoint == null ? 0 : 1)
                + (cmd == null ? 0 : 1) + (workdir == null ? 0 : 1) + (user == null ? 0 : 1);
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** "8080" → "8080/tcp", as the config's ExposedPorts names them. */
    static String port(String parameter, String text) {
        String p = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String number = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        String protocol = p.contains("/") ? p.substring(p.indexOf('/') + 1) : "tcp";
        boolean valid = number.matches("\\d{1,5}") && Integer.parseInt(number) <= 65535
                && (protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("sctp"));
        if (!valid) {
            throw new ConfigurationException("Invalid value for " + parameter + ": '" + text
                    + "' is not a port; use e.g. 8080 or 9090/udp");
        }
        return number + "/" + protocol;
    }

    private static Map<String, String> copy(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return java.util.Collections.unmodifiableMap(out);
    }
}
