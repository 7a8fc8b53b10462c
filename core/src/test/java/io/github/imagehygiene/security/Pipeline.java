package io.github.imagehygiene.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.GateSettings;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.gate.Suppressions;
import io.github.imagehygiene.report.JsonReport;
import io.github.imagehygiene.report.OutputSettings;
import io.github.imagehygiene.report.Reports;
import io.github.imagehygiene.rules.catalog.RuleSettings;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.rules.security.SecuritySettings;

/**
 * The whole check as the plugin runs it ({@link ImageCheck#run()}), on one security fixture, with a log that keeps
 * every line as Maven would print it and a report directory of its own: what the user would see and find on disk.
 */
final class Pipeline {
    private static final Path RUNS = Path.of("target/pipeline-runs");

    private Pipeline() {
    }

    /**
     * Every output of one run, as written.
     *
     * @param console         every log line: info as is, warnings prefixed {@code [WARNING] }, debug {@code [DEBUG] }
     * @param failure         the build failure's message
     * @param report          report.json as written
     * @param reportDirectory where report.json and the SBOM were written
     */
    record Outputs(ImageAnalysis analysis, CheckResult result, SuppressionResult suppressions, List<String> console,
            String failure, ObjectNode report, Path reportDirectory) {
    }

    static Outputs run(String image, SecuritySettings settings, Map<String, Level> levels, Suppressions suppressions,
            Clock clock) {
        Path dir = RUNS.resolve(image + "-" + UUID.randomUUID());
        CheckSettings defaults = CheckSettings.builder().image(SecurityFixtures.image(image).toString()).build();
        RuleSettings r = defaults.rules();
        CheckSettings config = new CheckSettings(defaults.input(), defaults.base(),
                new RuleSettings(r.budgets(), r.basePolicy(), r.hygiene(), r.inventory(), settings),
                new GateSettings(levels, suppressions, clock), new OutputSettings(dir, null, null, "test"));
        CapturedLog log = new CapturedLog();
        CheckResult result = ImageCheck.run(config, log);
        try {
            ObjectNode report = (ObjectNode) new ObjectMapper().readTree(dir.resolve(JsonReport.FILE_NAME).toFile());
            return new Outputs(result.analysis(), result, result.suppressions(), log.lines(),
                    Reports.failureMessage(result), report, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts one run's outputs in one folder: console.txt, failure.txt and the report directory's files. */
    static void write(Outputs o, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("console.txt"), o.console(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("failure.txt"), o.failure() + "\n", StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.list(o.reportDirectory())) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
