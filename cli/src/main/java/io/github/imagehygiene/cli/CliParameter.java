package io.github.imagehygiene.cli;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.settings.CheckSettings;

/**
 * One parameter of the check, as the Maven goal names it ({@code maxSize}) and as the command line writes it
 * ({@code --max-size}); a config file uses the goal's name. The list is the CLI's one table of options: the options,
 * the config file's keys and the usage help are all made from it, and a test of the Maven plugin holds it equal to the
 * goal's parameters.
 *
 * @param name        the goal's parameter name
 * @param kind        how a value is written and read
 * @param label       the value's placeholder in the usage help
 * @param description one line of help
 */
record CliParameter(String name, Kind kind, String label, String description) {

    /** How a value is written on the command line (a config file writes YAML's own lists and maps). */
    enum Kind {
        /** A text the core parses: a size, a duration, a version. */
        TEXT,
        /** A whole number. */
        INTEGER,
        /** A decimal number. */
        DECIMAL,
        /** true or false; the option alone means true. */
        BOOLEAN,
        /** A file or folder, relative to the working folder. */
        PATH,
        /** Comma-separated ({@code a,b}); a comma inside brackets stays in its element (version ranges). */
        LIST,
        /** Comma-separated {@code KEY=VALUE} pairs ({@code maxSize=WARN,noRootUser=OFF}). */
        MAP,
        /** Comma-separated {@code PATTERN[=REASON]}: denied base images. */
        PATTERNS_WITH_REASONS,
        /** Inline YAML or JSON, as a config file would hold it (nested parameters). */
        STRUCTURED
    }

    /** {@code maxSize} → {@code --max-size}. */
    String option() {
        StringBuilder sb = new StringBuilder("--");
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static CliParameter p(String name, Kind kind, String label, String description) {
        return new CliParameter(name, kind, label, description);
    }

    /** The image is the positional IMAGE (or {@code image:} in a config file), not an option. */
    static final String IMAGE = "image";

    /** Every parameter but the image, in the order of the usage help: input, budgets, base, hygiene, security, output. */
    static final List<CliParameter> ALL = List.of(
            p("platform", Kind.TEXT, "OS/ARCH[/VARIANT]|all",
                    "platform to check in a multi-platform index, or all; default the only one, else linux/amd64"),
            p("dockerHost", Kind.TEXT, "URL", "Docker daemon for docker:// images; default DOCKER_HOST"),
            p("timeout", Kind.TEXT, "DURATION",
                    "longest reading of the image, and of each database download (90s, 30m, 1h, PT30M; 0: none);"
                            + " default 30m"),
            p("threads", Kind.INTEGER, "N",
                    "layers read at once; default 0, one per processor (at most one per 64 MiB of heap)"),
            p("estimateCompressedSize", Kind.BOOLEAN, "BOOL",
                    "estimate the gzip size of layers stored uncompressed; default true"),
            p("layerCache", Kind.TEXT, "DIR|none", "where what was read of each layer is kept for later runs;"
                    + " none: no cache; default ~/.cache/image-hygiene/layers"),
            p("layerCacheMaxSize", Kind.TEXT, "SIZE",
                    "most bytes the layer cache keeps, least recently used out first; default 2GB"),
            p("maxSize", Kind.TEXT, "SIZE", "budget for the image size as docker images shows it, e.g. 300MB"),
            p("maxCompressedSize", Kind.TEXT, "SIZE", "budget for what a push transfers, e.g. 120MB"),
            p("maxLayerSize", Kind.TEXT, "SIZE", "budget for any one layer, e.g. 100MiB"),
            p("maxLayers", Kind.INTEGER, "N", "most layers allowed"),
            p("baseline", Kind.TEXT, "REPORT|IMAGE",
                    "a report.json this tool wrote, or an image, to compare with: the diff in every report"),
            p("maxGrowth", Kind.TEXT, "SIZE|PERCENT", "budget for the growth over the baseline, e.g. 20MB or 10%"),
            p("maxCompressedGrowth", Kind.TEXT, "SIZE|PERCENT",
                    "budget for the growth of the pushed size over the baseline"),
            p("newFindingsOnly", Kind.BOOLEAN, "BOOL", "with a baseline, only new findings fail; default false"),
            p("levels", Kind.MAP, "RULE=LEVEL,...", "level per rule: ERROR, WARN or OFF, e.g. maxLayers=WARN"),
            p("failOnError", Kind.BOOLEAN, "BOOL", "whether ERROR findings exit with 1; default true"),
            p("allowedBaseImages", Kind.LIST, "GLOB,...", "base images allowed, e.g. amazoncorretto:17.*-al2023"),
            p("deniedBaseImages", Kind.PATTERNS_WITH_REASONS, "GLOB[=REASON],...",
                    "base images denied, each with an optional reason, e.g. openjdk:*=deprecated"),
            p("requirePinnedBase", Kind.TEXT, "TAG|DIGEST", "the base must be named by a version tag or a digest"),
            p("baseImages", Kind.LIST, "[NAME=]ARCHIVE,...",
                    "known bases for the layer fingerprint: archives, or NAME=sha256:... diff_ids separated by spaces"),
            p("countBaseLayers", Kind.BOOLEAN, "BOOL",
                    "whether the rules judging the build's own work count the base's layers too; default false"),
            p("dockerfile", Kind.PATH, "FILE", "the Dockerfile whose final FROM names the base; default ./Dockerfile"),
            p("allowedOperatingSystems", Kind.LIST, "OS,...", "operating systems allowed, e.g. debian>=12,distroless"),
            p("eolData", Kind.PATH, "FILE", "a newer end-of-life table than the bundled one"),
            p("eolWarningDays", Kind.INTEGER, "DAYS", "days of warning before the OS's end of life; default 90"),
            p("minJavaVersion", Kind.TEXT, "VERSION", "lowest Java runtime version allowed, e.g. 17.0.10"),
            p("allowedJavaVendors", Kind.LIST, "GLOB,...", "Java vendors allowed, e.g. Amazon.com Inc.,eclipse *"),
            p("minEfficiency", Kind.DECIMAL, "0-1", "lowest efficiency, as dive computes it; default 0.9"),
            p("maxWastedBytes", Kind.TEXT, "SIZE", "budget for dive's wasted bytes"),
            p("maxWastedPercent", Kind.DECIMAL, "FRACTION",
                    "highest share of the user layers wasted, 0.1 meaning 10 %; default 0.1"),
            p("maxReclaimable", Kind.TEXT, "SIZE|PERCENT", "budget for bytes stored but hidden, e.g. 20MB or 5%"),
            p("packageCacheThreshold", Kind.TEXT, "SIZE", "bytes a package cache may hold before it counts; default 0"),
            p("ignorePaths", Kind.LIST, "GLOB,...", "image paths every hygiene rule leaves out, e.g. /tmp/**"),
            p("deniedPackages", Kind.LIST, "PURL|GLOB,...",
                    "packages denied, e.g. pkg:maven/org.apache.logging.log4j/log4j-core@[2.0,2.17.1)"),
            p("maxPackageSize", Kind.TEXT, "SIZE", "budget for any one package"),
            p("vulnerabilityDatabase", Kind.TEXT, "DIR|URL",
                    "OSV records: a folder of <Ecosystem>/all.zip or *.json, or an http(s) prefix; default osv.dev"),
            p("vulnerabilityCache", Kind.PATH, "DIR", "where downloaded OSV exports (and every export's index)"
                    + " are kept; default ~/.cache/image-hygiene/osv"),
            p("vulnerabilityDatabaseMaxAge", Kind.TEXT, "DURATION",
                    "age after which a cached export is revalidated (24h, 90m, 1d; 0: every run); default 24h"),
            p("failOnSeverity", Kind.TEXT, "SEVERITY", "least severity that fails: CRITICAL, HIGH, MEDIUM, LOW;"
                    + " default HIGH"),
            p("failOnUnfixed", Kind.BOOLEAN, "BOOL", "vulnerabilities without a fixed version fail too; default false"),
            p("mavenRepository", Kind.TEXT, "DIR|none",
                    "Maven local repository where a jar without pom.properties is looked up by name and confirmed by"
                            + " sha1; default ~/.m2/repository when it exists"),
            p("acceptKeys", Kind.LIST, "GLOB,...", "ENV, label and build-arg names that only look secret"),
            p("allowedSetuidFiles", Kind.LIST, "GLOB,...", "setuid/setgid files allowed"),
            p("allowedWorldWritable", Kind.LIST, "GLOB,...", "world-writable paths allowed besides sticky /tmp"),
            p("secretScanMaxFileSize", Kind.TEXT, "SIZE", "largest file scanned for secrets; default 1MiB"),
            p("secretScanExcludes", Kind.LIST, "GLOB,...", "paths not scanned for secrets"),
            p("configAssertions", Kind.STRUCTURED, "YAML",
                    "expected config, e.g. '{user: \"1000:1000\", exposedPorts: [\"8080\"]}'"),
            p("fileAssertions", Kind.STRUCTURED, "YAML",
                    "expected files, e.g. '[{path: /root/.ssh, exists: false}]'"),
            p("suppressions", Kind.PATH, "FILE",
                    "suppression file; default image-hygiene-suppressions.{xml,yaml,yml} in the working folder"),
            p("sbom", Kind.BOOLEAN, "BOOL", "write sbom.cdx.json; default true"),
            p("formats", Kind.LIST, "FORMAT,...",
                    "report files: json, sbom, sarif, junit, html, markdown; default all"),
            p("reportDirectory", Kind.PATH, "DIR", "where report.json goes; default target/image-hygiene"),
            p("skip", Kind.BOOLEAN, "BOOL", "skip the check, saying so"));

    /**
     * The {@code baseline} command's own parameter, besides every one of the check (as the baseline goal's
     * {@code baselineFile}); a config file may hold it, which only that command reads.
     */
    static final CliParameter BASELINE_FILE = p("baselineFile", Kind.PATH, "FILE",
            "where the baseline is written; default src/main/docker/image-baseline.json");

    /** How the core names a parameter to set: as the goal's {@code <timeout> (imageHygiene.timeout)}, or a property. */
    private static final Pattern GOAL_PARAMETER = Pattern.compile("<(\\w+)> \\("
            + Pattern.quote(CheckSettings.PROPERTY_PREFIX) + "\\1\\)|" + Pattern.quote(CheckSettings.PROPERTY_PREFIX)
            + "(\\w+)|<(\\w+)>|(?<=Invalid value for )(\\w+)");

    /**
     * A line of the core's as the command line says it: the core names the parameters to set as the Maven goal does
     * ("raise <timeout> (imageHygiene.timeout)"), which a user of this tool cannot type; each becomes its option
     * ("raise --timeout"), the image its positional IMAGE; so do a bare {@code <levels>} and the name after
     * "Invalid value for". Other plain words are left alone (a rule's id may be a parameter's name: maxSize).
     */
    static String asCommandLine(String line) {
        Matcher m = GOAL_PARAMETER.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                    : m.group(3) != null ? m.group(3) : m.group(4);
            CliParameter p = named(name);
            // a bare <name> or "Invalid value for name" only when it is a parameter ("<block end>" of a YAML error)
            boolean bare = m.group(3) != null || m.group(4) != null;
            String said = name.equals(IMAGE) ? (bare ? m.group() : "IMAGE") : p != null ? p.option() : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(said));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The parameter of a config file's key, or null. */
    static CliParameter named(String name) {
        for (CliParameter p : ALL) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        return name.equals(BASELINE_FILE.name) ? BASELINE_FILE : null;
    }
}
