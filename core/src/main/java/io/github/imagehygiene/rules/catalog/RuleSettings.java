package io.github.imagehygiene.rules.catalog;

import io.github.imagehygiene.rules.vulnerability.VulnerabilityPolicy;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.rules.base.BasePolicySettings;
import io.github.imagehygiene.rules.budget.BudgetSettings;
import io.github.imagehygiene.rules.inventory.InventorySettings;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * The topic records the rules are made from; each rule takes its own topic's record.
 *
 * @param budgets    the size budgets
 * @param basePolicy the base image, operating system and Java policy
 * @param hygiene    the layer-hygiene limits and ignored paths
 * @param inventory  denied packages and the package budget
 * @param security   the security rules' allow-lists and assertions
 * @param vulnerabilities what fails the vulnerabilities rule
 */
public record RuleSettings(BudgetSettings budgets, BasePolicySettings basePolicy, HygieneSettings hygiene,
        InventorySettings inventory, SecuritySettings security, VulnerabilityPolicy vulnerabilities) {
    /** Every default: no budget, no policy, dive's hygiene limits, the security rules' defaults. */
    public static final RuleSettings DEFAULTS = new RuleSettings(BudgetSettings.NONE, BasePolicySettings.NONE,
            HygieneSettings.DEFAULTS, InventorySettings.NONE, SecuritySettings.defaults(),
            VulnerabilityPolicy.DEFAULTS);

    /** With the vulnerability policy's defaults. */
    public RuleSettings(BudgetSettings budgets, BasePolicySettings basePolicy, HygieneSettings hygiene,
            InventorySettings inventory, SecuritySettings security) {
        this(budgets, basePolicy, hygiene, inventory, security, VulnerabilityPolicy.DEFAULTS);
    }
}
