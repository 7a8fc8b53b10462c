package io.github.imagehygiene.rules.budget;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxSize}: the image's size as {@code docker images} shows it (the bytes of all files in all layers, tar
 * headers and padding left out) must not exceed the budget. A breach names the three largest layers and the three
 * largest files the container sees, the places to start trimming.
 */
public final class MaxSizeRule extends Rule {
    public static final String ID = "maxSize";
    private final ByteSize limit;

    public MaxSizeRule(BudgetSettings budgets) {
        super(ID, Level.ERROR);
        this.limit = budgets.maxSize();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        if (limit == null) {
            return Outcome.notSet(ByteSize.human(analysis.contentSize()) + ", no budget set");
        }
        long size = analysis.contentSize();
        String summary = limit.formatLike(size) + " of " + limit;
        if (size <= limit.bytes()) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage("image is " + limit.formatLike(size) + ", "
                + limit.formatLike(size - limit.bytes()) + " over the budget of " + limit + "; largest layers: "
                + LayerList.largest(analysis.layers(), LayerSummary::contentSize, limit) + largestFiles(analysis)));
    }

    private String largestFiles(ImageAnalysis analysis) {
        List<PathSize> files = SizeAttribution.of(analysis).largestFiles();
        return files.isEmpty() ? "" : "; largest files: " + LayerList.files(files.subList(0, Math.min(3, files.size())),
                limit, true);
    }
}
