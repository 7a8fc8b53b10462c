package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.ImageDiff;
import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxCompressedGrowth}: what a push transfers may grow over the baseline's by at most the budget, in bytes or
 * as a share, measured as {@code maxCompressedSize} measures it.
 */
public final class MaxCompressedGrowthRule extends Rule {
    public static final String ID = "maxCompressedGrowth";
    private final SizeLimit limit;

    public MaxCompressedGrowthRule(BudgetSettings budgets) {
        super(ID, Level.ERROR);
        this.limit = budgets.maxCompressedGrowth();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        return GrowthText.evaluate("compressed image", true, limit, analysis.settings(Baseline.class, null),
                ImageDiff.of(analysis));
    }
}
