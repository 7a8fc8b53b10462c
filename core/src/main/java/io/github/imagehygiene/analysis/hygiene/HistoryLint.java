package io.github.imagehygiene.analysis.hygiene;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.analysis.security.SecretKeys;

/**
 * Dockerfile habits read back from the image history's {@code created_by} (legacy builder, BuildKit, kaniko and
 * buildah formats): consecutive RUN layers that could be one, {@code apt-get update} without an install in the same
 * RUN, {@code apk add} without {@code --no-cache}, ADD of a local file or of a URL, and {@code sudo}. Images whose
 * history is not a Dockerfile's (Jib, ko, {@code docker import}) have nothing to lint.
 */
public final class HistoryLint {
    /** Every layer the user's own; until the base-image analysis tells base from own. */
    public static final Predicate<Integer> ALL_OWN = layer -> false;

    /** What is wrong. */
    public enum Check {
        CONSECUTIVE_RUN("consecutiveRun"),
        APT_UPDATE_WITHOUT_INSTALL("aptUpdateWithoutInstall"),
        APK_ADD_WITHOUT_NO_CACHE("apkAddWithoutNoCache"),
        ADD_LOCAL_FILE("addLocalFile"),
        ADD_URL("addUrl"),
        SUDO("sudo");

        private final String id;

        Check(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * One finding on the history.
     *
     * @param check        what is wrong
     * @param layers       the 1-based layers concerned, bottom first (two or more for {@link Check#CONSECUTIVE_RUN})
     * @param instructions their instructions as the history records them, shell wrapper removed
     * @param target       for ADD, the destination path; else null
     * @param base         whether the layers belong to the base image (reported apart, never counted against the
     *                     user)
     */
    public record Issue(Check check, List<Integer> layers, List<String> instructions, String target, boolean base) {
    }

    /**
     * One history entry, parsed.
     *
     * @param layer       1-based layer it made, or 0 for an empty_layer entry
     * @param keyword     RUN, COPY, ADD, ENV, ... or "" when the entry is not a Dockerfile instruction
     * @param arguments   what follows the keyword; for RUN the command, without shell wrapper and build-arg prefix
     * @param instruction keyword and arguments
     */
    public record Step(int layer, String keyword, String arguments, String instruction) {
    }

    private static final Pattern KEYWORD = Pattern.compile(
            "^(RUN|COPY|ADD|ENV|ARG|LABEL|EXPOSE|WORKDIR|USER|VOLUME|ENTRYPOINT|CMD|SHELL|HEALTHCHECK|STOPSIGNAL"
                    + "|ONBUILD|MAINTAINER)\\b\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern TOOL_SIGNATURE = Pattern.compile("^[A-Za-z0-9._-]+:[A-Za-z0-9._+-]+$");
    // options' groups possessive: a repeated group that may give back recurses once per repetition, and a crafted
    // history line of a few thousand options overflowed the stack
    private static final Pattern APT_UPDATE = Pattern.compile("\\bapt(?:-get)?\\s+(?:-\\S++\\s++)*+update\\b");
    private static final Pattern APT_INSTALL = Pattern.compile(
            "\\bapt(?:-get)?\\s+(?:-\\S++\\s++)*+(?:install|upgrade|dist-upgrade|full-upgrade|build-dep|source)\\b");
    private static final Pattern APK_ADD = Pattern.compile("\\bapk\\s+(?:-\\S++\\s++)*+add\\b");
    private static final Pattern APK_CLEANED = Pattern.compile("--no-cache\\b|rm\\s+(?:-\\S++\\s++)*+/var/cache/apk");
    private static final Pattern SUDO = Pattern.compile("(?:^|[\\s;&|(`])sudo\\s");
    private static final Pattern LEGACY_SOURCE = Pattern.compile("^(file|dir|multi):[0-9a-f]{64} in (.+)$",
            Pattern.DOTALL);
    private static final Pattern LEGACY_URL = Pattern.compile("^[0-9a-f]{64} in (.+)$", Pattern.DOTALL);
    private static final Pattern ARCHIVE = Pattern.compile(
            ".*\\.(?:tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst|tzst)$", Pattern.CASE_INSENSITIVE);

    private final List<Step> steps;
    private final List<RawIssue> raw;

    /** An issue before base/own is known; consecutive RUNs are split once the predicate is given. */
    private record RawIssue(Check check, List<Integer> layers, List<String> instructions, String target) {
    }

    private HistoryLint(List<Step> steps, List<RawIssue> raw) {
        this.steps = steps;
        this.raw = raw;
    }

    /** Computed once per analysis. */
    public static HistoryLint of(ImageAnalysis analysis) {
        return analysis.derived(HistoryLint.class, HistoryLint::compute);
    }

    /** The history, parsed, oldest first. */
    public List<Step> steps() {
        return steps;
    }

    /** The issues, each marked base or own; consecutive RUNs are only grouped within base or within own layers. */
    public List<Issue> issues(Predicate<Integer> isBaseLayer) {
        Predicate<Integer> base = isBaseLayer == null ? ALL_OWN : isBaseLayer;
        List<Issue> out = new ArrayList<>();
        for (RawIssue r : raw) {
            if (r.check() != Check.CONSECUTIVE_RUN) {
                out.add(new Issue(r.check(), r.layers(), r.instructions(), r.target(), base.test(r.layers().get(0))));
                continue;
            }
            int start = 0;
            for (int i = 1; i <= r.layers().size(); i++) {
                if (i == r.layers().size() || base.test(r.layers().get(i)) != base.test(r.layers().get(start))) {
                    if (i - start >= 2) {
                        out.add(new Issue(Check.CONSECUTIVE_RUN, List.copyOf(r.layers().subList(start, i)),
                                List.copyOf(r.instructions().subList(start, i)), null,
                                base.test(r.layers().get(start))));
                    }
                    start = i;
                }
            }
        }
        return List.copyOf(out);
    }

    private static HistoryLint compute(ImageAnalysis a) {
        Map<HistoryEntry, Integer> layerOf = new IdentityHashMap<>();
        for (LayerDescriptor d : a.image().layers()) {
            if (d.history() != null) {
                layerOf.put(d.history(), d.index());
            }
        }
        List<HistoryEntry> history = a.image().config().history();
        boolean dockerfile = false;
        for (HistoryEntry h : history) {
            String c = h.createdBy() == null ? "" : h.createdBy().strip();
            dockerfile |= c.startsWith("/bin/sh -c ") || c.endsWith("# buildkit") || KEYWORD.matcher(c).matches();
        }
        List<Step> steps = new ArrayList<>();
        for (HistoryEntry h : history) {
            steps.add(parse(h.createdBy() == null ? "" : h.createdBy(), layerOf.getOrDefault(h, 0), dockerfile));
        }
        List<RawIssue> raw = new ArrayList<>();
        List<Step> run = new ArrayList<>();
        for (Step s : steps) {
            if (s.keyword().equals("RUN") && s.layer() > 0) {
                run.add(s);
                continue;
            }
            consecutive(run, raw);
            run.clear();
        }
        consecutive(run, raw);
        for (Step s : steps) {
            if (s.layer() == 0) {
                continue;
            }
            List<Integer> layer = List.of(s.layer());
            List<String> text = List.of(s.instruction());
            if (s.keyword().equals("RUN")) {
                String cmd = s.arguments();
                if (aptUpdateWithoutInstall(cmd)) {
                    raw.add(new RawIssue(Check.APT_UPDATE_WITHOUT_INSTALL, layer, text, null));
                }
                if (apkAddWithoutNoCache(cmd)) {
                    raw.add(new RawIssue(Check.APK_ADD_WITHOUT_NO_CACHE, layer, text, null));
                }
                if (SUDO.matcher(cmd).find()) {
                    raw.add(new RawIssue(Check.SUDO, layer, text, null));
                }
            } else if (s.keyword().equals("ADD")) {
                addIssue(s, a.scans().get(s.layer() - 1).entries(), raw);
            }
        }
        raw.sort((x, y) -> x.layers().get(0).equals(y.layers().get(0)) ? x.check().compareTo(y.check())
                : Integer.compare(x.layers().get(0), y.layers().get(0)));
        return new HistoryLint(List.copyOf(steps), List.copyOf(raw));
    }

    private static void consecutive(List<Step> run, List<RawIssue> raw) {
        if (run.size() >= 2) {
            raw.add(new RawIssue(Check.CONSECUTIVE_RUN, run.stream().map(Step::layer).toList(),
                    run.stream().map(Step::instruction).toList(), null));
        }
    }

    private static void addIssue(Step s, List<FileEntry> entries, List<RawIssue> raw) {
        String args = s.arguments();
        Matcher legacy = LEGACY_SOURCE.matcher(args);
        Matcher legacyUrl = LEGACY_URL.matcher(args);
        List<Integer> layer = List.of(s.layer());
        List<String> text = List.of(s.instruction());
        if (legacy.matches()) {
            String dest = legacy.group(2).strip();
            // ADD file: of an archive extracts it (many files, e.g. a base image's rootfs): that is what ADD is for.
            if (!legacy.group(1).equals("file") || regularFiles(entries) <= 1) {
                raw.add(new RawIssue(Check.ADD_LOCAL_FILE, layer, text, dest));
            }
            return;
        }
        if (legacyUrl.matches()) {
            raw.add(new RawIssue(Check.ADD_URL, layer, text, legacyUrl.group(1).strip()));
            return;
        }
        // BuildKit / kaniko: ADD [--flags] SRC... DEST
        List<String> words = new ArrayList<>();
        for (String w : args.strip().split("\\s+")) {
            if (!w.isEmpty() && !w.startsWith("--")) {
                words.add(w);
            }
        }
        if (words.size() < 2) {
            return;
        }
        String dest = words.get(words.size() - 1);
        List<String> sources = words.subList(0, words.size() - 1);
        if (sources.stream().anyMatch(w -> w.matches("(?i)^(?:https?|ftp)://.*"))) {
            raw.add(new RawIssue(Check.ADD_URL, layer, text, dest));
        } else if (sources.stream().noneMatch(w -> ARCHIVE.matcher(w).matches() || w.startsWith("git@")
                || w.endsWith(".git"))) {
            raw.add(new RawIssue(Check.ADD_LOCAL_FILE, layer, text, dest));
        }
    }

    private static int regularFiles(List<FileEntry> entries) {
        int n = 0;
        for (FileEntry e : entries) {
            if (e.type() == EntryType.FILE) {
                n++;
            }
        }
        return n;
    }

    /** Parses one created_by; {@code dockerfile} says whether the history is a Dockerfile builder's at all. */
    /** Whether a RUN's command runs apt-get update without an install or upgrade. */
    static boolean aptUpdateWithoutInstall(String cmd) {
        return APT_UPDATE.matcher(cmd).find() && !APT_INSTALL.matcher(cmd).find();
    }

    /** Whether a RUN's command runs apk add without --no-cache or removing apk's cache. */
    static boolean apkAddWithoutNoCache(String cmd) {
        return APK_ADD.matcher(cmd).find() && !APK_CLEANED.matcher(cmd).find();
    }

    static Step parse(String createdBy, int layer, boolean dockerfile) {
        String s = createdBy.strip();
        if (s.endsWith("# buildkit")) {
            s = s.substring(0, s.length() - "# buildkit".length()).strip();
        }
        String keyword;
        String args;
        if (s.startsWith("/bin/sh -c #(nop)")) {
            String rest = s.substring("/bin/sh -c #(nop)".length()).strip();
            Matcher m = KEYWORD.matcher(rest);
            if (m.matches()) {
                keyword = m.group(1);
                args = m.group(2).strip();
            } else {
                keyword = "";
                args = rest;
            }
        } else {
            Matcher m = KEYWORD.matcher(s);
            if (m.matches()) {
                keyword = m.group(1).toUpperCase(Locale.ROOT);
                args = m.group(2).strip();
            } else if (dockerfile && !s.isEmpty() && !TOOL_SIGNATURE.matcher(s).matches()) {
                keyword = "RUN"; // the legacy builder records RUN as the bare command
                args = s;
            } else {
                keyword = "";
                args = s;
            }
            if (keyword.equals("RUN")) {
                args = stripRunPrefix(args);
            }
        }
        String instruction = keyword.isEmpty() ? args.replaceAll("\\s+", " ")
                : (keyword + " " + args).replaceAll("\\s+", " ").strip();
        return new Step(layer, keyword, args, instruction);
    }

    /** "|2 A=1 B=2 /bin/sh -c cmd" → "cmd". */
    private static String stripRunPrefix(String args) {
        String s = args.strip();
        // the arguments' values as Docker writes them, unquoted and with their spaces (SecretKeys reads them)
        int command = SecretKeys.commandStart(s);
        if (command >= 0) {
            s = s.substring(command).strip();
        }
        if (s.startsWith("/bin/sh -c ")) {
            s = s.substring("/bin/sh -c ".length()).strip();
        } else if (s.startsWith("/bin/bash -c ")) {
            s = s.substring("/bin/bash -c ".length()).strip();
        }
        return s;
    }
}
