package io.github.imagehygiene.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.imagehygiene.check.CheckRun;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.analysis.vulnerability.download.HttpProxy;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.Verdict;
import io.github.imagehygiene.report.Reports;
import io.github.imagehygiene.settings.CheckSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar image-hygiene.jar check IMAGE [options]}: the Maven goal's check for builds that do not run Maven.
 * Every goal parameter is an option ({@code --max-size 300MB}) and a key of {@code --config FILE} (YAML or JSON, the
 * goal's names); the command line wins over the file. Prints what the goal logs, with Maven's {@code [INFO]} and
 * {@code [WARNING]} prefixes, and writes the same reports. {@code baseline IMAGE [options] [--baseline-file FILE]} is
 * the baseline goal: the check's options, its report.json written to FILE for later checks' {@code --baseline}.
 *
 * <p>Exit codes: 0 the image passes (or its ERROR findings do not fail: {@code --fail-on-error=false}; the baseline
 * command never fails on breaches), 1 it has breaches at level ERROR, 2 bad input or settings (one line;
 * {@code --verbose} adds the stack trace).
 */
public final class Main {
    static final int PASS = 0;
    static final int BREACHES = 1;
    static final int BAD_INPUT = 2;

    /** The tool report.json and the SBOM name. */
    static final String TOOL = "image-hygiene-cli";

    /** The command that writes a baseline, as the goal of the same name. */
    static final String BASELINE = "baseline";

    /** Where the baseline command writes, relative to the working folder: the goal's default. */
    static final String DEFAULT_BASELINE_FILE = "src/main/docker/image-baseline.json";

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, Path.of("").toAbsolutePath()));
    }

    /**
     * Runs one command line.
     *
     * @param cwd the working folder: relative paths and the default report folder are its
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err, Path cwd) {
        CommandLine cli = commandLine();
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("[ERROR] " + Masking.PATTERNS_ONLY.apply(e.getMessage())); // it quotes the argument
            CommandLine where = e.getCommandLine();
            err.println("[ERROR] See 'image-hygiene " + (where == null || where.getParent() == null ? ""
                    : where.getCommandName() + " ") + "--help'.");
            return BAD_INPUT;
        }
        if (CommandLine.printHelpIfRequested(parsed.asCommandLineList(), out, err, CommandLine.Help.Ansi.OFF)) {
            return PASS;
        }
        if (!parsed.hasSubcommand()) {
            cli.usage(err, CommandLine.Help.Ansi.OFF);
            return BAD_INPUT;
        }
        ParseResult check = parsed.subcommand();
        boolean verbose = check.hasMatchedOption("--verbose");
        try {
            return check(check, check.commandSpec().name().equals(BASELINE), out, err, cwd, verbose);
        } catch (ImageHygieneException e) {
            err.println("[ERROR] " + CliParameter.asCommandLine(Reports.errorMessage(e)));
            if (verbose) {
                Reports.maskedCause(e).printStackTrace(new PrintWriter(err, true));
            }
            return BAD_INPUT;
        } catch (OutOfMemoryError e) {
            // what the check held is garbage once it has unwound; not a breach either
            err.println("[ERROR] " + CliParameter.asCommandLine(Reports.outOfMemoryMessage("java -Xmx512m -jar ...")));
            if (verbose) {
                e.printStackTrace(new PrintWriter(err, true));
            }
            return BAD_INPUT;
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of the tool, not a breach: never exit 1, which means the image failed
            Throwable masked = Reports.maskedCause(e);
            err.println("[ERROR] Internal error: " + masked
                    + " (run with --verbose for the stack trace, and report it)");
            if (verbose) {
                masked.printStackTrace(new PrintWriter(err, true));
            }
            return BAD_INPUT;
        }
    }

    /** @param baseline the baseline command: the report.json written to the baseline file, breaches never failing */
    private static int check(ParseResult check, boolean baseline, PrintStream out, PrintStream err, Path cwd,
            boolean verbose) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Path config = null;
        if (check.hasMatchedOption("--config")) {
            config = cwd.resolve(check.<String>matchedOptionValue("--config", null)).normalize();
            values.putAll(ConfigFile.read(config));
        }
        // the command line wins over the config file, key by key; levels merge, the command line's rule winning
        Map<String, JsonNode> options = Options.values(check);
        JsonNode fileLevels = values.get("levels");
        values.putAll(options);
        if (fileLevels != null && fileLevels.isObject() && options.containsKey("levels")) {
            com.fasterxml.jackson.databind.node.ObjectNode merged = fileLevels.deepCopy();
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) options.get("levels"));
            values.put("levels", merged);
        }
        if (ConfigFile.bool(values, "skip", false)) {
            out.println("[INFO] Skipping image hygiene check: skip is true (--skip)");
            return PASS;
        }
        CheckSettings.Builder builder = CheckSettings.builder().tool(TOOL, version());
        String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
        Settings.apply(values, builder, cwd, config,
                stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
        builder.offline(check.hasMatchedOption("--offline")).proxy(proxy(System.getenv()));
        if (baseline) {
            // as the goal: src/main/docker/image-baseline.json of the project (here the working) folder
            String file = values.containsKey(CliParameter.BASELINE_FILE.name())
                    ? values.get(CliParameter.BASELINE_FILE.name()).asText() : DEFAULT_BASELINE_FILE;
            Path target = cwd.resolve(file).normalize();
            CheckRun run = ImageCheck.check(builder.writeBaseline(target).build(), log(out, verbose));
            out.println("[INFO] Baseline written: " + target + " (" + run.summary() + "); pass it as --baseline and"
                    + " commit it");
            return PASS;
        }
        CheckRun run = ImageCheck.check(builder.build(), log(out, verbose));
        if (run.verdict() == Verdict.FAIL) {
            String failure = run.failureMessage();
            if (ConfigFile.bool(values, "failOnError", true)) {
                failure.lines().forEach(l -> err.println("[ERROR] " + CliParameter.asCommandLine(l)));
                return BREACHES;
            }
            (failure + " (failOnError is false: the build goes on)").lines()
                    .forEach(l -> err.println("[ERROR] " + CliParameter.asCommandLine(l)));
        }
        return PASS;
    }

    /**
     * The proxy of the environment, as curl and most tools read it: {@code HTTPS_PROXY} (else {@code HTTP_PROXY}, either
     * case) as {@code http://[USER:PASSWORD@]HOST:PORT}, {@code NO_PROXY} as comma-separated hosts or domains; null
     * when none is set.
     */
    static HttpProxy proxy(Map<String, String> env) {
        String url = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
        if (url == null) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url.contains("://") ? url : "http://" + url);
        } catch (java.net.URISyntaxException e) {
            throw new io.github.imagehygiene.common.ConfigurationException("Invalid proxy in HTTPS_PROXY/HTTP_PROXY: '"
                    + url + "' (" + e.getReason() + ")");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getUserInfo().split(":", 2);
            user = up[0];
            password = up.length > 1 ? up[1] : null;
        }
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        String nonProxyHosts = null;
        if (noProxy != null) {
            java.util.List<String> hosts = new java.util.ArrayList<>();
            for (String h : noProxy.split(",")) {
                String t = h.strip();
                if (!t.isEmpty()) {
                    hosts.add(t.startsWith(".") ? "*" + t : t); // ".example.com": every host of the domain
                }
            }
            nonProxyHosts = String.join("|", hosts);
        }
        return new HttpProxy(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), user, password, nonProxyHosts);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** Maven's prefixes, so that a CI log reads the same whichever front end ran the check. */
    private static LogSink log(PrintStream out, boolean verbose) {
        return new LogSink() {
            @Override
            public void info(String message) {
                out.println("[INFO] " + CliParameter.asCommandLine(message));
            }

            @Override
            public void warn(String message) {
                out.println("[WARNING] " + CliParameter.asCommandLine(message));
            }

            @Override
            public void debug(String message) {
                if (verbose) {
                    out.println("[DEBUG] " + message);
                }
            }
        };
    }

    /** The jar's version (its manifest), else "dev" when run from classes. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The command line, made from the one table of parameters ({@link CliParameter#ALL}). */
    public static CommandLine commandLine() {
        CommandSpec check = command("check", List.of(
                "Checks a container image against size budgets, base image policy and hygiene rules.",
                "IMAGE: an archive (docker save, OCI layout tar, Jib buildTar), an OCI layout folder (PATH:TAG picks"
                        + " a tag), or docker://NAME[:TAG|@DIGEST].",
                "Exit codes: 0 pass, 1 breaches at level ERROR, 2 bad input or settings.", ""), List.of());
        CommandSpec baseline = command(BASELINE, List.of(
                "Writes the image's report.json as the baseline later checks compare with (--baseline FILE): run it on"
                        + " the image as it is, and commit the file. Takes the check's options; --baseline,"
                        + " --new-findings-only and the growth budgets are left out (a baseline records what is).",
                "Exit codes: 0 written (whatever the breaches), 2 bad input or settings.", ""),
                List.of(CliParameter.BASELINE_FILE));
        CommandSpec top = CommandSpec.create().name("image-hygiene").mixinStandardHelpOptions(true)
                .version("image-hygiene " + version());
        top.usageMessage(new UsageMessageSpec().description("Container image hygiene checks, as the Maven goal"
                + " image-hygiene:check runs them."));
        top.addSubcommand("check", check);
        top.addSubcommand(BASELINE, baseline);
        CommandLine cli = new CommandLine(top);
        cli.setOverwrittenOptionsAllowed(false);
        return cli;
    }

    /** A command taking IMAGE, {@code --config}, every parameter of the check, and its own {@code extra} ones. */
    private static CommandSpec command(String name, List<String> description, List<CliParameter> extra) {
        CommandSpec check = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
        check.usageMessage(new UsageMessageSpec().description(description.toArray(String[]::new))
                .sortOptions(false).abbreviateSynopsis(true));
        check.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("IMAGE")
                .description("the image to check (or image: in the config file)").type(String.class).build());
        check.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(String.class)
                .description("YAML or JSON file of parameters, named as the Maven goal's (levels as a map);"
                        + " options given here win").build());
        List<CliParameter> parameters = new java.util.ArrayList<>(CliParameter.ALL);
        parameters.addAll(extra);
        for (CliParameter p : parameters) {
            OptionSpec.Builder option = OptionSpec.builder(p.option()).paramLabel(p.label())
                    .description(p.description().replace("%", "%%")).type(String.class);
            if (p.kind() == CliParameter.Kind.BOOLEAN) {
                // --count-base-layers alone means true, --count-base-layers=false says no; typed, so that the word
                // after it (the IMAGE) is not taken as its value
                option.arity("0..1").fallbackValue("true").type(Boolean.class);
            }
            check.addOption(option.build());
        }
        check.addOption(OptionSpec.builder("--offline").arity("0")
                .description("never download the vulnerability database: use the cached copy, whatever its age"
                        + " (as Maven's -o)").build());
        check.addOption(OptionSpec.builder("--verbose").arity("0")
                .description("debug lines, and the stack trace of an error").build());
        return check;
    }
}
