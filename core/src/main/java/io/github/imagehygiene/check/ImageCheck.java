package io.github.imagehygiene.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
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
import io.github.imagehygiene.common.Futures;
import io.github.imagehygiene.common.ImageHygieneException;
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
import io.github.imagehygiene.image.Platform;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.LayerCache;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayerScanner;
import io.github.imagehygiene.report.Output;
import io.github.imagehygiene.report.RunReports;
import io.github.imagehygiene.report.sbom.SbomWriter;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.catalog.RuleCatalog;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The whole check, in the order the data flows: open the archive once, resolve its image (or with
 * {@code platform=all} the image of every platform), read the baseline, read the known bases' metadata, scan the
 * layers (once each, in parallel where the source allows), analyse, run the rules, decide, and write every output
 * through the one masking {@link Output}, which knows every image's secret values (and the baseline's) before any
 * layer is read.
 */
public final class ImageCheck {
    private final CheckSettings settings;
    private final LogSink log;
    /** Whether the vulnerabilities rule runs: then the database is a topic of the analysis. */
    private final boolean vulnerabilitiesChecked;
    /** The layer cache of this check's readings: off unless the settings name a folder. */
    private final LayerCache cache;

    public ImageCheck(CheckSettings settings, LogSink log) {
        this.settings = settings;
        this.log = log;
        this.vulnerabilitiesChecked = settings.gate().levelOf(VulnerabilitiesRule.ID, Level.ERROR) != Level.OFF;
        this.cache = new LayerCache(settings.layerCache(), settings.output().toolVersion(), log);
    }

    /** {@code new ImageCheck(settings, log).run()}. */
    public static CheckResult run(CheckSettings settings, LogSink log) {
        return new ImageCheck(settings, log).run();
    }

    /**
     * Runs the check of one image and writes every output; the caller decides what a FAIL verdict does to the
     * build. With {@code platform=all}, use {@link #check}.
     *
     * @throws io.github.imagehygiene.common.ConfigurationException for a setting that cannot be used (a known base
     *                                                              that cannot be read)
     * @throws io.github.imagehygiene.common.ImageReadException     for a missing, unreadable or damaged image
     */
    public CheckResult run() {
        if (settings.input().allPlatforms()) {
            throw new IllegalStateException("platform=all checks several images: use ImageCheck.check");
        }
        return checkRun().results().get(0);
    }

    /**
     * The check as the front ends run it: one image, or with {@code platform=all} every platform of a multi-platform
     * index, each checked as a whole, from one reading of the archive, the reports written once for all of them.
     * When the settings say so ({@link CheckSettings.Builder#writeBaseline}), report.json is then copied to the
     * baseline file.
     */
    public static CheckRun check(CheckSettings settings, LogSink log) {
        return new ImageCheck(settings, log).checkRun();
    }

    private CheckRun checkRun() {
        // until the images are resolved, only what looks like a secret by itself can be masked
        Output out = Output.to(log, settings.output().reportDirectory(), Masking.PATTERNS_ONLY);
        // a report baseline is read first: one that is not ours fails before any image is read
        Baselines baselines = Baselines.open(settings);
        InputSettings input = settings.input();
        List<Rule> rules = RuleCatalog.rules(settings.rules());
        List<ContentCollector<?>> collectors = withBaseFiles(collectors(rules));
        Progress progress = new Progress(cache.wrap(new LayerScanner(input.estimateCompressedSize(), collectors)),
                out, Progress.THRESHOLD);
        InputSettings.Location location = input.location();
        CheckRun run;
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(location.path(), input.dockerHost(), progress,
                Deadline.after(input.timeout()))) {
            List<Image> images = input.allPlatforms() ? ImageResolver.resolveAll(source, location.tag())
                    : List.of(ImageResolver.resolve(source, input.platform(), location.tag()));
            List<Platform> platforms = images.stream().map(Image::platform).toList();
            // an image baseline is read once, for the platforms this image resolved to; for a source read on
            // demand, before any layer of this image
            if (baselines != null) {
                baselines.readImage(settings, platforms);
            }
            Masking masking = masking(images);
            if (baselines != null) {
                masking = masking.and(baselines.masking());
            }
            Output masked = out.masking(masking);
            RunReports reports = new RunReports(input.allPlatforms(), images.size(), settings.output(), masked);
            Masking all = masking;
            checkEach(source, images, progress, masked, (image, checked) -> reports.add(checked.result(),
                    checked.sbom()), image -> baselines == null ? null
                            : baselines.forPlatform(image.platform(), all::apply), all, rules, collectors);
            run = new CheckRun(reports.finish());
        } finally {
            if (settings.layerCache().enabled()) {
                out.debug(cache.summary());
            }
        }
        if (settings.baseline().writes()) {
            writeBaseline(settings.baseline().writeTo());
        }
        return run;
    }

    /** The secret values of these images' configs (ENV, labels, build arguments), masked in every output. */
    private Masking masking(List<Image> images) {
        Masking m = null;
        for (Image image : images) {
            Masking one = Masking.forImage(image, settings.rules().security().secretKeys());
            m = m == null ? one : m.and(one);
        }
        return m;
    }

    /** report.json, as just written, copied to the baseline file. */
    private void writeBaseline(Path target) {
        Path report = settings.output().reportDirectory().resolve(io.github.imagehygiene.report.ReportFormat.JSON
                .fileName());
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(report, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ImageHygieneException("Cannot write the baseline " + target + ": "
                    + io.github.imagehygiene.common.FileProblem.of(e, target), e);
        }
    }

    /** What a baseline image is made of for a run: its platforms, and its secret values. */
    record BaselineImage(List<Platform> platforms, Masking masking) {
    }

    /**
     * A baseline image, from one reading of it: every platform of it that this image has (each a platform in
     * {@code wanted}, matched as {@link Baselines#match} does) checked with the same settings, writing nothing, each
     * result handed to {@code each} and then let go.
     */
    static BaselineImage checkBaselineImage(CheckSettings current, List<Platform> wanted,
            BiConsumer<Platform, CheckResult> each) {
        CheckSettings settings = current.forBaselineImage(null);
        ImageCheck check = new ImageCheck(settings, LogSink.NONE);
        InputSettings input = settings.input();
        List<Rule> rules = RuleCatalog.rules(settings.rules());
        List<ContentCollector<?>> collectors = check.withBaseFiles(check.collectors(rules));
        Output none = Output.to(LogSink.NONE, null, Masking.PATTERNS_ONLY);
        InputSettings.Location location = input.location();
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(location.path(), input.dockerHost(),
                check.cache.wrap(new LayerScanner(input.estimateCompressedSize(), collectors)),
                Deadline.after(input.timeout()))) {
            List<Image> all = ImageResolver.resolveAll(source, location.tag());
            List<Platform> platforms = all.stream().map(Image::platform).toList();
            Masking masking = check.masking(all);
            List<Image> needed = new ArrayList<>();
            for (Platform p : wanted) {
                String match = Baselines.match(p, platforms.stream().map(Platform::toString).toList());
                all.stream().filter(i -> i.platform().toString().equals(match)).findFirst()
                        .filter(i -> !needed.contains(i)).ifPresent(needed::add);
            }
            check.checkEach(source, needed, null, none, (image, checked) -> {
                each.accept(image.platform(), checked.result());
                checked.result().analysis().release();
            }, image -> null, masking, rules, collectors);
            return new BaselineImage(platforms, masking);
        }
    }

    /** One result, and its SBOM made on demand (or beside the rules). */
    record Checked(CheckResult result, Supplier<String> sbom) {
    }

    /**
     * Checks each image of one open source in turn. A layer several platforms share is scanned once, its scan kept
     * until the last of them is checked; what the source keeps of a layer is let go once no image left needs it.
     */
    private void checkEach(ArchiveSource<LayerScan> source, List<Image> images, Progress progress, Output out,
            BiConsumer<Image, Checked> each, java.util.function.Function<Image, Baseline> baselines, Masking masking,
            List<Rule> rules, List<ContentCollector<?>> collectors) {
        source.retain(layerPaths(images));
        Map<String, LayerScan> shared = new java.util.HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            Checked c = checkOne(source, image, progress, out, baselines.apply(image), masking, rules, collectors,
                    shared);
            Set<String> later = layerPaths(images.subList(i + 1, images.size()));
            shared.keySet().retainAll(later);
            source.retain(later);
            each.accept(image, c);
        }
    }

    private static Set<String> layerPaths(List<Image> images) {
        Set<String> paths = new HashSet<>();
        images.forEach(i -> i.layers().forEach(l -> paths.add(l.archivePath())));
        return paths;
    }

    private Checked checkOne(ArchiveSource<LayerScan> source, Image image, Progress progress, Output out,
            Baseline baseline, Masking masking, List<Rule> rules, List<ContentCollector<?>> collectors,
            Map<String, LayerScan> shared) {
        ImageAnalysis analysis = analyse(source, image, progress, out, collectors, baseline, shared);
        // the database is read before the rules run: an unreadable one the user named fails here, in one line
        if (vulnerabilitiesChecked) {
            Vulnerabilities.from(analysis);
        }
        String tool = settings.output().toolName();
        String version = settings.output().toolVersion();
        // The SBOM needs the analysis only: made on the second core while the rules run on this one (not for an image
        // of very many files: see parallelWork).
        CompletableFuture<String> sbom = !out.writesFiles() || !settings.output().sbom()
                || !analysis.parallelWork() ? null
                : CompletableFuture.supplyAsync(() -> SbomWriter.toJson(analysis, tool, version),
                        task -> Futures.daemon(task, "image-hygiene-sbom").start());
        List<RuleVerdict> verdicts = RuleEngine.evaluate(rules, settings.gate().levels(), analysis);
        SuppressionResult suppressed = settings.gate().suppressions().apply(verdicts, settings.gate().clock());
        // Secret values of every image of the run (ENV, labels, build arguments; the baseline image's too) and
        // anything that looks like a secret are masked in every line shown and every file written.
        CheckResult result = Gate.decide(analysis, suppressed, masking);
        return new Checked(result,
                () -> sbom != null ? Futures.joined(sbom) : SbomWriter.toJson(analysis, tool, version));
    }

    /** Reads and measures the image, with no content collector but the base image's release files. */
    public ImageAnalysis analyse() {
        return analyse(List.of());
    }

    /** Reads and measures the image, feeding the given collectors (and the base image's) during the layer pass. */
    public ImageAnalysis analyse(List<ContentCollector<?>> requested) {
        List<ContentCollector<?>> collectors = withBaseFiles(requested);
        InputSettings input = settings.input();
        InputSettings.Location location = input.location();
        Output out = Output.to(log, null, Masking.PATTERNS_ONLY);
        Progress progress = new Progress(cache.wrap(new LayerScanner(input.estimateCompressedSize(),
                collectors)), out, Progress.THRESHOLD);
        try (ArchiveSource<LayerScan> source = ArchiveSources.open(location.path(), input.dockerHost(), progress,
                Deadline.after(input.timeout()))) {
            Image image = ImageResolver.resolve(source, input.platform(), location.tag());
            return analyse(source, image, progress, out, collectors, null, new java.util.HashMap<>());
        }
    }

    /** The collectors, and the base image's release files: the console names the base, its OS and Java. */
    private List<ContentCollector<?>> withBaseFiles(List<ContentCollector<?>> requested) {
        List<ContentCollector<?>> collectors = new ArrayList<>(requested);
        if (collectors.stream().noneMatch(c -> c.id().equals(BaseFiles.ID))) {
            collectors.add(BaseFiles.COLLECTOR);
        }
        return List.copyOf(collectors);
    }

    /**
     * Scans one image's layers from the open source (but those an image before it scanned, in {@code shared}) and
     * analyses them; its scans go into {@code shared}.
     */
    private ImageAnalysis analyse(ArchiveSource<LayerScan> source, Image image, Progress progress, Output out,
            List<ContentCollector<?>> collectors, Baseline baseline, Map<String, LayerScan> shared) {
        InputSettings input = settings.input();
        if (progress != null) {
            progress.start(image.layers(), archiveBytes(input.location().path()));
        }
        out.debug("Resolved " + image.format().id() + " image " + image.digest() + " (" + image.platform()
                + ") with " + image.layers().size() + " layers");
        // an unreadable known base fails here, before any layer is read
        BaseImageSettings.KnownBases known = settings.base().readKnownBases(image.platform());
        List<String> missing = new ArrayList<>();
        for (LayerDescriptor l : image.layers()) {
            if (!shared.containsKey(l.archivePath())) {
                missing.add(l.archivePath());
            }
        }
        cache.expect(image.layers());
        java.util.Iterator<LayerScan> fresh = source.scan(missing, input.threads()).iterator();
        List<LayerScan> scans = new ArrayList<>();
        for (LayerDescriptor l : image.layers()) {
            LayerScan scan = shared.containsKey(l.archivePath()) ? shared.get(l.archivePath()) : fresh.next();
            scans.add(scan);
        }
        for (int i = 0; i < scans.size(); i++) {
            shared.putIfAbsent(image.layers().get(i).archivePath(), scans.get(i));
        }
        Set<String> ids = new TreeSet<>();
        collectors.forEach(c -> ids.add(c.id()));
        List<Object> topics = new ArrayList<>(List.of(settings.base(), known, settings.rules().hygiene(),
                settings.identity()));
        if (baseline != null) {
            topics.add(baseline);
        }
        if (vulnerabilitiesChecked) {
            topics.add(new VulnerabilityDatabase(settings.vulnerabilities(), settings.output().toolVersion(), out));
        }
        return ImageAnalyzer.analyze(image, scans, ids, topics);
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
        // the SBOM lists the packages; a diff against a baseline compares them, and a baseline written now will
        if (settings.output().sbom() || settings.baseline().set() || settings.baseline().writes()) {
            InventoryCollectors.all().forEach(c -> byId.putIfAbsent(c.id(), c));
        }
        return List.copyOf(byId.values());
    }
}
