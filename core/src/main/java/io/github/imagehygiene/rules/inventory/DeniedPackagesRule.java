package io.github.imagehygiene.rules.inventory;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;

/**
 * {@code deniedPackages}: no OS package or Java library (nested and shaded ones included) may match a denied entry,
 * e.g. {@code pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)} (Log4Shell). One finding per package and
 * entry, naming where it was found and why it is denied.
 */
public final class DeniedPackagesRule extends Rule {
    public static final String ID = "deniedPackages";
    private final List<DeniedPackage> denied;

    public DeniedPackagesRule(InventorySettings inventory) {
        super(ID, Level.ERROR);
        this.denied = inventory.deniedPackages();
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return InventoryCollectors.all();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Inventory inventory = Inventory.from(analysis);
        List<Component> all = inventory.components();
        String counted = all.size() + (all.size() == 1 ? " package" : " packages") + " ("
                + inventory.osPackages().size() + " OS, " + inventory.javaArtifacts().size() + " Java)";
        if (denied.isEmpty()) {
            return Outcome.notSet(counted + ", no denied packages set");
        }
        List<Breach> breaches = new ArrayList<>();
        int hits = 0;
        for (Component c : all) {
            boolean hit = false;
            for (DeniedPackage d : denied) {
                if (d.matches(c)) {
                    hit = true;
                    breaches.add(PackageLabel.breach(c, analysis, PackageLabel.subject(c) + " " + d.match(),
                            PackageLabel.of(c, analysis.layers()) + " is denied by " + d.match()
                                    + (d.reason().isEmpty() ? "" : ": " + d.reason())));
                }
            }
            hits += hit ? 1 : 0;
        }
        return Outcome.of(hits + " denied of " + counted, breaches);
    }
}
