package io.github.imagehygiene.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.ImageAnalyzer;
import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.base.BaseFiles;
import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.inventory.InventoryCollectors;
import io.github.imagehygiene.analysis.vulnerability.Vulnerabilities;
import io.github.imagehygiene.analysis.vulnerability.VulnerabilityDatabase;
import io.github.imagehygiene.rules.vulnerability.VulnerabilitiesRule;
import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.archive.Deadline;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.archive.InputSettings;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Gate;
import io.github.imagehygiene.gate.RuleEngine;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.gate.SuppressionResult;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.report.Output;
import io.github.imagehygiene.report.Reports;
import io.github.imagehygiene.report.sbom.SbomWriter;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.catalog.RuleCatalog;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The whole check, in the order the data flows: open the archive, resolve the image, read the known bases' metadata,
 * scan its layers (once each, in parallel where the source allows), analyse, run the rules, decide, and write every
 * output through the one masking {@link Output}.
 */
public final class ImageCheck {
    /** Up to how many layer entries the SBOM is made beside the rules (see {@link #run()}). */
    private static final long PARALLEL_SBOM_ENTRIES = 200_000;

    private final CheckSettings settings;
    private final LogSink log;
    /** Whether the vulnerabilities rule runs: then the database is a topic of the analysis. */
    private boolean vulnerabilitiesChecked;

    public ImageCheck(CheckSettings settings, LogSink log) {
        this.settings = settings;
        this.log = log;
    }

    /** {@code new ImageCheck(settings, log).run()}. */
    public static CheckResult run(CheckSettings settings, LogSink log) {
        return new ImageCheck(settings, log).run();
    }

    /**
     * Runs the check and writes every output; the caller decides what a FAIL verdict does to the build.
     *
     * @throws io.github.imagehygiene.common.ConfigurationException for a setting that cannot be used (a known base
     *                                                              that cannot be read)
     * @throws io.github.imagehygiene.common.ImageReadException     for a missing, unreadable or damaged image
     */
    public CheckResult run() {
        // until the image is read, only what looks like a secret by itself can be masked
        Output out = Output.to(log, settings.output().reportDirectory(), Masking.PATTERNS_ONLY);
        Checked c = checkOne(out);
        Reports.write(c.result(), settings.output(), out.masking(c.result().masking()), c.sbom());
        return c.result();
    }

    /**
     * The check as the front ends run it: one image, or with {@code platform=all} every platform of a multi-platform
     * index, each checked as a whole, the reports written once for all of them.
     */
    public static CheckRun check(CheckSettings settings, LogSink log) {
        if (!settings.input().allPlatforms()) {
            return new CheckRun(List.of(run(settings, log)));
        }
        Output out = Output.to(log, settings.output().reportDirectory(), Masking.PATTERNS_ONLY);
        List<Checked> each = new ArrayList<>();
        for (io.github.imagehygiene.image.Platform p : platforms(settings)) {
            each.add(new ImageCheck(settings.forPlatform(p), log).checkOne(out));
        }
        List<CheckResult> results = each.stream().map(Checked::result).toList();
        Masking all = results.get(0).masking();
        for (CheckResult r : results.subList(1, results.size())) {
            all = all.and(r.masking());
        }
        Reports.writeAll(results, settings.output(), out.masking(all), each.stream().map(Checked::sbom).toList());
        return new CheckRun(results);
    }

    /** The platforms of the image's index, read from its metadata. */
    private static List<io.github.imagehygiene.image.Platform> platforms(CheckSettings settings) {
        InputSettings input = settings.input();
        InputSettings.Location location = input.location();
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(location.path(), input.dockerHost(),
                new LayerScanner(false, List.of()), Deadline.after(input.timeout()))) {
            return ImageResolver.platforms(source, location.tag());
        }
    }

    /** One result, and its SBOM made on demand (or beside the rules). */
    record Checked(CheckResult result, Supplier<String> sbom) {
    }

    private Checked checkOne(Output out) {
        // the baseline first: an unreadable one fails before any layer of this image is read
        Baseline baseline = Baselines.load(settings);
        List<Rule> rules = RuleCatalog.rules(settings.rules());
        vulnerabilitiesChecked = settings.gate().levelOf(VulnerabilitiesRule.ID, Level.ERROR) != Level.OFF;
        ImageAnalysis analysis = analyse(collectors(rules), out, baseline);
        // the database is read before the rules run: an unreadable one the user named fails here, in one line
        Vulnerabilities.from(analysis);
        String tool = settings.output().toolName();
        String version = settings.output().toolVersion();
        // The SBOM needs the analysis only: made on the second core while the rules run on this one. Not for an image
        // of very many files, where the analyses both sides derive at once would need more heap than time is saved.
        CompletableFuture<String> sbom = !out.writesFiles() || !settings.output().sbom()
                || entries(analysis) > PARALLEL_SBOM_ENTRIES ? null
                : CompletableFuture.supplyAsync(() -> SbomWriter.toJson(analysis, tool, version), ImageCheck::onOwnThread);
        List<RuleVerdict> verdicts = RuleEngine.evaluate(rules, settings.gate().levels(), analysis);
        SuppressionResult suppressed = settings.gate().suppressions().apply(verdicts, settings.gate().clock());
        // Secret values of this image (ENV, labels, build arguments) and anything that looks like a secret are
        // masked in every line shown and every file written.
        Masking masking = Masking.forImage(analysis, settings.rules().security().secretKeys());
        CheckResult result = Gate.decide(analysis, suppressed, masking);
        return new Checked(result, () -> sbom != null ? joined(sbom) : SbomWriter.toJson(analysis, tool, version));
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
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Reads and measures the image, with no content collector but the base image's release files. */
    public ImageAnalysis analyse() {
        return analyse(List.of());
    }

    /** Reads and measures the image, feeding the given collectors (and the base image's) during the layer pass. */
    public ImageAnalysis analyse(List<ContentCollector<?>> collectors) {
        return analyse(collectors, Output.to(log, null, Masking.PATTERNS_ONLY), null);
    }

    private ImageAnalysis analyse(List<ContentCollector<?>> requested, Output out, Baseline baseline) {
        List<ContentCollector<?>> collectors = new ArrayList<>(requested);
        // the console names the base, its OS and Java: their release files are always read
        if (collectors.stream().noneMatch(c -> c.id().equals(BaseFiles.ID))) {
            collectors.add(BaseFiles.COLLECTOR);
        }
        InputSettings input = settings.input();
        InputSettings.Location location = input.location();
        Progress progress = new Progress(new LayerScanner(input.estimateCompressedSize(), collectors), out,
                Progress.THRESHOLD);
        Deadline deadline = Deadline.after(input.timeout());
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(location.path(), input.dockerHost(), progress,
                deadline)) {
            Image image = ImageResolver.resolve(source, input.platform(), location.tag());
            progress.start(image.layers(), archiveBytes(location.path()));
            out.debug("Resolved " + image.format().id() + " image " + image.digest() + " with "
                    + image.layers().size() + " layers");
            // an unreadable known base fails here, before any layer is read
            BaseImageSettings.KnownBases known = settings.base().readKnownBases(image.platform());
            List<String> paths = new ArrayList<>();
            for (LayerDescriptor l : image.layers()) {
                paths.add(l.archivePath());
            }
            List<LayerScan> scans = source.scan(paths, input.threads());
            Set<String> ids = new TreeSet<>();
            collectors.forEach(c -> ids.add(c.id()));
            List<Object> topics = new ArrayList<>(List.of(settings.base(), known, settings.rules().hygiene(),
                    settings.identity()));
            if (baseline != null) {
                topics.add(baseline);
            }
            if (vulnerabilitiesChecked) {
                topics.add(new VulnerabilityDatabase(settings.vulnerabilities(), settings.output().toolVersion(),
                        out));
            }
            return ImageAnalyzer.analyze(image, scans, ids, topics);
        }
    }

    /** The size of the archive file the image is in; 0 for a folder or a daemon. */
    private static long archiveBytes(String location) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(location);
            return java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : 0;
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return 0;
        }
    }

    /** The collectors of the rules that run (and the SBOM's, when it is written), each id once. */
    private List<ContentCollector<?>> collectors(List<Rule> rules) {
        Map<String, ContentCollector<?>> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (settings.gate().levelOf(rule.id(), rule.defaultLevel()) != Level.OFF) {
                rule.collectors().forEach(c -> byId.putIfAbsent(c.id(), c));
            }
        }
        // the SBOM lists the packages, and a diff against a baseline compares them
        if (settings.output().sbom() || settings.baseline().set()) {
            InventoryCollectors.all().forEach(c -> byId.putIfAbsent(c.id(), c));
        }
        return List.copyOf(byId.values());
    }
}
