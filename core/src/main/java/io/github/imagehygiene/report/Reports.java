package io.github.imagehygiene.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.imagehygiene.common.Futures;
import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.Gate;
import io.github.imagehygiene.report.sbom.SbomWriter;

/**
 * Writes everything a check result shows, in one place and through one {@link Output}: the console summary, the
 * warnings, the suppression notes, and each file {@code formats} asks for (report.json, the SBOM, SARIF, JUnit XML,
 * HTML, the Markdown summary, which also goes to GitHub's step summary when there is one).
 */
public final class Reports {
    private Reports() {
    }

    /**
     * @param sbom the SBOM's JSON, made on demand (the check may have made it beside the rules)
     */
    public static void write(CheckResult result, OutputSettings settings, Output out, Supplier<String> sbom) {
        ConsoleSummary.lines(result).forEach(out::info);
        for (Finding f : result.findings(Level.WARN)) {
            out.warn(f.toString());
        }
        if (result.suppressions() != null) {
            result.suppressions().notes().forEach(out::warn);
        }
        if (!out.writesFiles()) {
            return;
        }
        Masking mask = out.masking();
        // SARIF, JUnit, HTML and Markdown are made on a second thread, in that order, while this one makes
        // report.json: in a fresh JVM each format's first use (its classes loaded, its code not yet compiled) is most
        // of its cost. Written and logged in one order. Not for an image of very many files (see parallelWork): there
        // each text is made as its file is written, so that one is held at a time.
        ExecutorService helper = result.analysis().parallelWork()
                ? Executors.newSingleThreadExecutor(t -> Futures.daemon(t, "image-hygiene-reports")) : null;
        Supplier<JsonNode> sarif = made(helper, settings.writes(ReportFormat.SARIF),
                () -> SarifReport.toJson(result, settings));
        Supplier<String> junit = made(helper, settings.writes(ReportFormat.JUNIT),
                () -> JunitReport.toXml(result, mask::apply));
        Supplier<String> html = made(helper, settings.writes(ReportFormat.HTML),
                () -> HtmlReport.toHtml(result, mask::apply));
        Supplier<String> markdown = made(helper, settings.writes(ReportFormat.MARKDOWN),
                () -> MarkdownSummary.toMarkdown(result, mask::apply));
        if (helper != null) {
            helper.shutdown(); // its tasks run on; the thread ends after the last
        }
        if (settings.writes(ReportFormat.JSON)) {
            out.info("Report: " + out.writeJson(ReportFormat.JSON.fileName(),
                    JsonReport.toJson(result, settings.toolName(), settings.toolVersion())));
        }
        if (settings.writes(ReportFormat.SBOM)) {
            out.info("SBOM: " + out.writeJsonText(ReportFormat.SBOM.fileName(), sbom.get()));
        }
        if (sarif != null) {
            out.info("SARIF: " + out.writeJson(ReportFormat.SARIF.fileName(), sarif.get()));
        }
        if (junit != null) {
            out.info("JUnit: " + out.writeText(ReportFormat.JUNIT.fileName(), junit.get()));
        }
        if (html != null) {
            out.info("HTML: " + out.writeText(ReportFormat.HTML.fileName(), html.get()));
        }
        if (markdown != null) {
            String text = markdown.get();
            out.info("Summary: " + out.writeText(ReportFormat.MARKDOWN.fileName(), text));
            if (settings.stepSummary() != null) {
                appendStepSummary(settings, out.masked(text));
                out.info("Summary appended to " + settings.stepSummary() + " (GITHUB_STEP_SUMMARY)");
            }
        }
    }

    /** Null when not wanted; else the text, started now on the helper when there is one, else made when asked. */
    private static <T> Supplier<T> made(ExecutorService helper, boolean wanted, Supplier<T> make) {
        if (!wanted) {
            return null;
        }
        if (helper == null) {
            return make;
        }
        CompletableFuture<T> future = CompletableFuture.supplyAsync(make, helper);
        return () -> Futures.joined(future);
    }

    /**
     * "Image ... has 3 breaches:", then each platform and its breaches numbered on: the build failure of
     * {@code platform=all}, masked.
     */
    public static String failureMessage(List<CheckResult> results) {
        long total = results.stream().mapToLong(r -> r.findings(Level.ERROR).size()).sum();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder("Image ").append(results.get(0).analysis().image().source())
                .append(" has ").append(total).append(total == 1 ? " breach:" : " breaches:");
        int n = 0;
        for (CheckResult r : results) {
            List<Finding> errors = r.findings(Level.ERROR);
            if (errors.isEmpty()) {
                continue;
            }
            sb.append(nl).append("  ").append(r.analysis().image().platform()).append(':');
            for (Finding f : errors) {
                sb.append(nl).append("  ").append(++n).append(". ").append(f);
            }
        }
        String text = sb.toString();
        for (CheckResult r : results) {
            text = r.masking().apply(text);
        }
        return text;
    }

    /** Appends to GitHub's job summary, the one file written outside the report directory, when asked. */
    static void appendStepSummary(OutputSettings settings, String markdown) {
        // under a lock of the file: the modules of a parallel build (mvn -T) each append a summary of their own
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(settings.stepSummary(),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                java.nio.channels.FileLock lock = ch.lock()) {
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(markdown + "\n");
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
        } catch (IOException e) {
            throw new ImageHygieneException("Cannot append the summary to " + settings.stepSummary()
                    + " (GITHUB_STEP_SUMMARY): " + e.getMessage(), e);
        }
    }

    /**
     * An error's one line as a front end shows it (the goal's execution error, the CLI's exit 2): masked for what looks
     * like a secret by itself, since an error may quote the image (a malformed config's token) before its own
     * values are known.
     */
    public static String errorMessage(ImageHygieneException e) {
        return Masking.PATTERNS_ONLY.apply(e.getMessage());
    }

    /**
     * An error as a front end prints it with its stack ({@code --verbose}): the same classes, stack and causes,
     * every message masked as {@link #errorMessage} masks the line.
     */
    public static Throwable maskedCause(Throwable e) {
        return Masking.PATTERNS_ONLY.maskedCopy(e);
    }

    /**
     * An error as the goal hands it to Maven under its one line: masked as {@link #maskedCause(Throwable)}, with
     * no message of a cause that Maven would append to the line ({@code -e} still prints each, with its stack).
     */
    public static Throwable maskedCause(Throwable e, String line) {
        return Masking.PATTERNS_ONLY.maskedCopy(e, line);
    }

    /**
     * The one line for a check that ran out of heap: what the JVM had, and the ways out. What the check holds is
     * bounded per layer thread and per file (docs/security.md), so a small heap holds fewer threads.
     *
     * @param moreHeap how this front end's JVM is given more, e.g. "-Xmx in MAVEN_OPTS"
     */
    public static String outOfMemoryMessage(String moreHeap) {
        return "Out of memory checking the image with a heap of " + (io.github.imagehygiene.common.Heap.max() >> 20)
                + " MiB: give the JVM more (" + moreHeap + "), or read fewer layers at once with a lower <threads>"
                + " (imageHygiene.threads)";
    }

    /** "Image ... has 2 breaches:\n  1. [maxSize] ...", masked: the build failure's message. */
    public static String failureMessage(CheckResult result) {
        return result.masking().apply(Gate.failureMessage(result));
    }
}
