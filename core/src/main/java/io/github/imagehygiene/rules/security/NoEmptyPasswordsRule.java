package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.AccountFiles;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * {@code noEmptyPasswords} (dockle DKL-LI-0001): no account of the final /etc/shadow (or /etc/passwd) may have an
 * empty password field, which lets anyone log in as it without a password (CVE-2019-5021 was Alpine's root).
 */
public final class NoEmptyPasswordsRule extends Rule {
    public static final String ID = "noEmptyPasswords";
    private final SecuritySettings settings;

    public NoEmptyPasswordsRule(SecuritySettings settings) {
        super(ID, Level.ERROR);
        this.settings = settings;
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return List.of(AccountFiles.INSTANCE);
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Origins origins = Origins.of(analysis);
        LayeredFilesystem fs = analysis.filesystem();
        List<Breach> breaches = new ArrayList<>();
        int accounts = 0;
        boolean any = false;
        for (String path : List.of(AccountFiles.SHADOW, AccountFiles.PASSWD)) {
            Optional<AccountFiles.Table> table = fs.collected(AccountFiles.INSTANCE, path);
            if (table.isEmpty()) {
                continue;
            }
            any = true;
            int layer = fs.get(path).map(LayeredFilesystem.Node::layer).orElse(0);
            Origin origin = origins.ofLayer(layer);
            for (AccountFiles.Account a : table.get().accounts()) {
                if (path.equals(AccountFiles.SHADOW)) {
                    accounts++;
                }
                if (a.password() == AccountFiles.Password.EMPTY) {
                    breaches.add(SecurityText.at(path, layer, origin, path + ": account " + a.name() + " (line " + a.line() + ") has an empty"
                            + " password, so anyone can log in as it; lock it (passwd -l " + a.name() + ", or '!' in"
                            + " the password field), layer " + layer + origin.inParens())
                            .withSubject(path + ":" + a.name()));
                }
            }
        }
        String summary = !any ? "no /etc/shadow or /etc/passwd"
                : breaches.isEmpty() ? "no empty password among " + count(accounts, "account", "accounts")
                : count(breaches.size(), "account", "accounts") + " without a password";
        return Outcome.of(summary, breaches);
    }
}
