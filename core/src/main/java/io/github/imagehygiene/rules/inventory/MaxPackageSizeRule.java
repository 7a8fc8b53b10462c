package io.github.imagehygiene.rules.inventory;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;

/**
 * {@code maxPackageSize}: no single package may account for more bytes of the final filesystem than the budget: an
 * OS package its files, a Java archive its own bytes (the libraries nested in a fat jar count each on their own).
 * One finding per package over it, largest first.
 */
public final class MaxPackageSizeRule extends Rule {
    public static final String ID = "maxPackageSize";
    private final ByteSize limit;

    public MaxPackageSizeRule(InventorySettings inventory) {
        super(ID, Level.ERROR);
        this.limit = inventory.maxPackageSize();
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return InventoryCollectors.all();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Inventory inventory = Inventory.from(analysis);
        List<Component> largest = inventory.largest(Integer.MAX_VALUE);
        String top = largest.isEmpty() ? "no packages found"
                : "largest package " + largest.get(0).displayName() + " "
                        + (limit == null ? ByteSize.human(largest.get(0).bytes()) : limit.formatLike(largest.get(0).bytes()));
        if (limit == null) {
            return Outcome.notSet(top + (largest.isEmpty() ? "" : ", no budget set"));
        }
        List<Breach> breaches = new ArrayList<>();
        for (Component c : largest) {
            if (c.bytes() > limit.bytes()) {
                breaches.add(PackageLabel.breach(c, analysis, PackageLabel.subject(c), "package "
                        + PackageLabel.of(c, analysis.layers()) + " is " + limit.formatLike(c.bytes()) + ", "
                        + limit.formatLike(c.bytes() - limit.bytes()) + " over the budget of " + limit
                        + " for one package"));
            }
        }
        return Outcome.of(largest.isEmpty() ? top + ", budget " + limit : top + " of " + limit, breaches);
    }
}
