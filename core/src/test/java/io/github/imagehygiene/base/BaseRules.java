package io.github.imagehygiene.base;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.rules.base.AllowedBaseImagesRule;
import io.github.imagehygiene.rules.base.AllowedJavaVendorsRule;
import io.github.imagehygiene.rules.base.AllowedOperatingSystemsRule;
import io.github.imagehygiene.rules.base.BasePolicySettings;
import io.github.imagehygiene.rules.base.DeniedBaseImagesRule;
import io.github.imagehygiene.rules.base.MinJavaVersionRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeSoonRule;
import io.github.imagehygiene.rules.base.RequirePinnedBaseRule;
import io.github.imagehygiene.rules.base.UnknownBaseRule;

/**
 * The base-policy rules made from one setting each (the others unset), through {@link BasePolicySettings#parse} as
 * the plugin makes them: the rules take the topic's record, the tests speak of one policy at a time.
 */
final class BaseRules {
    private BaseRules() {
    }

    static AllowedBaseImagesRule allowedBaseImages(List<String> patterns) {
        return new AllowedBaseImagesRule(BasePolicySettings.parse(patterns, null, null, null, null, null, null, null));
    }

    static DeniedBaseImagesRule deniedBaseImages(Map<String, String> denied) {
        return new DeniedBaseImagesRule(BasePolicySettings.parse(null, denied, null, null, null, null, null, null));
    }

    static RequirePinnedBaseRule requirePinnedBase(String mode) {
        return new RequirePinnedBaseRule(BasePolicySettings.parse(null, null, mode, null, null, null, null, null));
    }

    static AllowedOperatingSystemsRule allowedOperatingSystems(List<String> specs) {
        return new AllowedOperatingSystemsRule(BasePolicySettings.parse(null, null, null, specs, null, null, null,
                null));
    }

    static MinJavaVersionRule minJavaVersion(String minimum) {
        return new MinJavaVersionRule(BasePolicySettings.parse(null, null, null, null, null, minimum, null, null));
    }

    static AllowedJavaVendorsRule allowedJavaVendors(List<String> vendors) {
        return new AllowedJavaVendorsRule(BasePolicySettings.parse(null, null, null, null, null, null, vendors, null));
    }

    static OsEndOfLifeRule osEndOfLife(Clock clock) {
        return new OsEndOfLifeRule(BasePolicySettings.parse(null, null, null, null, null, null, null, clock));
    }

    /** {@code warningDays} null: the default. */
    static OsEndOfLifeSoonRule osEndOfLifeSoon(Integer warningDays, Clock clock) {
        return new OsEndOfLifeSoonRule(BasePolicySettings.parse(null, null, null, null, warningDays, null, null,
                clock));
    }

    /** With a base policy set (an allow-list) or none. */
    static UnknownBaseRule unknownBase(boolean policySet) {
        return new UnknownBaseRule(BasePolicySettings.parse(policySet ? List.of("*") : null, null, null, null, null,
                null, null, null));
    }
}
