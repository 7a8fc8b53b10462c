package io.github.imagehygiene.rules.base;

import static io.github.imagehygiene.rules.base.BaseText.conflicts;
import static io.github.imagehygiene.rules.base.BaseText.named;

import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code deniedBaseImages}: the base must match none of these glob patterns, each denied for a reason the breach
 * repeats: {@code openjdk:*} — deprecated upstream, no security updates.
 */
public final class DeniedBaseImagesRule extends Rule {
    public static final String ID = "deniedBaseImages";
    private final Map<String, String> denied;

    public DeniedBaseImagesRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.denied = policy.deniedBaseImages();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (denied.isEmpty()) {
            return Outcome.notSet((base.known() ? base.name() : "base unknown") + ", no deny-list set");
        }
        if (!base.known()) {
            return Outcome.pass(BaseText.UNKNOWN);
        }
        for (Map.Entry<String, String> d : denied.entrySet()) {
            if (base.reference().matches(d.getKey())) {
                String reason = d.getValue() == null || d.getValue().isBlank() ? "no reason given" : d.getValue().strip();
                return Outcome.breach(base.name() + " is denied by " + d.getKey(), Breach.of(BaseText.subject(base),
                        "base image " + named(base) + " is denied by " + d.getKey() + ": " + reason + conflicts(base)));
            }
        }
        return Outcome.pass(base.name() + " matches none of " + denied.size() + " denied");
    }
}
