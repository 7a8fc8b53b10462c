package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Blame;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.FilesystemScan;
import io.github.imagehygiene.analysis.security.Glob;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayeredFilesystem.Node;

/**
 * {@code noSetuidFiles} (dockle CIS-DI-0008): no file of the final filesystem may have the setuid or setgid bit,
 * except the usual ones ({@link SecuritySettings#DEFAULT_SETUID_ALLOWLIST}: su, passwd, mount, ping...) and those in
 * {@code allowedSetuidFiles}. Such a file runs with its owner's (or group's) rights whoever starts it.
 */
public final class NoSetuidFilesRule extends Rule {
    public static final String ID = "noSetuidFiles";
    private final SecuritySettings settings;

    public NoSetuidFilesRule(SecuritySettings settings) {
        super(ID, Level.WARN);
        this.settings = settings;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Origins origins = Origins.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        int allowed = 0;
        Blame blame = Blame.of(analysis);
        int inBase = 0;
        for (Node node : FilesystemScan.of(analysis).setuidOrSetgid()) {
            FileEntry e = node.entry();
            if (Glob.any(settings.setuidAllowlist(), e.path())) {
                allowed++;
                continue;
            }
            if (!blame.counts(node.layer())) {
                inBase++;
                continue;
            }
            boolean uid = (e.mode() & 04000) != 0;
            boolean gid = (e.mode() & 02000) != 0;
            String bits = uid && gid ? "setuid and setgid" : uid ? "setuid" : "setgid";
            String fix = uid && gid ? "chmod ug-s" : uid ? "chmod u-s" : "chmod g-s";
            Origin origin = origins.ofLayer(node.layer());
            breaches.add(SecurityText.at(e.path(), node.layer(), origin, e.path() + " is " + bits + " (mode " + SecurityText.octal(e.mode()) + ", owner " + e.uid() + ":"
                    + e.gid() + "), added in layer " + node.layer() + origin.inParens() + ": it runs with its"
                    + (uid ? " owner's" : " group's") + " rights whoever starts it; " + fix + " it, or remove it"));
        }
        String summary = breaches.isEmpty() && allowed == 0 ? "no setuid/setgid file"
                : count(breaches.size(), "setuid/setgid file", "setuid/setgid files")
                        + (allowed == 0 ? "" : ", " + allowed + " allowlisted");
        summary += inBase == 0 ? "" : blame.notCounted(count(inBase, "more", "more"));
        return Outcome.of(summary, breaches);
    }
}
