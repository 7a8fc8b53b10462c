package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HistoryLint;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Blame;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code historyLint}: Dockerfile habits that cost layers or bytes, read from the image history (see
 * {@link HistoryLint}): consecutive RUN layers, {@code apt-get update} without install, {@code apk add} without
 * {@code --no-cache}, ADD of a local file or a URL, {@code sudo}. Issues in base-image layers are counted apart in
 * the summary and never reported as the user's findings (unless countBaseLayers counts them).
 */
public final class HistoryLintRule extends Rule {
    public static final String ID = "historyLint";

    private final PathGlobs ignore;

    public HistoryLintRule(HygieneSettings hygiene) {
        super(ID, Level.WARN);
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        List<Breach> breaches = new ArrayList<>();
        int base = 0;
        Blame blame = Blame.of(analysis);
        for (HistoryLint.Issue issue : HistoryLint.of(analysis).issues(layer -> !blame.counts(layer))) {
            if (issue.target() != null && ignore.ignores(normalise(issue.target()))) {
                continue;
            }
            if (issue.base()) {
                base++;
                continue;
            }
            int layer = issue.layers().get(0);
            Breach b = Breach.of(issue.check().id() + ":" + String.join(" && ", issue.instructions()),
                    message(analysis, issue)).inLayer(layer, blame.origin(layer));
            breaches.add(issue.target() == null ? b : b.path(normalise(issue.target())));
        }
        String summary = (breaches.isEmpty() ? "no issues" : Text.plural(breaches.size(), "issue", "issues"))
                + (base == 0 ? "" : ", " + base + " more in base-image layers (not counted)");
        return Outcome.of(summary, breaches);
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
