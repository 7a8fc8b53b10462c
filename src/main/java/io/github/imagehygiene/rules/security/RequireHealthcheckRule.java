package io.github.imagehygiene.rules.security;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.ImageConfig;

/**
 * {@code requireHealthcheck} (dockle CIS-DI-0006): the image must define a HEALTHCHECK, so that the engine can tell a
 * hung container from a healthy one. {@code HEALTHCHECK NONE} counts as none.
 */
public final class RequireHealthcheckRule extends SecurityRule {
    public static final String ID = "requireHealthcheck";
    private final SecuritySettings settings;

    public RequireHealthcheckRule(SecuritySettings settings) {
        super(ID, Level.WARN, "CIS-DI-0006");
        this.settings = settings;
    }

    @Override
    protected SecurityOutcome compute(ImageAnalysis analysis) {
        ImageConfig config = analysis.image().config();
        List<String> test = config.healthcheck();
        if (!test.isEmpty() && !test.get(0).equalsIgnoreCase("NONE")) {
            return SecurityOutcome.of("HEALTHCHECK set", List.of());
        }
        Origins origins = new Origins(config, analysis.layers().size(), settings.isBaseLayer(analysis));
        if (test.isEmpty()) {
            return SecurityOutcome.of("no HEALTHCHECK", List.of(new Breach("the image has no HEALTHCHECK; add one,"
                    + " e.g. HEALTHCHECK CMD [\"/app/healthcheck\"], so that the engine can tell a hung container from"
                    + " a healthy one", null, Origins.Origin.OWN)));
        }
        int h = origins.lastInstruction("HEALTHCHECK", "");
        Origins.Origin origin = h >= 0 ? origins.ofHistory(h) : Origins.Origin.OWN;
        return SecurityOutcome.of("HEALTHCHECK NONE", List.of(new Breach("HEALTHCHECK NONE turns the health check"
                + " off (set " + origin.where() + "); define one, e.g. HEALTHCHECK CMD [\"/app/healthcheck\"]", null,
                origin)));
    }
}
