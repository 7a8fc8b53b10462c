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
import io.github.imagehygiene.analysis.security.NpmrcTokens;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;

/**
 * {@code noStrayFiles} (dockle DKL-LI-0003): no file a build context should not have sent: .git, .idea and .aws
 * directories, .DS_Store, .env files, Dockerfiles, Compose files, and .npmrc files holding a token. Folders of
 * third-party packages (node_modules, vendor, site-packages...) are not looked into.
 */
public final class NoStrayFilesRule extends Rule {
    public static final String ID = "noStrayFiles";
    private final SecuritySettings settings;

    public NoStrayFilesRule(SecuritySettings settings) {
        super(ID, Level.WARN);
        this.settings = settings;
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return List.of(NpmrcTokens.INSTANCE);
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Origins origins = Origins.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        Blame blame = Blame.of(analysis);
        int inBase = 0;
        for (FilesystemScan.Stray s : FilesystemScan.of(analysis).strays()) {
            String what = s.kind().label();
            if (s.kind() == FilesystemScan.StrayKind.NPMRC) {
                if (analysis.filesystem().collected(NpmrcTokens.INSTANCE, s.path()).isEmpty()) {
                    continue;
                }
                what = ".npmrc with a registry token";
            }
            if (!blame.counts(s.layer())) {
                inBase++;
                continue;
            }
            Origin origin = origins.ofLayer(s.layer());
            breaches.add(SecurityText.at(s.path(), s.layer(), origin, s.path() + ": " + what + " (" + s.kind().why() + "), added in layer " + s.layer()
                    + origin.inParens() + "; add it to .dockerignore or copy only what the application needs"));
        }
        return Outcome.of((breaches.isEmpty() ? "no stray file" : count(breaches.size(), "stray file", "stray files"))
                + (inBase == 0 ? "" : blame.notCounted(count(inBase, "more", "more"))), breaches);
    }
}
