package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HistoryLint;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code historyLint}: Dockerfile habits that cost layers or bytes, read from the image history (see
 * {@link HistoryLint}): consecutive RUN layers, {@code apt-get update} without install, {@code apk add} without
 * {@code --no-cache}, ADD of a local file or a URL, {@code sudo}. Issues in base-image layers are counted apart in
 * the summary and never reported as the user's findings.
 */
public final class HistoryLintRule implements Rule {
    public static final String ID = "historyLint";

    private final Function<ImageAnalysis, ? extends Predicate<Integer>> baseLayers;
    private final PathGlobs ignore;

    /** Every layer counts as the user's own. */
    public HistoryLintRule() {
        this((Predicate<Integer>) null, List.of());
    }

    /**
     * Every layer counts as the user's own.
     *
     * @param ignorePaths globs: an ADD whose destination matches is not reported
     */
    public HistoryLintRule(List<String> ignorePaths) {
        this((Predicate<Integer>) null, ignorePaths);
    }

    /**
     * @param isBaseLayer tells base-image layers (1-based index) from the user's own; null: all own
     * @param ignorePaths globs: an ADD whose destination matches is not reported
     */
    public HistoryLintRule(Predicate<Integer> isBaseLayer, List<String> ignorePaths) {
        this((Function<ImageAnalysis, Predicate<Integer>>) a -> isBaseLayer, ignorePaths);
    }

    /**
     * @param baseLayers  per analysed image, tells base-image layers (1-based index) from the user's own, e.g. from
     *                    the base-image analysis; null, or a null predicate: all own
     * @param ignorePaths globs: an ADD whose destination matches is not reported
     */
    public HistoryLintRule(Function<ImageAnalysis, ? extends Predicate<Integer>> baseLayers, List<String> ignorePaths) {
        this.baseLayers = baseLayers == null ? a -> HistoryLint.ALL_OWN : baseLayers;
        this.ignore = PathGlobs.of(ignorePaths);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.WARN;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        List<String> breaches = new ArrayList<>();
        int base = 0;
        Predicate<Integer> isBaseLayer = baseLayers.apply(analysis);
        for (HistoryLint.Issue issue : HistoryLint.of(analysis).issues(isBaseLayer)) {
            if (issue.target() != null && ignore.ignores(normalise(issue.target()))) {
                continue;
            }
            if (issue.base()) {
                base++;
                continue;
            }
            breaches.add(message(analysis, issue));
        }
        String summary = (breaches.isEmpty() ? "no issues" : Text.plural(breaches.size(), "issue", "issues"))
                + (base == 0 ? "" : ", " + base + " more in base-image layers (not counted)");
        return RuleOutcome.of(summary, breaches);
    }

    static String message(ImageAnalysis a, HistoryLint.Issue issue) {
        int layer = issue.layers().get(0);
        String where = "layer " + Text.layer(a, layer);
        switch (issue.check()) {
            case CONSECUTIVE_RUN: {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < issue.layers().size(); i++) {
                    parts.add("#" + issue.layers().get(i) + " " + Text.cut(issue.instructions().get(i), 40));
                }
                return "layers #" + layer + " to #" + issue.layers().get(issue.layers().size() - 1) + " are "
                        + issue.layers().size() + " consecutive RUN instructions (" + String.join("; ", parts)
                        + "): join them into one RUN with '&&', one layer instead of " + issue.layers().size()
                        + ", and what one step deletes is then never stored by another";
            }
            case APT_UPDATE_WITHOUT_INSTALL:
                return where + " runs apt-get update without an install in the same RUN: its lists are stored in a"
                        + " layer of their own and a cached update goes stale; use 'RUN apt-get update && apt-get"
                        + " install -y --no-install-recommends ... && rm -rf /var/lib/apt/lists/*'";
            case APK_ADD_WITHOUT_NO_CACHE:
                return where + " runs apk add without --no-cache: the package index stays in /var/cache/apk; use"
                        + " 'apk add --no-cache ...'";
            case ADD_LOCAL_FILE:
                return where + " uses ADD to copy local files to " + issue.target() + ": use COPY (ADD also unpacks"
                        + " archives and fetches URLs; COPY does only what it says)";
            case ADD_URL:
                return where + " uses ADD to download a URL to " + issue.target() + ": the download is not verified and"
                        + " stays in its own layer; fetch it with curl or wget in the RUN that uses it, check its"
                        + " checksum, and delete what is not needed in that same RUN";
            case SUDO:
                return where + " uses sudo: RUN already runs as root (or as the USER set); drop sudo and switch"
                        + " users with USER";
            default:
                throw new IllegalStateException(issue.check().name());
        }
    }

    private static String normalise(String target) {
        String t = target.strip();
        while (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.startsWith("/") ? t : "/" + t;
    }
}
