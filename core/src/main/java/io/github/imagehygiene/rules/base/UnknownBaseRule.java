package io.github.imagehygiene.rules.base;

import static io.github.imagehygiene.rules.base.BaseText.conflicts;
import static io.github.imagehygiene.rules.base.BaseText.named;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code unknownBase}: the level at which a base policy ({@code allowedBaseImages}, {@code deniedBaseImages},
 * {@code requirePinnedBase}) meets a base that no evidence names — WARN by default; ERROR refuses such images,
 * OFF accepts them silently. Without a base policy there is nothing to check.
 */
public final class UnknownBaseRule extends Rule {
    public static final String ID = "unknownBase";
    private final boolean policySet;

    public UnknownBaseRule(BasePolicySettings policy) {
        super(ID, Level.WARN);
        this.policySet = policy.policySet();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (!policySet) {
            return Outcome.notSet((base.known() ? named(base) : "base unknown") + ", no base policy set");
        }
        if (base.known()) {
            return Outcome.pass(named(base));
        }
        return Outcome.breach("no evidence names the base", Breach.of("base", "no evidence names the base image: no "
                + BaseImage.BASE_NAME + " annotation or label, no base in the Jib, docker-maven-plugin or Dockerfile"
                + " configuration, no baseImages fingerprint matches the image's layers; the base image policy cannot be"
                + " checked (name the base in the build, or list it in baseImages)" + conflicts(base)));
    }
}
