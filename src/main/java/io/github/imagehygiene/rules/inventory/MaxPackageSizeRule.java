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
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code maxPackageSize}: no single package may account for more bytes of the final filesystem than the budget: an
 * OS package its files, a Java archive its own bytes (the libraries nested in a fat jar count each on their own).
 * One finding per package over it, largest first.
 */
public final class MaxPackageSizeRule implements Rule {
    public static final String ID = "maxPackageSize";
    private final ByteSize limit;

    /** @param limit the budget, or null for no budget */
    public MaxPackageSizeRule(ByteSize limit) {
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
    public List<ContentCollector<?>> collectors() {
        return InventoryCollectors.all();
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        Inventory inventory = Inventory.from(analysis);
        List<Component> largest = inventory.largest(Integer.MAX_VALUE);
        String top = largest.isEmpty() ? "no packages found"
                : "largest package " + largest.get(0).displayName() + " "
                        + (limit == null ? ByteSize.human(largest.get(0).bytes()) : limit.formatLike(largest.get(0).bytes()));
        if (limit == null) {
            return RuleOutcome.notConfigured(top + (largest.isEmpty() ? "" : ", no budget set"));
        }
        List<String> breaches = new ArrayList<>();
        for (Component c : largest) {
            if (c.bytes() > limit.bytes()) {
                breaches.add("package " + PackageLabel.of(c, analysis.layers()) + " is " + limit.formatLike(c.bytes())
                        + ", " + limit.formatLike(c.bytes() - limit.bytes()) + " over the budget of " + limit
                        + " for one package");
            }
        }
        return RuleOutcome.of(largest.isEmpty() ? top + ", budget " + limit : top + " of " + limit, breaches);
    }
}
