package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.analysis.security.SecretHit;
import io.github.imagehygiene.analysis.security.SecretInventory;
import io.github.imagehygiene.analysis.security.SecretScanner;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;

/**
 * {@code noSecrets} (dockle CIS-DI-0010, by content rather than by file name): no file of any layer may hold a
 * private key, an AWS key, a GitHub, GitLab, Slack or npm token, a JWT in a configuration file, or a password in a
 * URL. A secret deleted or replaced by a later layer counts: it is still stored in the image. Text files up to
 * {@code secretScanMaxFileSize} are read, binaries skipped; every value shown is masked.
 */
public final class NoSecretsRule extends Rule {
    public static final String ID = "noSecrets";
    private final SecuritySettings settings;
    private final SecretScanner scanner;

    /**
     * @param scanner the collector feeding this rule; one per run (it counts what it scanned)
     */
    public NoSecretsRule(SecuritySettings settings, SecretScanner scanner) {
        super(ID, Level.ERROR);
        this.settings = settings;
        this.scanner = scanner;
    }

    /** With a scanner of its own, made from the settings. */
    public NoSecretsRule(SecuritySettings settings) {
        this(settings, new SecretScanner(settings.secretScanMaxFileSize().bytes(), settings.secretScanExcludes()));
    }

    public SecretScanner scanner() {
        return scanner;
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return List.of(scanner);
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Origins origins = Origins.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        int files = 0;
        int hidden = 0;
        for (SecretInventory.Item item : SecretInventory.of(analysis, scanner.id())) {
            files++;
            if (!item.visible()) {
                hidden++;
            }
            Origin origin = origins.ofLayer(item.layer());
            String stored = item.visible() ? ""
                    : item.hiddenIn() == item.layer() ? ", replaced within the layer but still stored in the image"
                    : ", " + (item.replaced() ? "replaced" : "deleted") + " in layer " + item.hiddenIn()
                            + " but still stored in the image";
            for (SecretHit hit : item.hits()) {
                breaches.add(SecurityText.at(item.path(), item.layer(), origin, hit.description() + " " + hit.masked()
                        + " in " + item.path() + " line "
                        + hit.line() + ", added in layer " + item.layer() + origin.inParens() + stored
                        + "; revoke it and keep it out of the image (a build secret, a runtime mount)")
                        // one finding per kind of secret in a file: fixing one leaves the others' fingerprints
                        .withSubject(item.path() + ":" + hit.kind().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        SecretScanner.Stats stats = scanner.stats();
        String scanned = count((int) stats.scannedFiles(), "text file", "text files") + " scanned"
                + (stats.binaryFiles() == 0 ? "" : ", " + stats.binaryFiles() + " binary skipped")
                + (stats.tooLargeFiles() == 0 ? "" : ", " + stats.tooLargeFiles() + " over "
                        + settings.secretScanMaxFileSize() + " skipped");
        String summary = breaches.isEmpty() ? "no secret; " + scanned
                : count(breaches.size(), "secret", "secrets") + " in " + count(files, "file", "files")
                        + (hidden == 0 ? "" : " (" + hidden + " deleted or replaced later)") + "; " + scanned;
        return Outcome.of(summary, breaches);
    }
}
