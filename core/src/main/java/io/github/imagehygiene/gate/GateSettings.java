package io.github.imagehygiene.gate;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.catalog.RuleCatalog;

/**
 * How findings count, validated: every rule id named (in {@code <levels>}, in the suppression file) is one of the
 * catalogue's.
 *
 * @param levels       rule id → level, as the user set them; the others run at their default level
 * @param suppressions the suppression file's entries, or {@link Suppressions#NONE}
 * @param clock        the date suppressions expire on (tests fix it)
 */
public record GateSettings(Map<String, Level> levels, Suppressions suppressions, Clock clock) {
    public static final GateSettings DEFAULTS = new GateSettings(Map.of(), Suppressions.NONE, null);

    public GateSettings {
        levels = levels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(levels));
        RuleCatalog.checkIds(levels.keySet(), "in <levels>");
        suppressions = suppressions == null ? Suppressions.NONE : suppressions;
        suppressions.checkRules(RuleCatalog.ids());
        clock = clock == null ? Clock.systemDefaultZone() : clock;
    }

    /**
     * From the parameters as written: {@code <levels><maxSize>WARN</maxSize></levels>}.
     *
     * @throws ConfigurationException for a level that is not ERROR, WARN or OFF, or an unknown rule
     */
    public static GateSettings parse(Map<String, String> levels, Suppressions suppressions, Clock clock) {
        Map<String, Level> parsed = new TreeMap<>();
        if (levels != null) {
            for (Map.Entry<String, String> e : levels.entrySet()) {
                Level level = Level.parse(e.getValue());
                if (level == null) {
                    throw new ConfigurationException("Invalid level for rule " + e.getKey() + ": '" + e.getValue()
                            + "'; use ERROR, WARN or OFF");
                }
                parsed.put(e.getKey(), level);
            }
        }
        return new GateSettings(parsed, suppressions, clock);
    }

    /** The level a rule runs at. */
    public Level levelOf(String rule, Level defaultLevel) {
        return levels.getOrDefault(rule, defaultLevel);
    }
}
