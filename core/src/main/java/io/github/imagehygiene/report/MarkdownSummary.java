package io.github.imagehygiene.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.SizeAttribution;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.layer.LayeredFilesystem.PathSize;

/**
 * {@code summary.md}: what a pull request comment or GitHub's job summary shows: the verdict, the breaches with their
 * fixes, the warnings, the rules, the largest layers and what takes the space. Kept under GitHub's 65,536 characters
 * for a step summary: the longest parts (warnings, then breaches) are cut with a note pointing at report.json.
 */
public final class MarkdownSummary {
    /** GitHub's limit for a job summary (1 MiB per step, 65,536 characters shown). */
    public static final int MAX_CHARS = 65_536;
    private static final int TOP_LAYERS = 10;

    private MarkdownSummary() {
    }

    /** The summaries of the platforms of a multi-platform index, one after another, cut to fit as one. */
    public static String toMarkdown(List<CheckResult> results, UnaryOperator<String> mask) {
        return joined(results.stream().map(r -> toMarkdown(r, mask)).toList());
    }

    /** The sections of several platforms ({@link #toMarkdown(CheckResult, UnaryOperator)} each) as one summary. */
    static String joined(List<String> sections) {
        if (sections.size() == 1) {
            return sections.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String section : sections) {
            sb.append(section).append("\n---\n\n");
        }
        String all = sb.toString();
        if (all.length() <= MAX_CHARS) {
            return all;
        }
        String note = "\n… cut to fit the 65,536 characters of a job summary; see report.json\n";
        return all.substring(0, Math.max(0, all.lastIndexOf('\n', MAX_CHARS - note.length()))) + note;
    }

    /** @param mask masks what the image holds, before Markdown escaping */
    public static String toMarkdown(CheckResult result, UnaryOperator<String> mask) {
        ImageAnalysis a = result.analysis();
        Image image = a.image();
        List<Finding> errors = result.findings(Level.ERROR);
        List<Finding> warnings = result.findings(Level.WARN);
        StringBuilder head = new StringBuilder();
        head.append("## Image hygiene: ").append(result.verdict()).append(" — `")
                .append(code(mask.apply(image.source()))).append("` (").append(image.platform()).append(")\n\n");
        head.append(errors.size() == 1 ? "**1 breach**" : "**" + errors.size() + " breaches**").append(", ")
                .append(warnings.size() == 1 ? "1 warning" : warnings.size() + " warnings").append(" · ")
                .append(ByteSize.human(a.contentSize())).append(" · ").append(ByteSize.human(a.compressedSize()))
                .append(" compressed · ").append(a.layers().size()).append(a.layers().size() == 1 ? " layer" : " layers");
        BaseImage base = BaseImage.of(a);
        head.append(" · base ").append(base.name() == null ? "unknown" : "`" + code(mask.apply(base.name())) + "`")
                .append("\n");

        List<String> breaches = new ArrayList<>();
        int i = 0;
        for (Finding f : errors) {
            breaches.add(++i + ". **" + f.rule() + "**: " + text(mask.apply(f.message())));
        }
        List<String> warned = new ArrayList<>();
        for (Finding f : warnings) {
            warned.add("- **" + f.rule() + "**: " + text(mask.apply(f.message())));
        }

        StringBuilder tail = new StringBuilder("\n### Rules\n\n| Rule | Status | Summary |\n|---|---|---|\n");
        for (RuleVerdict v : result.verdicts()) {
            if (v.status() == RuleVerdict.Status.OFF || v.status() == RuleVerdict.Status.NOT_SET) {
                continue;
            }
            tail.append("| ").append(v.rule()).append(" | ").append(status(v.status())).append(" | ")
                    .append(cell(mask.apply(v.summary()))).append(" |\n");
        }
        List<String> notSet = result.verdicts().stream().filter(v -> v.status() == RuleVerdict.Status.NOT_SET)
                .map(RuleVerdict::rule).toList();
        if (!notSet.isEmpty()) {
            tail.append("\nNot set: ").append(String.join(", ", notSet)).append("\n");
        }
        if (DiffReport.baseline(result) != null) {
            tail.append("\n### Against the baseline\n\n");
            DiffReport.consoleLines(result).forEach(l -> tail.append("- ").append(text(mask.apply(l.strip())))
                    .append("\n"));
        }
        tail.append("\n### Largest layers\n\n| # | Size | Compressed | Base | Created by |\n|---|---:|---:|---|---|\n");
        List<LayerSummary> layers = new ArrayList<>(a.layers());
        layers.sort((x, y) -> Long.compare(y.contentSize(), x.contentSize()));
        for (LayerSummary l : layers.subList(0, Math.min(TOP_LAYERS, layers.size()))) {
            tail.append("| ").append(l.index()).append(" | ").append(ByteSize.human(l.contentSize())).append(" | ")
                    .append(ByteSize.human(l.compressedSize())).append(" | ").append(base.layers().column(l.index()))
                    .append(" | ").append(cell(cut(mask.apply(l.instruction()), 80))).append(" |\n");
        }
        SizeAttribution space = SizeAttribution.of(a);
        tail.append("\n### What takes the space\n\n| Largest directories | Size |\n|---|---:|\n");
        for (PathSize d : space.largestDirectories().subList(0, Math.min(10, space.largestDirectories().size()))) {
            tail.append("| `").append(code(mask.apply(d.path()))).append("` | ").append(ByteSize.human(d.size()))
                    .append(" |\n");
        }
        tail.append("\n| Largest files | Size | Layer |\n|---|---:|---:|\n");
        for (PathSize f : space.largestFiles().subList(0, Math.min(10, space.largestFiles().size()))) {
            tail.append("| `").append(code(mask.apply(f.path()))).append("` | ").append(ByteSize.human(f.size()))
                    .append(" | ").append(f.layer()).append(" |\n");
        }
        tail.append("\n<sub>image-hygiene · full report: report.html, report.json</sub>\n");

        // the longest parts give way first, so that the verdict, the rules and the largest layers always show
        int room = MAX_CHARS - head.length() - tail.length() - 200;
        String breachPart = section("Breaches", breaches, room / 2 + Math.max(0, room / 2 - length(warned)));
        String warnPart = section("Warnings", warned, room - breachPart.length());
        String all = head + breachPart + warnPart + tail;
        if (all.length() <= MAX_CHARS) {
            return all;
        }
        // long paths in the tables: the last resort, cut at a line with the note
        String note = "\n… cut to fit the 65,536 characters of a job summary; see report.json\n";
        int end = all.lastIndexOf('\n', MAX_CHARS - note.length());
        return all.substring(0, Math.max(0, end)) + note;
    }

    /** A section of list items, cut with a note once it would pass {@code room} characters. */
    private static String section(String title, List<String> items, int room) {
        if (items.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n### ").append(title).append("\n\n");
        int shown = 0;
        for (String item : items) {
            if (sb.length() + item.length() + 120 > room) {
                sb.append("\n… and ").append(items.size() - shown).append(" more in report.json (cut to fit the")
                        .append(" 65,536 characters of a job summary)\n");
                return sb.toString();
            }
            sb.append(item).append('\n');
            shown++;
        }
        return sb.toString();
    }

    private static int length(List<String> items) {
        return items.stream().mapToInt(s -> s.length() + 1).sum();
    }

    private static String status(RuleVerdict.Status s) {
        return switch (s) {
            case PASS -> "✅ PASS";
            case FAIL -> "❌ FAIL";
            case WARN -> "⚠️ WARN";
            case SKIPPED -> "⏭️ SKIPPED";
            default -> s.name();
        };
    }

    /**
     * Text where Markdown would read a table bar, emphasis, a link, code or HTML: escaped ("#" only starts a heading
     * at the start of a line, where no text of ours stands).
     */
    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : OneLine.of(s).toCharArray()) {
            if ("\\`*_[]<>|".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return text(s.replace('\n', ' '));
    }

    /** Inside backticks only a backtick needs care: it is replaced by a look-alike. */
    private static String code(String s) {
        // in a table, a bar ends the cell even inside backticks; GitHub reads \| as the character
        return OneLine.of(s).replace('`', '\'').replace("|", "\\|");
    }

    private static String cut(String s, int width) {
        return OneLine.cut(s, width);
    }
}
