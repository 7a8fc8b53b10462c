package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.ImageConfig;

/**
 * {@code requireHealthcheck} (dockle CIS-DI-0006): the image must define a HEALTHCHECK, so that the engine can tell a
 * hung container from a healthy one. {@code HEALTHCHECK NONE} counts as none.
 */
public final class RequireHealthcheckRule extends Rule {
    public static final String ID = "requireHealthcheck";
    private final SecuritySettings settings;

    public RequireHealthcheckRule(SecuritySettings settings) {
        super(ID, Level.WARN);
        this.settings = settings;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        ImageConfig config = analysis.image().config();
        List<String> test = config.healthcheck();
        if (!test.isEmpty() && !test.get(0).equalsIgnoreCase("NONE")) {
            return Outcome.of("HEALTHCHECK set", List.of());
        }
        Origins origins = Origins.of(analysis);
        if (test.isEmpty()) {
            return Outcome.of("no HEALTHCHECK", List.of(SecurityText.breach("the image has no HEALTHCHECK; add one,"
                    + " e.g. HEALTHCHECK CMD [\"/app/healthcheck\"], so that the engine can tell a hung container from"
                    + " a healthy one", null, Origin.OWN).withSubject("config:Healthcheck")));
        }
        int h = origins.lastInstruction("HEALTHCHECK", "");
        Origin origin = h >= 0 ? origins.ofHistory(h) : Origin.OWN;
        return Outcome.of("HEALTHCHECK NONE", List.of(SecurityText.breach("HEALTHCHECK NONE turns the health check"
                + " off" + origin.setIn() + "; define one, e.g. HEALTHCHECK CMD [\"/app/healthcheck\"]", null,
                origin).withSubject("config:Healthcheck")));
    }
}
