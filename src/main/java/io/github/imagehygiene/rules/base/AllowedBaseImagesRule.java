package io.github.imagehygiene.rules.base;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code allowedBaseImages}: the base must match one of these glob patterns on its normalised reference
 * ({@code docker.io/library/} implied for short names): {@code amazoncorretto:17.*-al2023},
 * {@code gcr.io/distroless/java17-debian12*}, {@code scratch}. A base that matches none is a breach; an unknown base
 * is left to {@code unknownBase}.
 */
public final class AllowedBaseImagesRule extends BaseRule {
    public static final String ID = "allowedBaseImages";
    private final List<String> patterns;

    /** @param patterns glob patterns, or null (or empty) for no allow-list */
    public AllowedBaseImagesRule(List<String> patterns) {
        this.patterns = patterns == null || patterns.isEmpty() ? null : List.copyOf(patterns);
        if (this.patterns != null && this.patterns.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ConfigurationException("Invalid value for allowedBaseImages: a pattern is empty");
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
        if (patterns == null) {
            return RuleOutcome.notConfigured((base.known() ? base.name() : "base unknown") + ", no allow-list set");
        }
        if (!base.known()) {
            return RuleOutcome.of(UNKNOWN, List.of());
        }
        for (String p : patterns) {
            if (base.reference().matches(p)) {
                return RuleOutcome.of(base.name() + " matches " + p, List.of());
            }
        }
        return RuleOutcome.of(base.name() + " matches none of " + patterns.size() + " allowed",
                List.of("base image " + named(base) + " matches none of the allowed base images: "
                        + String.join(", ", patterns) + conflicts(base)));
    }
}
