package io.github.imagehygiene.rules.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.github.imagehygiene.common.ClosestName;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.base.AllowedBaseImagesRule;
import io.github.imagehygiene.rules.base.AllowedJavaVendorsRule;
import io.github.imagehygiene.rules.base.AllowedOperatingSystemsRule;
import io.github.imagehygiene.rules.base.DeniedBaseImagesRule;
import io.github.imagehygiene.rules.base.MinJavaVersionRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeSoonRule;
import io.github.imagehygiene.rules.base.RequirePinnedBaseRule;
import io.github.imagehygiene.rules.base.UnknownBaseRule;
import io.github.imagehygiene.rules.budget.MaxCompressedSizeRule;
import io.github.imagehygiene.rules.budget.MaxLayerSizeRule;
import io.github.imagehygiene.rules.budget.MaxLayersRule;
import io.github.imagehygiene.rules.budget.MaxSizeRule;
import io.github.imagehygiene.rules.hygiene.HistoryLintRule;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;
import io.github.imagehygiene.rules.hygiene.MaxReclaimableRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedBytesRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedPercentRule;
import io.github.imagehygiene.rules.hygiene.MinEfficiencyRule;
import io.github.imagehygiene.rules.hygiene.NoBuildToolsRule;
import io.github.imagehygiene.rules.hygiene.NoPackageCachesRule;
import io.github.imagehygiene.rules.inventory.DeniedPackagesRule;
import io.github.imagehygiene.rules.inventory.MaxPackageSizeRule;
import io.github.imagehygiene.rules.security.ConfigAssertionsRule;
import io.github.imagehygiene.rules.security.FileAssertionsRule;
import io.github.imagehygiene.rules.security.NoEmptyPasswordsRule;
import io.github.imagehygiene.rules.security.NoLatestTagRule;
import io.github.imagehygiene.rules.security.NoRootUserRule;
import io.github.imagehygiene.rules.security.NoSecretKeysRule;
import io.github.imagehygiene.rules.security.NoSecretsRule;
import io.github.imagehygiene.rules.security.NoSensitiveVolumesRule;
import io.github.imagehygiene.rules.security.NoSetuidFilesRule;
import io.github.imagehygiene.rules.security.NoStrayFilesRule;
import io.github.imagehygiene.rules.security.NoWorldWritableRule;
import io.github.imagehygiene.rules.security.RequireHealthcheckRule;
import io.github.imagehygiene.rules.security.UniqueIdsRule;

/**
 * The one list of rules, in the order of the verdict table, report.json's {@code rules[]} and the findings: size
 * budgets, base image, operating system and Java, layer hygiene, inventory, security. It also knows which ids exist,
 * for the settings that name rules ({@code <levels>}, suppressions): a misspelt id fails with the closest one. A new
 * rule is one entry here, a class on {@link Rule}, and a page {@code docs/rules/<id>.md}.
 */
public final class RuleCatalog {
    /** A rule's id and how it is made from the settings; the id is checked against the rule's own by a test. */
    private record Entry(String id, Function<RuleSettings, Rule> make) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(MaxSizeRule.ID, s -> new MaxSizeRule(s.budgets())),
            new Entry(MaxCompressedSizeRule.ID, s -> new MaxCompressedSizeRule(s.budgets())),
            new Entry(MaxLayerSizeRule.ID, s -> new MaxLayerSizeRule(s.budgets())),
            new Entry(MaxLayersRule.ID, s -> new MaxLayersRule(s.budgets())),
            new Entry(AllowedBaseImagesRule.ID, s -> new AllowedBaseImagesRule(s.basePolicy())),
            new Entry(DeniedBaseImagesRule.ID, s -> new DeniedBaseImagesRule(s.basePolicy())),
            new Entry(RequirePinnedBaseRule.ID, s -> new RequirePinnedBaseRule(s.basePolicy())),
            new Entry(UnknownBaseRule.ID, s -> new UnknownBaseRule(s.basePolicy())),
            new Entry(AllowedOperatingSystemsRule.ID, s -> new AllowedOperatingSystemsRule(s.basePolicy())),
            new Entry(OsEndOfLifeRule.ID, s -> new OsEndOfLifeRule(s.basePolicy())),
            new Entry(OsEndOfLifeSoonRule.ID, s -> new OsEndOfLifeSoonRule(s.basePolicy())),
            new Entry(MinJavaVersionRule.ID, s -> new MinJavaVersionRule(s.basePolicy())),
            new Entry(AllowedJavaVendorsRule.ID, s -> new AllowedJavaVendorsRule(s.basePolicy())),
            new Entry(MinEfficiencyRule.ID, s -> new MinEfficiencyRule(s.hygiene())),
            new Entry(MaxWastedBytesRule.ID, s -> new MaxWastedBytesRule(s.hygiene())),
            new Entry(MaxWastedPercentRule.ID, s -> new MaxWastedPercentRule(s.hygiene())),
            new Entry(MaxReclaimableRule.ID, s -> new MaxReclaimableRule(s.hygiene())),
            new Entry(NoPackageCachesRule.ID, s -> new NoPackageCachesRule(s.hygiene())),
            new Entry(HistoryLintRule.ID, s -> new HistoryLintRule(s.hygiene())),
            new Entry(NoBuildToolsRule.ID, s -> new NoBuildToolsRule(s.hygiene())),
            new Entry(JavaLayeringRule.ID, s -> new JavaLayeringRule(s.hygiene())),
            new Entry(DeniedPackagesRule.ID, s -> new DeniedPackagesRule(s.inventory())),
            new Entry(MaxPackageSizeRule.ID, s -> new MaxPackageSizeRule(s.inventory())),
            new Entry(NoRootUserRule.ID, s -> new NoRootUserRule(s.security())),
            new Entry(RequireHealthcheckRule.ID, s -> new RequireHealthcheckRule(s.security())),
            new Entry(NoSensitiveVolumesRule.ID, s -> new NoSensitiveVolumesRule(s.security())),
            new Entry(NoLatestTagRule.ID, s -> new NoLatestTagRule(s.security())),
            new Entry(NoSecretKeysRule.ID, s -> new NoSecretKeysRule(s.security())),
            new Entry(NoSecretsRule.ID, s -> new NoSecretsRule(s.security())),
            new Entry(NoSetuidFilesRule.ID, s -> new NoSetuidFilesRule(s.security())),
            new Entry(NoWorldWritableRule.ID, s -> new NoWorldWritableRule(s.security())),
            new Entry(NoEmptyPasswordsRule.ID, s -> new NoEmptyPasswordsRule(s.security())),
            new Entry(UniqueIdsRule.ID, s -> new UniqueIdsRule(s.security())),
            new Entry(NoStrayFilesRule.ID, s -> new NoStrayFilesRule(s.security())),
            new Entry(ConfigAssertionsRule.ID, s -> new ConfigAssertionsRule(s.security())),
            new Entry(FileAssertionsRule.ID, s -> new FileAssertionsRule(s.security())));

    private static final List<String> IDS = ENTRIES.stream().map(Entry::id).toList();

    private RuleCatalog() {
    }

    /** Every rule id, in catalogue order; no rule is made. */
    public static List<String> ids() {
        return IDS;
    }

    /** Every rule, made from the settings (one set of content collectors per call), in catalogue order. */
    public static List<Rule> rules(RuleSettings settings) {
        List<Rule> rules = new ArrayList<>(ENTRIES.size());
        for (Entry e : ENTRIES) {
            rules.add(e.make().apply(settings));
        }
        return List.copyOf(rules);
    }

    /**
     * Fails on an id that names no rule, saying where it was written, the closest id and every id.
     *
     * @param where e.g. "in <levels>", "in suppression 2 of image-hygiene-suppressions.xml"
     * @throws ConfigurationException "Unknown rule 'maxSise' in <levels> (did you mean 'maxSize'?); known rules: ..."
     */
    public static void checkIds(Collection<String> ids, String where) {
        for (String id : ids) {
            checkId(id, where);
        }
    }

    /** {@link #checkIds} for one id. */
    public static void checkId(String id, String where) {
        if (IDS.contains(id)) {
            return;
        }
        String closest = closest(id);
        throw new ConfigurationException("Unknown rule '" + id + "' " + where
                + (closest != null ? " (did you mean '" + closest + "'?)" : "") + "; known rules: "
                + String.join(", ", IDS.stream().sorted().toList()));
    }

    /** The id within 3 edits (ignoring case) of a misspelt one, if any. */
    static String closest(String id) {
        return ClosestName.of(id, IDS);
    }
}
