package io.github.imagehygiene.analysis.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells keys that name a secret ({@code DB_PASSWORD}, {@code com.example.api-token}) and finds {@code KEY=VALUE}
 * pairs in history lines. A key looks secret when, upper-cased with '.' and '-' read as '_', it contains one of
 * {@link #WORDS}, unless it matches an accepted glob ({@link #DEFAULT_ACCEPTED}, and the user's).
 */
public final class SecretKeys {
    /** Words that make a key look secret. */
    public static final List<String> WORDS = List.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "API_KEY",
            "APIKEY", "ACCESS_KEY", "ACCESSKEY", "PRIVATE_KEY", "PRIVATEKEY", "CREDENTIAL", "AUTH_KEY", "SIGNING_KEY",
            "ENCRYPTION_KEY");
    /**
     * Keys accepted by default: dockle's GPG_KEY(S) (public key fingerprints in official images), and keys naming
     * where a secret is rather than holding it (Docker's {@code *_FILE} convention, {@code *_PATH}, {@code *_DIR}).
     */
    public static final List<String> DEFAULT_ACCEPTED = List.of("GPG_KEY", "GPG_KEYS", "*_FILE", "*_PATH", "*_DIR");

    private static final Pattern PAIR = Pattern.compile(
            // a key starts after a separator (or after "-" / "--" of a flag); possessive, as '=' ends the class
            "(?<![A-Za-z0-9_.-])-{0,2}+([A-Za-z_][A-Za-z0-9_.-]*+)=(\"([^\"]*+)\"|'([^']*+)'|([^\\s\"';&|]++))");

    private final List<Pattern> accepted;
    private final List<String> acceptedText;

    /**
     * A {@code KEY=VALUE} pair found in a text.
     *
     * @param key        the key
     * @param value      the value, quotes removed
     * @param valueStart where the value (inside its quotes) starts in the text
     * @param valueEnd   where it ends
     */
    public record Pair(String key, String value, int valueStart, int valueEnd) {
    }

    /** @param acceptKeys globs of keys that are not secrets ({@code *} any characters), case-insensitive */
    public SecretKeys(List<String> acceptKeys) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String g : acceptKeys) {
            if (g == null || g.isBlank()) {
                throw new IllegalArgumentException("an empty key glob");
            }
            patterns.add(Glob.nameGlob(g));
            texts.add(g.strip());
        }
        this.accepted = List.copyOf(patterns);
        this.acceptedText = List.copyOf(texts);
    }

    /** The default words, with {@link #DEFAULT_ACCEPTED} accepted. */
    public static SecretKeys defaults() {
        return new SecretKeys(DEFAULT_ACCEPTED);
    }

    public List<String> accepted() {
        return acceptedText;
    }

    /** Whether the key names a secret and is not accepted. */
    public boolean isSecret(String key) {
        String k = normalise(key);
        if (k.isEmpty()) {
            return false;
        }
        boolean secret = false;
        for (String w : WORDS) {
            if (k.contains(w)) {
                secret = true;
                break;
            }
        }
        if (!secret) {
            return false;
        }
        for (Pattern p : accepted) {
            if (p.matcher(k).matches() || p.matcher(key.toUpperCase(Locale.ROOT)).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Whether a value is a real value rather than empty or a reference ({@code $VAR}, {@code ${VAR}}). */
    public static boolean hasValue(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        return !v.isEmpty() && !v.startsWith("$");
    }

    /** Every {@code KEY=VALUE} pair of a text (a history line), quotes removed from values. */
    public static List<Pair> pairs(String text) {
        List<Pair> out = new ArrayList<>();
        if (text == null || text.indexOf('=') < 0) {
            return out;
        }
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            int g = m.group(3) != null ? 3 : m.group(4) != null ? 4 : 5;
            out.add(new Pair(m.group(1), m.group(g), m.start(g), m.end(g)));
        }
        return out;
    }

    static String normalise(String key) {
        return key.strip().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
