package io.github.imagehygiene.rules.base;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code unknownBase}: the level at which a base policy ({@code allowedBaseImages}, {@code deniedBaseImages},
 * {@code requirePinnedBase}) meets a base that no evidence names — WARN by default; ERROR refuses such images,
 * OFF accepts them silently. Without a base policy there is nothing to check.
 */
public final class UnknownBaseRule extends BaseRule {
    public static final String ID = "unknownBase";
    private final boolean policySet;

    /** @param policySet whether any of allowedBaseImages, deniedBaseImages, requirePinnedBase is set */
    public UnknownBaseRule(boolean policySet) {
        this.policySet = policySet;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.WARN;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (!policySet) {
            return RuleOutcome.notConfigured((base.known() ? named(base) : "base unknown") + ", no base policy set");
        }
        if (base.known()) {
            return RuleOutcome.of(named(base), List.of());
        }
        return RuleOutcome.of("no evidence names the base", List.of("no evidence names the base image: no "
                + BaseImage.BASE_NAME + " annotation or label, no base in the Jib, docker-maven-plugin or Dockerfile"
                + " configuration, no baseImages fingerprint matches the image's layers; the base image policy cannot be"
                + " checked (name the base in the build, or list it in baseImages)" + conflicts(base)));
    }
}
