package io.github.imagehygiene.report;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.rules.catalog.RuleCatalog;

/**
 * {@code report.sarif}: SARIF 2.1.0, shaped for GitHub code scanning. Every rule of the catalogue is a
 * {@code reportingDescriptor} with its description and docs page; every finding a result at its level, located in the
 * repository (the Dockerfile when one is known, at its FROM line for the base rules; else the build file) because
 * code scanning shows results on files; the path in the image and the layer go into the message and
 * {@code properties}. {@code partialFingerprints} carry the finding's fingerprint, so an alert follows its finding
 * across rebuilds; {@code automationDetails.id} names the image, so several images upload side by side. Suppressed
 * findings are results with an external suppression (their reason), which code scanning shows as dismissed.
 */
public final class SarifReport {
    /** Where the rules' pages are published: the project's repository. */
    public static final String PROJECT_URL = "https://github.com/imagehygiene/image-hygiene-maven-plugin";
    static final String FINGERPRINT_KEY = "imageHygiene/v1";
    private static final String SRCROOT = "%SRCROOT%";

    /**
     * The security-severity of the rules that guard against a security risk, on CVSS's 0-10 scale, by what a breach
     * exposes: a secret readable by anyone who pulls the image is high; root, setuid and world-writable files, a
     * moving or unpatched base are medium; a missing health check is low. The budget and hygiene rules have none.
     * Known vulnerabilities fail at HIGH or worse by default: high (each result's message gives its own score).
     */
    static final Map<String, Double> SECURITY_SEVERITY = Map.ofEntries(
            Map.entry("noSecrets", 8.5), Map.entry("noSecretKeys", 8.0), Map.entry("noEmptyPasswords", 7.5),
            Map.entry("noSensitiveVolumes", 7.0), Map.entry("osEndOfLife", 7.0), Map.entry("deniedPackages", 7.0),
            Map.entry("deniedBaseImages", 6.0), Map.entry("minJavaVersion", 5.5), Map.entry("noRootUser", 5.0),
            Map.entry("noSetuidFiles", 5.0), Map.entry("noWorldWritable", 5.0), Map.entry("noStrayFiles", 5.0),
            Map.entry("osEndOfLifeSoon", 4.0), Map.entry("uniqueIds", 4.0), Map.entry("requirePinnedBase", 4.0),
            Map.entry("noLatestTag", 3.0), Map.entry("allowedBaseImages", 3.0), Map.entry("requireHealthcheck", 2.0),
            Map.entry("vulnerabilities", 8.0));

    private SarifReport() {
    }

    public static ObjectNode toJson(CheckResult result, OutputSettings settings) {
        return toJson(List.of(result), settings);
    }

    /** One run per result: the platforms of a multi-platform index side by side, each its own category. */
    public static ObjectNode toJson(List<CheckResult> results, OutputSettings settings) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json").put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        for (CheckResult result : results) {
            run(runs.addObject(), result, settings);
        }
        return root;
    }

    private static void run(ObjectNode run, CheckResult result, OutputSettings settings) {
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "image-hygiene").put("version", settings.toolVersion())
                .put("informationUri", PROJECT_URL);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        Map<String, Level> defaults = defaultLevels(result);
        for (Map.Entry<String, String> r : RuleCatalog.descriptions().entrySet()) {
            index.put(r.getKey(), index.size());
            String text = plain(r.getValue());
            ObjectNode rule = rules.addObject().put("id", r.getKey()).put("name", name(r.getKey()));
            rule.putObject("shortDescription").put("text", r.getKey() + ": " + text);
            rule.putObject("fullDescription").put("text", "Checks that " + text + ".");
            rule.put("helpUri", helpUri(r.getKey()));
            rule.putObject("help").put("text", "Checks that " + text + ". See " + helpUri(r.getKey()))
                    .put("markdown", "Checks that " + r.getValue() + ". See [" + r.getKey() + "]("
                            + helpUri(r.getKey()) + ") for a failing and a fixed example.");
            rule.putObject("defaultConfiguration").put("level", level(defaults.getOrDefault(r.getKey(),
                    Level.ERROR)));
            ObjectNode props = rule.putObject("properties");
            props.putArray("tags").add("container-image").add("image-hygiene");
            Double severity = SECURITY_SEVERITY.get(r.getKey());
            if (severity != null) {
                // code scanning rates a rule with a security-severity as a security alert (critical from 9.0,
                // high from 7.0, medium from 4.0, low below)
                props.put("security-severity", String.format(Locale.ROOT, "%.1f", severity));
                ((ArrayNode) props.get("tags")).add("security");
            }
        }
        Image image = result.analysis().image();
        run.putObject("automationDetails").put("id", "image-hygiene/" + imageKey(image) + "/");
        Location location = location(settings.sources(), image);
        ArrayNode results = run.putArray("results");
        // the baseline alone (not the diff): a run's layers may be let go before its SARIF is written
        io.github.imagehygiene.analysis.baseline.Baseline baseline = DiffReport.baseline(result);
        java.util.Set<String> known = new java.util.HashSet<>();
        if (baseline != null) {
            baseline.findings().forEach(b -> known.add(b.fingerprint()));
        }
        for (Finding f : result.findings()) {
            ObjectNode r = result(results.addObject(), f, index, location);
            if (baseline != null) {
                // SARIF's own word for a finding against a baseline: code scanning can show only the new ones
                r.put("baselineState", known.contains(f.fingerprint()) ? "unchanged" : "new");
            }
        }
        if (result.suppressions() != null) {
            for (SuppressionResult.Suppressed s : result.suppressions().suppressed()) {
                ObjectNode r = result(results.addObject(), s.finding(), index, location);
                ObjectNode suppression = r.putArray("suppressions").addObject().put("kind", "external");
                if (s.by().reason() != null) {
                    suppression.put("justification", s.by().reason());
                }
            }
        }
        List<RuleVerdict> skipped = result.verdicts().stream().filter(v -> v.status() == RuleVerdict.Status.SKIPPED)
                .toList();
        if (!skipped.isEmpty()) {
            // a rule that could not check, said where code scanning shows a run's problems: never a silent pass
            ArrayNode notes = run.putArray("invocations").addObject().put("executionSuccessful", true)
                    .putArray("toolExecutionNotifications");
            for (RuleVerdict v : skipped) {
                ObjectNode n = notes.addObject().put("level", "warning");
                n.putObject("message").put("text", v.rule() + ": " + v.summary());
                n.putObject("associatedRule").put("id", v.rule()).put("index", index.get(v.rule()));
            }
        }
        ObjectNode props = run.putObject("properties");
        props.put("image", image.source()).put("digest", image.digest())
                .put("platform", image.platform().toString()).put("verdict", result.verdict().name());
    }

    private static ObjectNode result(ObjectNode r, Finding f, Map<String, Integer> index, Location location) {
        r.put("ruleId", f.rule()).put("ruleIndex", index.get(f.rule())).put("level", level(f.level()));
        r.putObject("message").put("text", f.message() + where(f));
        ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", location.uri()).put("uriBaseId", SRCROOT);
        physical.putObject("region").put("startLine", isBaseRule(f.rule()) ? location.fromLine() : 1);
        r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
        ObjectNode p = r.putObject("properties");
        p.put("subject", f.subject()).put("path", f.path());
        if (f.layer() > 0) {
            p.put("layer", f.layer());
        }
        if (f.origin() != null) {
            p.put("origin", f.origin().id());
        }
        return r;
    }

    /** " (in the image: /app/x, layer 3)": the place in the image, since the location is a repository file. */
    private static String where(Finding f) {
        if (f.path() == null && f.layer() <= 0) {
            return "";
        }
        return " (in the image: " + (f.path() != null ? f.path() : "") + (f.path() != null && f.layer() > 0 ? ", " : "")
                + (f.layer() > 0 ? "layer " + f.layer() : "") + ")";
    }

    /** The file code scanning shows the results on, relative to the repository's root, and the FROM line. */
    record Location(String uri, int fromLine) {
    }

    static Location location(OutputSettings.Sources s, Image image) {
        Path file = s.dockerfile() != null ? s.dockerfile() : s.buildFile();
        int from = s.dockerfile() != null && s.fromLine() > 0 ? s.fromLine() : 1;
        if (file == null && !image.source().startsWith("docker://")) {
            // nothing in the repository configured the check (the CLI on an archive): the archive itself
            file = Path.of(image.source());
        }
        if (file == null) {
            return new Location("Dockerfile", 1);
        }
        Path abs = file.toAbsolutePath().normalize();
        Path root = s.root() == null ? null : s.root().toAbsolutePath().normalize();
        String uri = root != null && abs.startsWith(root) ? root.relativize(abs).toString() : abs.getFileName()
                .toString();
        return new Location(uri.replace('\\', '/'), from);
    }

    private static boolean isBaseRule(String rule) {
        return List.of("allowedBaseImages", "deniedBaseImages", "requirePinnedBase", "unknownBase",
                "allowedOperatingSystems", "osEndOfLife", "osEndOfLifeSoon", "minJavaVersion", "allowedJavaVendors",
                "noLatestTag").contains(rule);
    }

    /** The rules' levels in this run (as the user set them), by id. */
    private static Map<String, Level> defaultLevels(CheckResult result) {
        Map<String, Level> m = new HashMap<>();
        result.verdicts().forEach(v -> m.put(v.rule(), v.level()));
        return m;
    }

    static String level(Level level) {
        return switch (level) {
            case ERROR -> "error";
            case WARN -> "warning";
            case OFF -> "none";
        };
    }

    /** "maxSize" → "MaxSize", SARIF's human-readable rule name. */
    private static String name(String id) {
        return id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1);
    }

    static String helpUri(String rule) {
        return PROJECT_URL + "/blob/main/docs/rules/" + rule + ".md";
    }

    /** Markdown's backticks out, for SARIF's plain-text fields. */
    static String plain(String markdown) {
        return markdown.replace("`", "");
    }

    /**
     * The image as automationDetails names it, the same from release to release (so that alerts carry over): its
     * first tag's repository without the tag, else its file name, and its platform.
     */
    static String imageKey(Image image) {
        String name;
        if (!image.repoTags().isEmpty()) {
            String tag = image.repoTags().get(0);
            int colon = tag.lastIndexOf(':');
            name = colon > tag.lastIndexOf('/') ? tag.substring(0, colon) : tag;
        } else {
            name = Path.of(image.source().replaceFirst("^docker://", "")).getFileName().toString();
        }
        return name + "@" + image.platform();
    }
}
