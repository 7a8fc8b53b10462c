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
import io.github.imagehygiene.rules.budget.MaxCompressedGrowthRule;
import io.github.imagehygiene.rules.budget.MaxCompressedSizeRule;
import io.github.imagehygiene.rules.budget.MaxGrowthRule;
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
import io.github.imagehygiene.rules.vulnerability.VulnerabilitiesRule;

/**
 * The one list of rules, in the order of the verdict table, report.json's {@code rules[]} and the findings: size
 * budgets, base image, operating system and Java, layer hygiene, inventory, security. It also knows which ids exist,
 * for the settings that name rules ({@code <levels>}, suppressions): a misspelt id fails with the closest one. A new
 * rule is one entry here, a class on {@link Rule}, and a page {@code docs/rules/<id>.md}.
 */
public final class RuleCatalog {
    /**
     * A rule's id, what it checks (one line; the README's rule table and SARIF's rule descriptions say it) and how it
     * is made from the settings; the id is checked against the rule's own by a test.
     */
    private record Entry(String id, String checks, Function<RuleSettings, Rule> make) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(MaxSizeRule.ID, "image size (`docker images`) ≤ budget",
                    s -> new MaxSizeRule(s.budgets())),
            new Entry(MaxCompressedSizeRule.ID, "pushed (compressed) size ≤ budget",
                    s -> new MaxCompressedSizeRule(s.budgets())),
            new Entry(MaxLayerSizeRule.ID, "every layer ≤ budget",
                    s -> new MaxLayerSizeRule(s.budgets())),
            new Entry(MaxLayersRule.ID, "layer count ≤ limit",
                    s -> new MaxLayersRule(s.budgets())),
            new Entry(MaxGrowthRule.ID, "growth of the image size over the `baseline`'s ≤ budget (size or %)",
                    s -> new MaxGrowthRule(s.budgets())),
            new Entry(MaxCompressedGrowthRule.ID, "growth of the pushed size over the `baseline`'s ≤ budget (size or %)",
                    s -> new MaxCompressedGrowthRule(s.budgets())),
            new Entry(AllowedBaseImagesRule.ID, "the base matches an allowed pattern",
                    s -> new AllowedBaseImagesRule(s.basePolicy())),
            new Entry(DeniedBaseImagesRule.ID, "the base matches no denied pattern (the reason is repeated)",
                    s -> new DeniedBaseImagesRule(s.basePolicy())),
            new Entry(RequirePinnedBaseRule.ID, "the base is pinned by tag (not latest) or digest",
                    s -> new RequirePinnedBaseRule(s.basePolicy())),
            new Entry(UnknownBaseRule.ID, "some evidence names the base (when a base policy is set)",
                    s -> new UnknownBaseRule(s.basePolicy())),
            new Entry(AllowedOperatingSystemsRule.ID, "the OS matches `debian>=12`, `amzn=2023`, `distroless`…",
                    s -> new AllowedOperatingSystemsRule(s.basePolicy())),
            new Entry(OsEndOfLifeRule.ID, "the OS is not past its end of life (bundled, dated table)",
                    s -> new OsEndOfLifeRule(s.basePolicy())),
            new Entry(OsEndOfLifeSoonRule.ID, "the OS is not within `eolWarningDays` of its end of life",
                    s -> new OsEndOfLifeSoonRule(s.basePolicy())),
            new Entry(MinJavaVersionRule.ID, "the Java runtime found is at least this version",
                    s -> new MinJavaVersionRule(s.basePolicy())),
            new Entry(AllowedJavaVendorsRule.ID, "the Java runtime's vendor is allowed",
                    s -> new AllowedJavaVendorsRule(s.basePolicy())),
            new Entry(MinEfficiencyRule.ID, "dive's efficiency ≥ minimum (default 0.9)",
                    s -> new MinEfficiencyRule(s.hygiene())),
            new Entry(MaxWastedBytesRule.ID, "dive's wasted bytes ≤ budget",
                    s -> new MaxWastedBytesRule(s.hygiene())),
            new Entry(MaxWastedPercentRule.ID, "dive's wasted share of the user layers ≤ maximum (default 0.1)",
                    s -> new MaxWastedPercentRule(s.hygiene())),
            new Entry(MaxReclaimableRule.ID, "bytes stored but hidden (overwritten, deleted, chmod copies) ≤ budget (size or %)",
                    s -> new MaxReclaimableRule(s.hygiene())),
            new Entry(NoPackageCachesRule.ID, "no apt/apk/dnf/pip/npm/yarn/Maven/Gradle caches, no /tmp content",
                    s -> new NoPackageCachesRule(s.hygiene())),
            new Entry(HistoryLintRule.ID, "no consecutive RUNs, lone `apt-get update`, `apk add` without `--no-cache`, ADD of files/URLs, sudo",
                    s -> new HistoryLintRule(s.hygiene())),
            new Entry(NoBuildToolsRule.ID, "no JDK where a JRE would do, compilers, make, git, Maven/Gradle",
                    s -> new NoBuildToolsRule(s.hygiene())),
            new Entry(JavaLayeringRule.ID, "no fat jar in one layer; dependencies below application classes",
                    s -> new JavaLayeringRule(s.hygiene())),
            new Entry(DeniedPackagesRule.ID, "no OS package or Java library matches a denied purl/range",
                    s -> new DeniedPackagesRule(s.inventory())),
            new Entry(MaxPackageSizeRule.ID, "every package ≤ budget",
                    s -> new MaxPackageSizeRule(s.inventory())),
            new Entry(VulnerabilitiesRule.ID, "no known vulnerability (OSV) at or above `failOnSeverity` with a fix",
                    s -> new VulnerabilitiesRule(s.vulnerabilities(), s.basePolicy().clock())),
            new Entry(NoRootUserRule.ID, "the container does not run as root (dockle CIS-DI-0001)",
                    s -> new NoRootUserRule(s.security())),
            new Entry(RequireHealthcheckRule.ID, "a HEALTHCHECK is set (CIS-DI-0006)",
                    s -> new RequireHealthcheckRule(s.security())),
            new Entry(NoSensitiveVolumesRule.ID, "no VOLUME on `/`, `/proc`, `/sys`, `/dev`, the docker socket",
                    s -> new NoSensitiveVolumesRule(s.security())),
            new Entry(NoLatestTagRule.ID, "neither the image nor its base is `latest` (DKL-DI-0006)",
                    s -> new NoLatestTagRule(s.security())),
            new Entry(NoSecretKeysRule.ID, "no secret-looking ENV, label or build argument (CIS-DI-0010)",
                    s -> new NoSecretKeysRule(s.security())),
            new Entry(NoSecretsRule.ID, "no private key, cloud or VCS token, JWT, password URL in any layer's files",
                    s -> new NoSecretsRule(s.security())),
            new Entry(NoSetuidFilesRule.ID, "no setuid/setgid files beyond the usual ones (CIS-DI-0008)",
                    s -> new NoSetuidFilesRule(s.security())),
            new Entry(NoWorldWritableRule.ID, "no world-writable files outside /tmp",
                    s -> new NoWorldWritableRule(s.security())),
            new Entry(NoEmptyPasswordsRule.ID, "no empty password hash (DKL-LI-0001)",
                    s -> new NoEmptyPasswordsRule(s.security())),
            new Entry(UniqueIdsRule.ID, "no duplicate UIDs/GIDs (DKL-LI-0002)",
                    s -> new UniqueIdsRule(s.security())),
            new Entry(NoStrayFilesRule.ID, "no `.git/`, `.env`, `Dockerfile`, `.aws/`, `.npmrc` with a token… (DKL-LI-0003)",
                    s -> new NoStrayFilesRule(s.security())),
            new Entry(ConfigAssertionsRule.ID, "the config says what `<configAssertions>` expects",
                    s -> new ConfigAssertionsRule(s.security())),
            new Entry(FileAssertionsRule.ID, "files exist or not, with mode, owner, content, as `<fileAssertions>` expects",
                    s -> new FileAssertionsRule(s.security())));

    private static final List<String> IDS = ENTRIES.stream().map(Entry::id).toList();

    private RuleCatalog() {
    }

    /** What each rule checks, one line in Markdown ("image size (`docker images`) ≤ budget"), by id in order. */
    public static java.util.Map<String, String> descriptions() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        ENTRIES.forEach(e -> m.put(e.id(), e.checks()));
        return java.util.Collections.unmodifiableMap(m);
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
