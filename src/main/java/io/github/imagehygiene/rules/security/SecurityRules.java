package io.github.imagehygiene.rules.security;

import java.util.List;

import io.github.imagehygiene.rules.Rule;

/** The security rules of issue #5, configured, in the order of the verdict table. */
public final class SecurityRules {
    private SecurityRules() {
    }

    /** Every security rule; the content collectors are made here, one set per run. */
    public static List<SecurityRule> all(SecuritySettings settings) {
        return List.of(new NoRootUserRule(settings), new RequireHealthcheckRule(settings),
                new NoSensitiveVolumesRule(settings), new NoLatestTagRule(settings), new NoSecretKeysRule(settings),
                new NoSecretsRule(settings), new NoSetuidFilesRule(settings), new NoWorldWritableRule(settings),
                new NoEmptyPasswordsRule(settings), new UniqueIdsRule(settings), new NoStrayFilesRule(settings),
                new ConfigAssertionsRule(settings), new FileAssertionsRule(settings));
    }

    /** The same, typed as the rule engine takes them. */
    public static List<Rule> asRules(SecuritySettings settings) {
        return List.copyOf(all(settings));
    }
}
