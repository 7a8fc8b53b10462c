package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.List;
import java.util.Optional;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.AccountFiles;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.ImageConfig;
import io.github.imagehygiene.layer.ContentCollector;

/**
 * {@code noRootUser} (dockle CIS-DI-0001): the container must not run as root. Root is an unset USER, {@code root},
 * uid {@code 0} (with any group: {@code 0:0}, {@code root:root}), or a name that /etc/passwd maps to uid 0.
 */
public final class NoRootUserRule extends Rule {
    public static final String ID = "noRootUser";
    private final SecuritySettings settings;

    public NoRootUserRule(SecuritySettings settings) {
        super(ID, Level.WARN);
        this.settings = settings;
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return List.of(AccountFiles.INSTANCE);
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        ImageConfig config = analysis.image().config();
        Origins origins = Origins.of(analysis);
        String user = config.user() == null ? "" : config.user().strip();
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        String reason = null;
        if (name.isEmpty()) {
            reason = user.isEmpty() ? "USER is not set" : "USER '" + user + "' names no user";
        } else if (name.equals("root")) {
            reason = "USER is '" + user + "'";
        } else if (isZero(name)) {
            reason = "USER is '" + user + "', uid 0";
        } else if (!isNumber(name)) {
            Optional<AccountFiles.Table> passwd = analysis.filesystem().collected(AccountFiles.INSTANCE,
                    AccountFiles.PASSWD);
            if (passwd.isPresent() && passwd.get().accounts().stream()
                    .anyMatch(a -> a.name().equals(name) && a.id() == 0)) {
                reason = "USER is '" + user + "', which /etc/passwd maps to uid 0";
            }
        }
        if (reason == null) {
            return Outcome.of("runs as " + user, List.of());
        }
        int h = user.isEmpty() ? -1 : origins.lastInstruction("USER", "");
        Origin origin = h >= 0 ? origins.ofHistory(h) : Origin.OWN;
        String set = h >= 0 ? origin.setIn() : "";
        return Outcome.of("runs as root (" + (user.isEmpty() ? "no USER" : "USER " + user) + ")",
                List.of(SecurityText.breach("the container runs as root: " + reason + set + "; add a non-root USER, e.g."
                        + " USER 1000:1000, after the steps that need root", null, origin).withSubject("config:User")));
    }

    private static boolean isNumber(String s) {
        return s.chars().allMatch(Character::isDigit);
    }

    private static boolean isZero(String s) {
        return !s.isEmpty() && isNumber(s) && s.chars().allMatch(c -> c == '0');
    }
}
