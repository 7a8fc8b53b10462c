package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.AccountFiles;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * {@code uniqueIds} (dockle DKL-LI-0002): every uid of the final /etc/passwd and every gid of /etc/group must be
 * used by one name only; two names for one id (a second uid 0 is a classic backdoor) confuse every audit.
 */
public final class UniqueIdsRule extends Rule {
    public static final String ID = "uniqueIds";
    private final SecuritySettings settings;

    public UniqueIdsRule(SecuritySettings settings) {
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
        List<String> counts = new ArrayList<>();
        for (String path : List.of(AccountFiles.PASSWD, AccountFiles.GROUP)) {
            Optional<AccountFiles.Table> table = fs.collected(AccountFiles.INSTANCE, path);
            if (table.isEmpty()) {
                continue;
            }
            String what = path.equals(AccountFiles.PASSWD) ? "uid" : "gid";
            int layer = fs.get(path).map(LayeredFilesystem.Node::layer).orElse(0);
            Origin origin = origins.ofLayer(layer);
            Map<Long, List<String>> byId = new TreeMap<>();
            for (AccountFiles.Account a : table.get().accounts()) {
                if (a.id() >= 0) {
                    byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a.name());
                }
            }
            counts.add(count(byId.size(), what, what + "s"));
            for (Map.Entry<Long, List<String>> e : byId.entrySet()) {
                if (e.getValue().size() > 1) {
                    breaches.add(SecurityText.at(path, layer, origin, path + ": " + what + " " + e.getKey() + " is shared by "
                            + String.join(", ", e.getValue()) + ", layer " + layer + origin.inParens() + "; give"
                            + " each " + (what.equals("uid") ? "user" : "group") + " its own " + what)
                            .withSubject(path + ":" + what + ":" + e.getKey()));
                }
            }
        }
        String summary = counts.isEmpty() ? "no /etc/passwd or /etc/group"
                : breaches.isEmpty() ? "unique: " + String.join(", ", counts)
                : count(breaches.size(), "shared id", "shared ids");
        return Outcome.of(summary, breaches);
    }
}
