package io.github.imagehygiene.check;

import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.common.ImageHygieneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.ImageAnalyzer;
import io.github.imagehygiene.analysis.base.BaseFiles;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.archive.Deadline;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.config.CheckConfiguration;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Gate;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.report.ConsoleSummary;
import io.github.imagehygiene.report.JsonReport;
import io.github.imagehygiene.rules.budget.MaxCompressedSizeRule;
import io.github.imagehygiene.rules.budget.MaxLayerSizeRule;
import io.github.imagehygiene.rules.budget.MaxLayersRule;
import io.github.imagehygiene.rules.budget.MaxSizeRule;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.gate.RuleEngine;
import io.github.imagehygiene.rules.RuleVerdict;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.report.sbom.SbomWriter;
import io.github.imagehygiene.rules.inventory.DeniedPackage;
import io.github.imagehygiene.rules.inventory.DeniedPackagesRule;
import io.github.imagehygiene.rules.inventory.MaxPackageSizeRule;
import io.github.imagehygiene.analysis.base.BaseLayers;
import io.github.imagehygiene.rules.hygiene.HistoryLintRule;
import io.github.imagehygiene.rules.hygiene.JavaLayeringRule;
import io.github.imagehygiene.rules.hygiene.MaxReclaimableRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedBytesRule;
import io.github.imagehygiene.rules.hygiene.MaxWastedPercentRule;
import io.github.imagehygiene.rules.hygiene.MinEfficiencyRule;
import io.github.imagehygiene.rules.hygiene.NoBuildToolsRule;
import io.github.imagehygiene.rules.hygiene.NoPackageCachesRule;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.rules.security.LocatedFindings;
import io.github.imagehygiene.rules.security.SecurityRules;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.rules.base.AllowedBaseImagesRule;
import io.github.imagehygiene.rules.base.AllowedJavaVendorsRule;
import io.github.imagehygiene.rules.base.AllowedOperatingSystemsRule;
import io.github.imagehygiene.rules.base.DeniedBaseImagesRule;
import io.github.imagehygiene.rules.base.MinJavaVersionRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeRule;
import io.github.imagehygiene.rules.base.OsEndOfLifeSoonRule;
import io.github.imagehygiene.rules.base.RequirePinnedBaseRule;
import io.github.imagehygiene.rules.base.UnknownBaseRule;

/**
 * The whole check, in the order the data flows: open the archive, resolve the image, scan its layers (once each, in
 * parallel where the source allows), analyse, run the rules, decide, and write the report.
 */
public final class ImageCheck {
    /** Up to how many layer entries the SBOM is made beside the rules (see {@link #run()}). */
    private static final long PARALLEL_SBOM_ENTRIES = 200_000;

    private final CheckConfiguration config;
    private final LogSink log;

    public ImageCheck(CheckConfiguration config, LogSink log) {
        this.config = config;
        this.log = log;
    }

    /** The rules, configured; their order is the order of the verdict table and of the findings. */
    public static List<Rule> rules(CheckConfiguration config) {
        boolean basePolicy = config.allowedBaseImages() != null && !config.allowedBaseImages().isEmpty()
                || config.deniedBaseImages() != null && !config.deniedBaseImages().isEmpty()
                || config.requirePinnedBase() != null && !config.requirePinnedBase().isBlank();
        List<Rule> rules = new ArrayList<>(List.of(new MaxSizeRule(config.maxSize()), new MaxCompressedSizeRule(config.maxCompressedSize()),
                new MaxLayerSizeRule(config.maxLayerSize()), new MaxLayersRule(config.maxLayers()),
                new AllowedBaseImagesRule(config.allowedBaseImages()),
                new DeniedBaseImagesRule(config.deniedBaseImages()),
                new RequirePinnedBaseRule(config.requirePinnedBase()),
                new UnknownBaseRule(basePolicy),
                new AllowedOperatingSystemsRule(config.allowedOperatingSystems()),
                new OsEndOfLifeRule(config.clock()),
                new OsEndOfLifeSoonRule(config.eolWarningDays(), config.clock()),
                new MinJavaVersionRule(config.minJavaVersion()),
                new AllowedJavaVendorsRule(config.allowedJavaVendors()),
                new MinEfficiencyRule(config.minEfficiency(), config.ignorePaths()),
                new MaxWastedBytesRule(config.maxWastedBytes(), config.ignorePaths()),
                new MaxWastedPercentRule(config.maxWastedPercent(), config.ignorePaths()),
                new MaxReclaimableRule(config.maxReclaimable(), config.ignorePaths()),
                new NoPackageCachesRule(config.packageCacheThreshold(), config.ignorePaths()),
                new HistoryLintRule((ImageAnalysis a) -> {
                    BaseLayers base = BaseLayers.of(a);
                    return (Predicate<Integer>) i -> base.origin(i) == BaseLayers.Origin.BASE;
                }, config.ignorePaths()),
                new NoBuildToolsRule(config.ignorePaths()),
                new JavaLayeringRule(config.ignorePaths()),
                new DeniedPackagesRule(deniedPackages(config)),
                new MaxPackageSizeRule(config.maxPackageSize())));
        rules.addAll(SecurityRules.all(config.security()));
        return List.copyOf(rules);
    }

    private static List<DeniedPackage> deniedPackages(CheckConfiguration config) {
        List<DeniedPackage> denied = new ArrayList<>();
        config.deniedPackages().forEach((match, reason) -> denied.add(DeniedPackage.of(match, reason)));
        return denied;
    }

    /**
     * Runs the check and writes the report; the caller decides what a FAIL verdict does to the build.
     *
     * @throws ConfigurationException                            for invalid settings
     * @throws io.github.imagehygiene.common.ImageReadException for a missing, unreadable or damaged image
     */
    public CheckResult run() {
        List<Rule> rules = rules(config);
        checkRuleIds(rules);
        config.suppressions().checkRules(rules.stream().map(Rule::id).toList());
        List<ContentCollector<?>> collectors = new ArrayList<>(collectors(rules));
        if (collectors.stream().noneMatch(c -> c.id().equals(BaseFiles.ID))) {
            collectors.add(BaseFiles.COLLECTOR);
        }
        ImageAnalysis analysis = analyse(collectors);
        BaseImageSettings.attach(analysis, config.baseImageSettings());
        // The SBOM needs the analysis only: made on the second core while the rules run on this one. Not for an image
        // of very many files, where the analyses both sides derive at once would need more heap than time is saved.
        CompletableFuture<String> sbom = config.reportDirectory() == null || !config.sbom()
                || entries(analysis) > PARALLEL_SBOM_ENTRIES ? null
                : CompletableFuture.supplyAsync(() -> SbomWriter.toJson(analysis, config.toolVersion()),
                        ImageCheck::onOwnThread);
        List<RuleVerdict> verdicts = RuleEngine.evaluate(rules, config.levels(), analysis);
        LocatedFindings located = LocatedFindings.of(rules, analysis);
        SuppressionResult suppressed = config.suppressions().apply(verdicts, located::pathOf, config.clock());
        // Secret values of this image (ENV, labels, build arguments) and anything that looks like a secret are
        // masked in every line shown and every file written.
        Masking masking = Masking.forImage(analysis, config.security().secretKeys());
        CheckResult result = Gate.decide(analysis, suppressed, masking);
        masking.apply(ConsoleSummary.lines(result)).forEach(log::info);
        for (Finding f : result.findings(Level.WARN)) {
            log.warn(masking.apply(f.toString()));
        }
        suppressed.notes().forEach(n -> log.warn(masking.apply(n)));
        if (config.reportDirectory() != null) {
            try {
                Path file = JsonReport.write(result, config.toolVersion(), config.ignorePaths(),
                        config.reportDirectory());
                log.info("Report: " + file);
                if (config.sbom()) {
                    String json = sbom != null ? joined(sbom) : SbomWriter.toJson(analysis, config.toolVersion());
                    log.info("SBOM: " + SbomWriter.write(json, config.reportDirectory()));
                }
            } catch (IOException e) {
                throw new ImageHygieneException("Cannot write the report to " + config.reportDirectory() + ": "
                        + e.getMessage(), e);
            }
        }
        return result;
    }

    private static long entries(ImageAnalysis analysis) {
        return analysis.scans().stream().mapToLong(s -> s.entries().size()).sum();
    }

    private static void onOwnThread(Runnable task) {
        Thread t = new Thread(task, "image-hygiene-sbom");
        t.setDaemon(true);
        t.start();
    }

    private static String joined(CompletableFuture<String> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Reads and measures the image, without rules and without reading any file's content. */
    public ImageAnalysis analyse() {
        return analyse(List.of());
    }

    /** Reads and measures the image, feeding the given collectors during the layer pass. */
    public ImageAnalysis analyse(List<ContentCollector<?>> collectors) {
        Location location = Location.parse(config.image());
        LayerScanner scanner = new LayerScanner(config.estimateCompressedSize(), collectors);
        Deadline deadline = Deadline.after(config.timeout());
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(location.path, config.dockerHost(), scanner,
                deadline)) {
            Image image = ImageResolver.resolve(source, config.platform(), location.tag);
            log.debug("Resolved " + image.format().id() + " image " + image.digest() + " with " + image.layers().size()
                    + " layers");
            List<String> paths = new ArrayList<>();
            for (LayerDescriptor l : image.layers()) {
                paths.add(l.archivePath());
            }
            List<LayerScan> scans = source.scan(paths, config.threads());
            java.util.Set<String> ids = new java.util.TreeSet<>();
            collectors.forEach(c -> ids.add(c.id()));
            return ImageAnalyzer.analyze(image, scans, ids);
        }
    }

    /** The collectors of the rules that run, each id once. */
    private List<ContentCollector<?>> collectors(List<Rule> rules) {
        Map<String, ContentCollector<?>> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (config.levels().getOrDefault(rule.id(), rule.defaultLevel()) != Level.OFF) {
                rule.collectors().forEach(c -> byId.putIfAbsent(c.id(), c));
            }
        }
        if (config.sbom()) {
            InventoryCollectors.all().forEach(c -> byId.putIfAbsent(c.id(), c));
        }
        return List.copyOf(byId.values());
    }

    private void checkRuleIds(List<Rule> rules) {
        Set<String> known = new TreeSet<>();
        rules.forEach(r -> known.add(r.id()));
        for (String id : config.levels().keySet()) {
            if (!known.contains(id)) {
                String closest = closest(id, known);
                throw new ConfigurationException("Unknown rule '" + id + "' in <levels>"
                        + (closest != null ? " (did you mean '" + closest + "'?)" : "")
                        + "; known rules: " + String.join(", ", known));
            }
        }
    }

    /** The known id within 3 edits of a misspelt one, if any. */
    private static String closest(String id, Set<String> known) {
        String best = null;
        int bestDistance = 4;
        for (String k : known) {
            int d = distance(id.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1,
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** "PATH" or "PATH:TAG" (skopeo's oci: syntax) when PATH alone exists; docker:// references as they are. */
    static final class Location {
        final String path;
        final String tag;

        private Location(String path, String tag) {
            this.path = path;
            this.tag = tag;
        }

        static Location parse(String image) {
            if (image.startsWith(ArchiveSources.DOCKER_PREFIX) || Files.exists(Path.of(image))) {
                return new Location(image, null);
            }
            int colon = image.lastIndexOf(':');
            if (colon > 1 && colon > image.lastIndexOf('/') && colon < image.length() - 1
                    && Files.exists(Path.of(image.substring(0, colon)))) {
                return new Location(image.substring(0, colon), image.substring(colon + 1));
            }
            return new Location(image, null);
        }
    }
}
