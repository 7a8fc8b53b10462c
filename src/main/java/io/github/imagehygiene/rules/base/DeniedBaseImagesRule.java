package io.github.imagehygiene.rules.base;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code deniedBaseImages}: the base must match none of these glob patterns, each denied for a reason the breach
 * repeats: {@code openjdk:*} — deprecated upstream, no security updates.
 */
public final class DeniedBaseImagesRule extends BaseRule {
    public static final String ID = "deniedBaseImages";
    private final Map<String, String> denied;

    /** @param denied pattern → reason, in the order given; null (or empty) for no deny-list */
    public DeniedBaseImagesRule(Map<String, String> denied) {
        this.denied = denied == null || denied.isEmpty() ? null : new LinkedHashMap<>(denied);
        if (this.denied != null && this.denied.keySet().stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ConfigurationException("Invalid value for deniedBaseImages: an image pattern is empty");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.ERROR;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (denied == null) {
            return RuleOutcome.notConfigured((base.known() ? base.name() : "base unknown") + ", no deny-list set");
        }
        if (!base.known()) {
            return RuleOutcome.of(UNKNOWN, List.of());
        }
        for (Map.Entry<String, String> d : denied.entrySet()) {
            if (base.reference().matches(d.getKey())) {
                String reason = d.getValue() == null || d.getValue().isBlank() ? "no reason given" : d.getValue().strip();
                return RuleOutcome.of(base.name() + " is denied by " + d.getKey(), List.of("base image " + named(base)
                        + " is denied by " + d.getKey() + ": " + reason + conflicts(base)));
            }
        }
        return RuleOutcome.of(base.name() + " matches none of " + denied.size() + " denied", List.of());
    }
}
