package io.github.imagehygiene.settings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.imagehygiene.analysis.base.BaseImageSettings;
import io.github.imagehygiene.analysis.baseline.BaselineSettings;
import io.github.imagehygiene.analysis.base.BuildHints;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.inventory.JavaIdentitySettings;
import io.github.imagehygiene.analysis.inventory.ResolvedArtifact;
import io.github.imagehygiene.archive.InputSettings;
import io.github.imagehygiene.gate.GateSettings;
import io.github.imagehygiene.gate.SuppressionFile;
import io.github.imagehygiene.gate.Suppressions;
import io.github.imagehygiene.report.OutputSettings;
import io.github.imagehygiene.report.ReportFormat;
import io.github.imagehygiene.rules.base.BasePolicySettings;
import io.github.imagehygiene.rules.budget.BudgetSettings;
import io.github.imagehygiene.rules.catalog.RuleSettings;
import io.github.imagehygiene.rules.inventory.InventorySettings;
import io.github.imagehygiene.rules.security.SecuritySettings;
import io.github.imagehygiene.rules.vulnerability.VulnerabilityPolicy;
import io.github.imagehygiene.analysis.vulnerability.download.HttpProxy;
import io.github.imagehygiene.analysis.vulnerability.download.OsvDatabaseSettings;
import io.github.imagehygiene.layer.LayerCacheSettings;

/**
 * Everything one check needs, as the records of the topics that own them, each validated when made: a bad value
 * fails here, naming its parameter, before the image is opened. The Maven plugin (and any other front end) fills a
 * {@link Builder} with the values as the user wrote them; the defaults are the topics' own.
 *
 * @param input  where the image is and how to read it
 * @param base   what identifies the base image, and whether its layers count
 * @param rules  the rules' topic records
 * @param gate   levels and suppressions
 * @param output what is written where
 * @param baseline what the check compares with: a report.json or an image; {@link BaselineSettings#NONE}
 * @param identity where the inventory finds the groupId of a jar without pom.properties: the project's resolved
 *                 artifacts, a Maven local repository
 * @param vulnerabilities where the vulnerability records come from
 * @param layerCache where what layer scans found is kept for later runs; {@link LayerCacheSettings#NONE} for none
 */
public record CheckSettings(InputSettings input, BaseImageSettings base, RuleSettings rules, GateSettings gate,
        OutputSettings output, BaselineSettings baseline, JavaIdentitySettings identity,
        OsvDatabaseSettings vulnerabilities, LayerCacheSettings layerCache) {

    /** Without a layer cache. */
    public CheckSettings(InputSettings input, BaseImageSettings base, RuleSettings rules, GateSettings gate,
            OutputSettings output, BaselineSettings baseline, JavaIdentitySettings identity,
            OsvDatabaseSettings vulnerabilities) {
        this(input, base, rules, gate, output, baseline, identity, vulnerabilities, LayerCacheSettings.NONE);
    }

    /** Without a baseline, with the default vulnerability database. */
    public CheckSettings(InputSettings input, BaseImageSettings base, RuleSettings rules, GateSettings gate,
            OutputSettings output) {
        this(input, base, rules, gate, output, BaselineSettings.NONE, JavaIdentitySettings.NONE,
                OsvDatabaseSettings.defaults());
    }

    /** Without a project or a local repository to identify jars by. */
    public CheckSettings(InputSettings input, BaseImageSettings base, RuleSettings rules, GateSettings gate,
            OutputSettings output, BaselineSettings baseline) {
        this(input, base, rules, gate, output, baseline, JavaIdentitySettings.NONE, OsvDatabaseSettings.defaults());
    }

    /** The same settings for one platform of a multi-platform index (platform=all). */
    public CheckSettings forPlatform(io.github.imagehygiene.image.Platform one) {
        return new CheckSettings(input.forPlatform(one), base, rules, gate, output, baseline, identity,
                vulnerabilities, layerCache);
    }

    /**
     * The same settings for the baseline's own image, of the platform this image resolved to: no baseline of its
     * own, no file written, the inventory made (its packages are compared).
     */
    public CheckSettings forBaselineImage(io.github.imagehygiene.image.Platform platform) {
        InputSettings in = new InputSettings(baseline.location(), platform, input.dockerHost(),
                input.timeout(), input.threads(), input.estimateCompressedSize(), false);
        return new CheckSettings(in, base, rules, gate, new OutputSettings(null,
                java.util.EnumSet.of(ReportFormat.SBOM), output.toolName(), output.toolVersion()),
                BaselineSettings.NONE, identity, vulnerabilities, layerCache);
    }

    /** The prefix of the user properties that set the parameters: {@code imageHygiene.layerCache}. */
    public static final String PROPERTY_PREFIX = "imageHygiene.";

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the values as written; {@link #build()} validates them. A null value leaves the default (for the
     * limits without one, no limit).
     */
    public static final class Builder {
        private String image;
        private String platform;
        private String dockerHost;
        private String timeout;
        private Integer threads;
        private Boolean estimateCompressedSize;
        private String maxSize;
        private String maxCompressedSize;
        private String maxLayerSize;
        private String maxGrowth;
        private String maxCompressedGrowth;
        private String baseline;
        private Boolean newFindingsOnly;
        private Path writeBaseline;
        private Integer maxLayers;
        private List<String> allowedBaseImages;
        private Map<String, String> deniedBaseImages;
        private String requirePinnedBase;
        private List<String> allowedOperatingSystems;
        private Integer eolWarningDays;
        private String minJavaVersion;
        private List<String> allowedJavaVendors;
        private List<String> baseImages;
        private BuildHints buildHints;
        private Path eolData;
        private boolean countBaseLayers;
        private Double minEfficiency = HygieneSettings.DEFAULT_MIN_EFFICIENCY;
        private String maxWastedBytes;
        private Double maxWastedPercent = HygieneSettings.DEFAULT_MAX_WASTED_PERCENT;
        private String maxReclaimable;
        private String packageCacheThreshold;
        private List<String> ignorePaths;
        private Map<String, String> deniedPackages;
        private String maxPackageSize;
        private String vulnerabilityDatabase;
        private String vulnerabilityCache;
        private String layerCache;
        private String layerCacheMaxSize;
        private String vulnerabilityDatabaseMaxAge;
        private boolean offline;
        private HttpProxy proxy;
        private String failOnSeverity;
        private Boolean failOnUnfixed;
        private final SecuritySettings.Builder security = SecuritySettings.builder();
        private Map<String, String> levels;
        private Path suppressionFile;
        private Path projectDirectory;
        private Clock clock;
        private Path reportDirectory;
        private Boolean sbom;
        private List<String> formats;
        private Path buildFile;
        private Path stepSummary;
        private String toolName;
        private String toolVersion;
        private List<ResolvedArtifact> projectArtifacts;
        private String mavenRepository;
        private Path defaultMavenRepository;

        private Builder() {
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder platform(String v) {
            platform = v;
            return this;
        }

        public Builder dockerHost(String v) {
            dockerHost = v;
            return this;
        }

        /** {@code 30m}, {@code 90s}, {@code 1h30m}, {@code PT30M}; {@code 0} for none. Default 30 minutes. */
        public Builder timeout(String v) {
            timeout = v;
            return this;
        }

        /** How many layers are read at once; null or 0: one per processor, at most one per 64 MiB of heap. */
        public Builder threads(Integer v) {
            threads = v;
            return this;
        }

        public Builder estimateCompressedSize(Boolean v) {
            estimateCompressedSize = v;
            return this;
        }

        public Builder maxSize(String v) {
            maxSize = v;
            return this;
        }

        public Builder maxCompressedSize(String v) {
            maxCompressedSize = v;
            return this;
        }

        public Builder maxLayerSize(String v) {
            maxLayerSize = v;
            return this;
        }

        /** Growth of the image size over the baseline's: {@code 20MB} or {@code 10%}. */
        public Builder maxGrowth(String v) {
            maxGrowth = v;
            return this;
        }

        /** Growth of the compressed size over the baseline's: {@code 5MB} or {@code 10%}. */
        public Builder maxCompressedGrowth(String v) {
            maxCompressedGrowth = v;
            return this;
        }

        /** A report.json this plugin wrote, or an image: what the diff and the growth budgets compare with. */
        public Builder baseline(String v) {
            baseline = v;
            return this;
        }

        /** With a baseline, only findings whose fingerprint the baseline lacks fail the build; default false. */
        public Builder newFindingsOnly(Boolean v) {
            newFindingsOnly = v;
            return this;
        }

        /**
         * This check writes its report.json to {@code file} as a baseline for later checks (the baseline goal): it
         * records what is, so the baseline, {@code newFindingsOnly} and the growth budgets are left out, the
         * inventory is made (its packages are compared), and report.json is the one report written.
         */
        public Builder writeBaseline(Path file) {
            writeBaseline = file;
            return this;
        }

        public Builder maxLayers(Integer v) {
            maxLayers = v;
            return this;
        }

        public Builder allowedBaseImages(List<String> v) {
            allowedBaseImages = v;
            return this;
        }

        public Builder deniedBaseImages(Map<String, String> v) {
            deniedBaseImages = v;
            return this;
        }

        public Builder requirePinnedBase(String v) {
            requirePinnedBase = v;
            return this;
        }

        public Builder allowedOperatingSystems(List<String> v) {
            allowedOperatingSystems = v;
            return this;
        }

        /** Default {@link BasePolicySettings#DEFAULT_EOL_WARNING_DAYS}. */
        public Builder eolWarningDays(Integer v) {
            eolWarningDays = v;
            return this;
        }

        public Builder minJavaVersion(String v) {
            minJavaVersion = v;
            return this;
        }

        public Builder allowedJavaVendors(List<String> v) {
            allowedJavaVendors = v;
            return this;
        }

        public Builder baseImages(List<String> v) {
            baseImages = v;
            return this;
        }

        public Builder buildHints(BuildHints v) {
            buildHints = v;
            return this;
        }

        public Builder eolData(Path v) {
            eolData = v;
            return this;
        }

        /** Whether the rules that judge the build's own work count the base image's layers too; default false. */
        public Builder countBaseLayers(Boolean v) {
            countBaseLayers = v != null && v;
            return this;
        }

        /** Default {@link HygieneSettings#DEFAULT_MIN_EFFICIENCY}. */
        public Builder minEfficiency(Double v) {
            if (v != null) {
                minEfficiency = v;
            }
            return this;
        }

        /** No minimum efficiency at all (the rule then reports NOT SET). */
        public Builder noMinEfficiency() {
            minEfficiency = null;
            return this;
        }

        public Builder maxWastedBytes(String v) {
            maxWastedBytes = v;
            return this;
        }

        /** Default {@link HygieneSettings#DEFAULT_MAX_WASTED_PERCENT}. */
        public Builder maxWastedPercent(Double v) {
            if (v != null) {
                maxWastedPercent = v;
            }
            return this;
        }

        /** No maximum wasted share at all (the rule then reports NOT SET). */
        public Builder noMaxWastedPercent() {
            maxWastedPercent = null;
            return this;
        }

        public Builder maxReclaimable(String v) {
            maxReclaimable = v;
            return this;
        }

        public Builder packageCacheThreshold(String v) {
            packageCacheThreshold = v;
            return this;
        }

        public Builder ignorePaths(List<String> v) {
            ignorePaths = v;
            return this;
        }

        /** Denied package patterns (purl or name globs, optional Maven version range) → reason, in order. */
        public Builder deniedPackages(Map<String, String> v) {
            deniedPackages = v;
            return this;
        }

        public Builder maxPackageSize(String v) {
            maxPackageSize = v;
            return this;
        }

        /** The security rules' allow-lists and assertions. */
        public Builder security(Consumer<SecuritySettings.Builder> settings) {
            settings.accept(security);
            return this;
        }

        /** Rule id → ERROR, WARN or OFF. */
        public Builder levels(Map<String, String> v) {
            levels = v;
            return this;
        }

        /** The suppression file; null looks for the default names in {@link #projectDirectory(Path)}. */
        public Builder suppressionFile(Path v) {
            suppressionFile = v;
            return this;
        }

        public Builder projectDirectory(Path v) {
            projectDirectory = v;
            return this;
        }

        /** The build date, for end-of-life dates and suppression expiry; default the system clock. */
        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** Where report.json and sbom.cdx.json go; null writes no file. */
        public Builder reportDirectory(Path v) {
            reportDirectory = v;
            return this;
        }

        /** Which report files to write ({@code json}, {@code sbom}, {@code sarif}, …); null or empty: all. */
        public Builder formats(List<String> v) {
            formats = v;
            return this;
        }

        /** The build file that configured the check (pom.xml, a config file), for SARIF's locations. */
        public Builder buildFile(Path v) {
            buildFile = v;
            return this;
        }

        /** A file the Markdown summary is appended to too (GitHub's GITHUB_STEP_SUMMARY); null for none. */
        public Builder stepSummary(Path v) {
            stepSummary = v;
            return this;
        }

        /**
         * The repository's root: the nearest folder up from the project folder that holds {@code .git}, else the
         * project folder itself.
         */
        private Path sourceRoot() {
            Path start = projectDirectory != null ? projectDirectory
                    : buildHints != null && buildHints.basedir() != null ? buildHints.basedir() : null;
            if (start == null) {
                return null;
            }
            for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (java.nio.file.Files.exists(p.resolve(".git"))) {
                    return p;
                }
            }
            return start.toAbsolutePath().normalize();
        }

        /**
         * The artifacts the project resolved: a jar in the image with one's sha1 is that artifact (the groupId of a
         * jar without pom.properties). Null or empty: none.
         */
        public Builder projectArtifacts(List<ResolvedArtifact> v) {
            projectArtifacts = v;
            return this;
        }

        /**
         * The Maven local repository where a jar without pom.properties is looked up by name and confirmed by sha1, as
         * written: a folder (relative to {@link #projectDirectory(Path)}), {@code none}, or null for
         * {@link #defaultMavenRepository(Path)}.
         */
        public Builder mavenRepository(String v) {
            mavenRepository = v;
            return this;
        }

        /** The front end's default local repository, taken when {@link #mavenRepository} is not set and it exists. */
        public Builder defaultMavenRepository(Path v) {
            defaultMavenRepository = v;
            return this;
        }

        /** Whether to write sbom.cdx.json; default true. */
        public Builder sbom(Boolean v) {
            sbom = v;
            return this;
        }

        /** The front end, as report.json's and the SBOM's {@code tool} name it: a name and its version. */
        public Builder tool(String name, String version) {
            toolName = name;
            toolVersion = version;
            return this;
        }

        /** The version alone, under the default name. */
        public Builder toolVersion(String v) {
            toolVersion = v;
            return this;
        }

        /**
         * Where OSV records come from: a folder ({@code <Ecosystem>/all.zip} or loose {@code *.json}) or an http(s)
         * prefix; null for osv.dev's export.
         */
        public Builder vulnerabilityDatabase(String v) {
            vulnerabilityDatabase = v;
            return this;
        }

        /** Where downloaded OSV exports are kept; null for ~/.cache/image-hygiene/osv. */
        public Builder vulnerabilityCache(String v) {
            vulnerabilityCache = v;
            return this;
        }

        /** How old a cached export may be before it is revalidated: 24h (default), 90m, 1d, PT24H, 0. */
        public Builder vulnerabilityDatabaseMaxAge(String v) {
            vulnerabilityDatabaseMaxAge = v;
            return this;
        }

        /** Never touch the network (Maven's offline mode): cached exports serve, of any age. */
        public Builder offline(boolean v) {
            offline = v;
            return this;
        }

        /** The HTTP proxy for downloads (Maven's active proxy); null for none of our own. */
        public Builder proxy(HttpProxy v) {
            proxy = v;
            return this;
        }

        /**
         * Where layer scans are kept for later runs: a folder, {@code none} for no cache, or null for the JVM's
         * {@code imageHygiene.layerCache} property, else {@code ~/.cache/image-hygiene/layers}.
         */
        public Builder layerCache(String v) {
            layerCache = v;
            return this;
        }

        /** The most bytes the layer cache keeps (default 2GB). */
        public Builder layerCacheMaxSize(String v) {
            layerCacheMaxSize = v;
            return this;
        }

        /** The least severity that fails the vulnerabilities rule: CRITICAL, HIGH (default), MEDIUM, LOW. */
        public Builder failOnSeverity(String v) {
            failOnSeverity = v;
            return this;
        }

        /** Whether vulnerabilities without a fixed version fail too (default false). */
        public Builder failOnUnfixed(Boolean v) {
            failOnUnfixed = v;
            return this;
        }

        /** @throws io.github.imagehygiene.common.ConfigurationException naming the first bad value */
        public CheckSettings build() {
            if (writeBaseline != null) {
                baseline = null;
                newFindingsOnly = null;
                maxGrowth = null;
                maxCompressedGrowth = null;
                formats = List.of(ReportFormat.JSON.id());
            }
            InputSettings input = InputSettings.parse(image, platform, dockerHost, timeout, threads,
                    estimateCompressedSize);
            Clock date = clock == null ? Clock.systemDefaultZone() : clock;
            RuleSettings rules = new RuleSettings(
                    BudgetSettings.parse(maxSize, maxCompressedSize, maxLayerSize, maxLayers, maxGrowth,
                            maxCompressedGrowth),
                    BasePolicySettings.parse(allowedBaseImages, deniedBaseImages, requirePinnedBase,
                            allowedOperatingSystems, eolWarningDays, minJavaVersion, allowedJavaVendors, date),
                    HygieneSettings.parse(minEfficiency, maxWastedBytes, maxWastedPercent, maxReclaimable,
                            packageCacheThreshold, ignorePaths),
                    InventorySettings.parse(deniedPackages, maxPackageSize),
                    security.build(), VulnerabilityPolicy.parse(failOnSeverity, failOnUnfixed));
            BaseImageSettings base = new BaseImageSettings(baseImages, buildHints, eolData, dockerHost,
                    countBaseLayers);
            Suppressions suppressions = suppressionFile != null ? SuppressionFile.load(suppressionFile)
                    : projectDirectory != null ? SuppressionFile.find(projectDirectory).map(SuppressionFile::load)
                            .orElse(Suppressions.NONE)
                    : Suppressions.NONE;
            GateSettings gate = GateSettings.parse(levels, suppressions, date);
            java.util.Set<ReportFormat> written = new java.util.HashSet<>(ReportFormat.parse(formats));
            if (sbom != null && !sbom) {
                written.remove(ReportFormat.SBOM);
            }
            Path dockerfile = buildHints == null ? null : buildHints.dockerfile();
            OutputSettings output = new OutputSettings(reportDirectory, written, toolName, toolVersion,
                    new OutputSettings.Sources(sourceRoot(), dockerfile,
                            base.dockerfileBase() == null ? 0 : base.dockerfileBase().line(), buildFile),
                    stepSummary);
            BaselineSettings against = writeBaseline != null ? BaselineSettings.writing(writeBaseline)
                    : BaselineSettings.parse(baseline, newFindingsOnly);
            if (!against.set() && !against.writes()) {
                // a growth budget with nothing to grow from is a mistake, as newFindingsOnly without a baseline is
                for (String[] budget : new String[][] {{"maxGrowth", maxGrowth},
                        {"maxCompressedGrowth", maxCompressedGrowth}}) {
                    if (budget[1] != null && !budget[1].isBlank()) {
                        throw new io.github.imagehygiene.common.ConfigurationException(budget[0] + " is set ("
                                + budget[1].strip() + "), but no baseline is set: set <baseline>"
                                + " (imageHygiene.baseline) to a report.json or an image, or remove " + budget[0]);
                    }
                }
            }
            JavaIdentitySettings identity = JavaIdentitySettings.parse(projectArtifacts, mavenRepository,
                    defaultMavenRepository, projectDirectory);
            return new CheckSettings(input, base, rules, gate, output,
                    against, identity,
                    // a relative cache folder is the project's, as layerCache's is
                    OsvDatabaseSettings.parse(relativeToProject(vulnerabilityDatabase),
                            vulnerabilityCache == null ? null : userOrProject(vulnerabilityCache),
                            vulnerabilityDatabaseMaxAge, offline, proxy).withDownloadLimit(input.timeout()),
                    LayerCacheSettings.parse(layerCache != null ? cacheFolder(layerCache)
                            : System.getProperty(PROPERTY_PREFIX + LayerCacheSettings.PARAMETER), layerCacheMaxSize));
        }

        /** The layer cache folder as the project's when relative; none as written. */
        private String cacheFolder(String folder) {
            return folder.strip().equalsIgnoreCase(LayerCacheSettings.NONE_VALUE) ? folder : userOrProject(folder);
        }

        /** A folder as the project's when relative; "~/..." is the user's, as written. */
        private String userOrProject(String folder) {
            return folder.strip().startsWith("~") ? folder : relativeToProject(folder);
        }

        /** A folder as the project's when relative; a URL as written. */
        private String relativeToProject(String location) {
            if (location == null || location.isBlank() || projectDirectory == null
                    || location.strip().matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
                return location;
            }
            try {
                Path p = Path.of(location.strip());
                return p.isAbsolute() ? location : projectDirectory.resolve(p).normalize().toString();
            } catch (java.nio.file.InvalidPathException e) {
                return location;
            }
        }
    }
}
