package io.github.imagehygiene.rules.base;

import static io.github.imagehygiene.rules.base.BaseText.conflicts;
import static io.github.imagehygiene.rules.base.BaseText.named;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code allowedBaseImages}: the base must match one of these glob patterns on its normalised reference
 * ({@code docker.io/library/} implied for short names): {@code amazoncorretto:17.*-al2023},
 * {@code gcr.io/distroless/java17-debian12*}, {@code scratch}. A base that matches none is a breach; an unknown base
 * is left to {@code unknownBase}.
 */
public final class AllowedBaseImagesRule extends Rule {
    public static final String ID = "allowedBaseImages";
    private final List<String> patterns;

    public AllowedBaseImagesRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.patterns = policy.allowedBaseImages();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (patterns.isEmpty()) {
            return Outcome.notSet((base.known() ? base.name() : "base unknown") + ", no allow-list set");
        }
        if (!base.known()) {
            return Outcome.pass(BaseText.UNKNOWN);
        }
        for (String p : patterns) {
            if (base.reference().matches(p)) {
                return Outcome.pass(base.name() + " matches " + p);
            }
        }
        return Outcome.breach(base.name() + " matches none of " + patterns.size() + " allowed",
                Breach.of(BaseText.subject(base), "base image " + named(base) + " matches none of the allowed base"
                        + " images: " + String.join(", ", patterns) + conflicts(base)));
    }
}
