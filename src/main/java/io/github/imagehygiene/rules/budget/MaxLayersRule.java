package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Level;

/**
 * {@code maxLayers}: the image may have at most this many layers. Every layer is a separate download and overlay
 * mount; consecutive {@code RUN} instructions can be joined with {@code &&}.
 */
public final class MaxLayersRule implements Rule {
    public static final String ID = "maxLayers";
    private final Integer limit;

    /** @param limit the most layers allowed, or null for no limit */
    public MaxLayersRule(Integer limit) {
        this.limit = limit;
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
        int count = analysis.layers().size();
        if (limit == null) {
            return RuleOutcome.notConfigured(count + (count == 1 ? " layer" : " layers") + ", no limit set");
        }
        String summary = count + " of " + limit + " layers";
        if (count <= limit) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of("image has " + count + " layers, " + (count - limit)
                + " over the limit of " + limit + "; join consecutive RUN instructions with '&&' and use a multi-stage"
                + " build to copy only the result"));
    }
}
