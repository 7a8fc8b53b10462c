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
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayeredFilesystem.Node;

/**
 * {@code noWorldWritable}: no file or directory outside /tmp, /var/tmp and /dev/shm (and {@code allowedWorldWritable})
 * may be writable by every user; directories with the sticky bit (like /tmp) are fine anywhere. dockle has no such
 * check.
 */
public final class NoWorldWritableRule extends Rule {
    public static final String ID = "noWorldWritable";
    private final SecuritySettings settings;

    public NoWorldWritableRule(SecuritySettings settings) {
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
        for (Node node : FilesystemScan.of(analysis).worldWritable()) {
            FileEntry e = node.entry();
            if (Glob.any(settings.worldWritableAllowed(), e.path())) {
                allowed++;
                continue;
            }
            if (!blame.counts(node.layer())) {
                inBase++;
                continue;
            }
            boolean dir = e.type() == EntryType.DIRECTORY;
            Origin origin = origins.ofLayer(node.layer());
            breaches.add(SecurityText.at(e.path(), node.layer(), origin, (dir ? "directory " : "") + e.path() + " is world-writable"
                    + (dir ? " without the sticky bit" : "") + " (mode " + SecurityText.octal(e.mode()) + "), added in layer "
                    + node.layer() + origin.inParens() + ": any user of the container can "
                    + (dir ? "replace its files" : "change it") + "; chmod o-w it"));
        }
        String summary = breaches.isEmpty() && allowed == 0 ? "no world-writable file"
                : count(breaches.size(), "world-writable path", "world-writable paths")
                        + (allowed == 0 ? "" : ", " + allowed + " in temporary directories");
        summary += inBase == 0 ? "" : blame.notCounted(count(inBase, "more", "more"));
        return Outcome.of(summary, breaches);
    }
}
