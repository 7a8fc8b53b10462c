package io.github.imagehygiene.rules.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.rules.Rule;

/**
 * The catalogue is the one list of rules: its ids are unique and in the verdict table's order, every rule made from
 * it has the id it is listed under, and every id has its page docs/rules/&lt;id&gt;.md (with a failing and a fixed
 * example, and the default level the rule has) and its row in the README's rule table, in the same order.
 */
class RuleCatalogTest {
    private static final Path DOCS = Path.of("../docs/rules");

    @Test
    void idsAreUniqueAndTheRulesTheirs() {
        List<String> ids = RuleCatalog.ids();
        assertThat(ids).hasSize(39).doesNotHaveDuplicates();
        List<Rule> rules = RuleCatalog.rules(RuleSettings.DEFAULTS);
        assertThat(rules).extracting(Rule::id).containsExactlyElementsOf(ids);
        // the size budgets first, the assertions last: the order of the console's verdict table and report.json
        assertThat(ids.subList(0, 6)).containsExactly("maxSize", "maxCompressedSize", "maxLayerSize", "maxLayers",
                "maxGrowth", "maxCompressedGrowth");
        assertThat(ids.get(38)).isEqualTo("fileAssertions");
    }

    @Test
    void everyRuleHasItsPage() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Rule rule : RuleCatalog.rules(RuleSettings.DEFAULTS)) {
            Path page = DOCS.resolve(rule.id() + ".md");
            if (!Files.isRegularFile(page)) {
                missing.add(page + " is missing");
                continue;
            }
            String text = Files.readString(page);
            if (!text.startsWith("# " + rule.id() + "\n")) {
                missing.add(page + " does not start with '# " + rule.id() + "'");
            }
            for (String section : List.of("\n## Failing\n", "\n## Fixed\n")) {
                if (!text.contains(section)) {
                    missing.add(page + " has no '" + section.strip() + "' section");
                }
            }
            if (!text.contains("**Level:** " + rule.defaultLevel() + " by default")) {
                missing.add(page + " does not say '**Level:** " + rule.defaultLevel() + " by default'");
            }
        }
        assertThat(missing).isEmpty();
        // and no page for a rule that does not exist
        try (var pages = Files.list(DOCS)) {
            assertThat(pages.map(p -> p.getFileName().toString().replaceFirst("\\.md$", "")).sorted())
                    .containsExactlyInAnyOrderElementsOf(RuleCatalog.ids());
        }
    }

    @Test
    void theReadmeListsEveryRuleInOrderWithItsPage() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| (ERROR|WARN|OFF) \\| (.*) \\| \\[\\w+\\]\\(docs/rules/(\\w+)\\.md\\) \\|$")
                .matcher(Files.readString(Path.of("../README.md")));
        List<String> listed = new ArrayList<>();
        List<Rule> rules = RuleCatalog.rules(RuleSettings.DEFAULTS);
        while (row.find()) {
            assertThat(row.group(4)).as("the page of " + row.group(1)).isEqualTo(row.group(1));
            // what it checks: the catalogue's line (SARIF's rule description), written once
            assertThat(row.group(3)).as("what " + row.group(1) + " checks")
                    .isEqualTo(RuleCatalog.descriptions().get(row.group(1)));
            Rule rule = rules.stream().filter(r -> r.id().equals(row.group(1))).findFirst().orElseThrow();
            assertThat(row.group(2)).as("default level of " + rule.id()).isEqualTo(rule.defaultLevel().name());
            listed.add(row.group(1));
        }
        assertThat(listed).containsExactlyElementsOf(RuleCatalog.ids());
    }

    @Test
    void unknownIdsAreNamedWithTheNearestOne() {
        assertThatThrownBy(() -> RuleCatalog.checkId("maxSise", "in <levels>"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Unknown rule 'maxSise' in <levels> (did you mean 'maxSize'?); known rules: ");
        RuleCatalog.checkIds(List.of("noSecrets", "uniqueIds"), "in <levels>");
    }
}
