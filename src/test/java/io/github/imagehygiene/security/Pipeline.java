package io.github.imagehygiene.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.config.CheckConfiguration;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Gate;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.report.ConsoleSummary;
import io.github.imagehygiene.report.JsonReport;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.gate.RuleEngine;
import io.github.imagehygiene.rules.RuleVerdict;
import io.github.imagehygiene.rules.security.LocatedFindings;
import io.github.imagehygiene.rules.security.SecurityRule;
import io.github.imagehygiene.rules.security.SecurityRules;
import io.github.imagehygiene.rules.security.SecuritySettings;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.gate.Suppressions;

/**
 * The check as /tmp/INTEGRATION-5.md wires it, with today's core classes: the existing rules and the security rules
 * through {@link RuleEngine}, suppressions on the verdicts, the gate, then every output (console lines, warnings and
 * notes, the failure message, report.json) through {@link Masking}. Until Finding carries a path, the path of a
 * finding is looked up with {@link LocatedFindings} (rule id and message identify it).
 */
final class Pipeline {
    private Pipeline() {
    }

    /** Every output of one run, masked, as the user would see it. */
    record Outputs(ImageAnalysis analysis, CheckResult result, SuppressionResult suppressions, List<String> console,
            String failure, ObjectNode report) {
    }

    static Outputs run(String image, SecuritySettings settings, Map<String, Level> levels, Suppressions suppressions,
            Clock clock) {
        CheckConfiguration config = CheckConfiguration.builder()
                .image(SecurityFixtures.image(image).toString()).build();
        List<Rule> rules = new ArrayList<>(ImageCheck.rules(config));
        rules.removeIf(r -> r instanceof SecurityRule); // replaced by the ones with this test's settings
        List<SecurityRule> security = SecurityRules.all(settings);
        rules.addAll(security);
        Map<String, ContentCollector<?>> collectors = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (levels.getOrDefault(r.id(), r.defaultLevel()) != Level.OFF) {
                r.collectors().forEach(c -> collectors.putIfAbsent(c.id(), c));
            }
        }
        ImageAnalysis analysis = new ImageCheck(config, LogSink.NONE)
                .analyse(List.copyOf(collectors.values()));
        suppressions.checkRules(rules.stream().map(Rule::id).toList());
        List<RuleVerdict> verdicts = RuleEngine.evaluate(rules, levels, analysis);
        LocatedFindings located = LocatedFindings.of(rules, analysis);
        SuppressionResult suppressed = suppressions.apply(verdicts, located::pathOf, clock);
        CheckResult result = Gate.decide(analysis, suppressed.verdicts());

        Masking masking = Masking.forImage(analysis, settings.secretKeys());
        List<String> raw = new ArrayList<>(ConsoleSummary.lines(result));
        for (Finding f : result.findings(Level.WARN)) {
            raw.add("[WARNING] " + f);
        }
        for (String note : suppressed.notes()) {
            raw.add("[WARNING] " + note);
        }
        List<String> console = masking.apply(raw);
        String failure = masking.apply(Gate.failureMessage(result));
        ObjectNode json = JsonReport.toJson(result, "test");
        addSuppressions(json, suppressed);
        ObjectNode report = masking.applyTo(json);
        return new Outputs(analysis, result, suppressed, console, failure, report);
    }

    /** report.json's proposed "suppressions" section (INTEGRATION-5.md). */
    static void addSuppressions(ObjectNode report, SuppressionResult s) {
        ObjectNode node = report.putObject("suppressions");
        ArrayNode suppressed = node.putArray("suppressed");
        for (SuppressionResult.Suppressed x : s.suppressed()) {
            suppressed.addObject().put("rule", x.finding().rule()).put("path", x.path())
                    .put("message", x.finding().message()).put("suppression", x.by().number())
                    .put("reason", x.by().reason()).put("until", x.by().until() == null ? null
                            : x.by().until().toString());
        }
        ArrayNode expired = node.putArray("expired");
        for (SuppressionResult.Expired x : s.expired()) {
            expired.addObject().put("suppression", x.suppression().number()).put("rule", x.suppression().rule())
                    .put("until", x.suppression().until().toString()).put("findings", x.findings());
        }
        ArrayNode unused = node.putArray("unused");
        for (var x : s.unused()) {
            unused.addObject().put("suppression", x.number()).put("rule", x.rule());
        }
    }

    /** Writes the outputs as the plugin would: console.txt, failure.txt, report.json. */
    static void write(Outputs o, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("console.txt"), o.console(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("failure.txt"), o.failure() + "\n", StandardCharsets.UTF_8);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ",
                    "\n"));
            Files.writeString(dir.resolve(JsonReport.FILE_NAME), new ObjectMapper().writer(printer)
                    .writeValueAsString(o.report()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
