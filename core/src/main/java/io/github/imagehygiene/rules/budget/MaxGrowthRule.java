package io.github.imagehygiene.rules.budget;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.ImageDiff;
import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxGrowth}: the image may grow over the baseline's size (as {@code maxSize} measures it: the bytes of its
 * files) by at most the budget, in bytes ({@code 20MB}) or as a share of the baseline ({@code 10%}). An image rarely
 * breaks its budget in one step; this catches the step. A breach names what came in.
 */
public final class MaxGrowthRule extends Rule {
    public static final String ID = "maxGrowth";
    private final SizeLimit limit;

    public MaxGrowthRule(BudgetSettings budgets) {
        super(ID, Level.ERROR);
        this.limit = budgets.maxGrowth();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        return GrowthText.evaluate("image", false, limit, analysis.settings(Baseline.class, null),
                ImageDiff.of(analysis));
    }
}
