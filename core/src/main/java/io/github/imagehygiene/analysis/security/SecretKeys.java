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

    /**
     * An option and its value as the next argument: blanks between, or a list's quotes and comma ({@code "--password",
     * "x"}; Docker's history writes a CMD's list without commas: {@code "--password" "x"}).
     */
    private static final Pattern OPTION = Pattern.compile("(?<![A-Za-z0-9_.-])--([A-Za-z][A-Za-z0-9_.-]*+)"
            + "(?:[ \\t]++|[\"'][ \\t]*+,?+[ \\t]*+[\"']|,[ \\t]*+)(?![-$])([^\\s\"',;&|\\]]++)");
    /** The build arguments Docker writes before a RUN's command: "|2 " (BuildKit: "RUN |2 "), then their pairs. */
    private static final Pattern BUILD_ARGS = Pattern.compile("\\s*+(?:RUN\\s++)?+\\|(\\d{1,4}+)\\s");
    /** The shell of a shell-form RUN after its build arguments: " /bin/sh -c ", " /bin/bash -e -c ". */
    private static final Pattern SHELL = Pattern.compile(" /[^\\s=]++(?: -[A-Za-z]+)* -c ");
    /**
     * ENV and LABEL as the classic builder's history holds them: "/bin/sh -c #(nop)  ENV A=x y". BuildKit's "ENV A=x
     * y" reads like a message about one ("ENV A=**** (layer 3): a secret...") and keeps its first word: those values
     * are the config's, masked wherever they appear.
     */
    private static final Pattern ENV_OR_LABEL = Pattern.compile(
            "\\S++(?: -[A-Za-z]+)* -c #\\(nop\\)\\s++(?:ENV|LABEL)\\s++");

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

    /**
     * Every {@code KEY=VALUE} pair of a text (a history line), quotes removed from values. Docker writes the values
     * of build arguments ({@code |2 DB_PASSWORD=correct horse battery MODE=x /bin/sh -c make}) and of ENV and LABEL
     * ({@code /bin/sh -c #(nop)  ENV A=x y B=z}) without their quotes: there an unquoted value runs up to the next
     * {@code KEY=}, and the last build argument up to the shell ({@code /bin/sh -c}), so that a value with spaces is
     * masked whole. The last build argument of an exec-form RUN has no shell after it and keeps its first word (the
     * shell-form RUNs of the same build name it whole, and the masking masks such a known value everywhere).
     */
    public static List<Pair> pairs(String text) {
        List<Pair> out = new ArrayList<>();
        if (text == null || text.indexOf('=') < 0) {
            return out;
        }
        List<Integer> starts = new ArrayList<>();
        List<Boolean> unquoted = new ArrayList<>();
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            int g = m.group(3) != null ? 3 : m.group(4) != null ? 4 : 5;
            out.add(new Pair(m.group(1), m.group(g), m.start(g), m.end(g)));
            starts.add(m.start());
            unquoted.add(g == 5);
        }
        Matcher args = BUILD_ARGS.matcher(text);
        Matcher setting = ENV_OR_LABEL.matcher(text);
        if (args.lookingAt()) {
            Matcher shell = SHELL.matcher(text);
            int end = shell.find(args.end()) ? shell.start() : -1;
            int count = 0;
            int wanted = Integer.parseInt(args.group(1));
            for (int i = 0; i < out.size() && count < wanted; i++) {
                if (starts.get(i) < args.end() || end >= 0 && starts.get(i) >= end) {
                    continue;
                }
                count++;
                int next = count < wanted && i + 1 < out.size() ? starts.get(i + 1) : end;
                next = end >= 0 && (next < 0 || next > end) ? end : next;
                if (unquoted.get(i) && next >= 0) {
                    out.set(i, widened(text, out.get(i), next));
                }
            }
        } else if (setting.lookingAt()) {
            for (int i = 0; i < out.size(); i++) {
                if (unquoted.get(i) && starts.get(i) >= setting.end()) {
                    out.set(i, widened(text, out.get(i), i + 1 < out.size() ? starts.get(i + 1) : text.length()));
                }
            }
        }
        return out;
    }

    /**
     * Every {@code --KEY VALUE} of a command line, the value a separate argument ({@code mysql --password hunter2},
     * {@code ["--password", "hunter2"]} as an exec form or a config's command quotes it): whether KEY names a secret
     * is the caller's to ask. A value starting with '-' is the next option, not a value.
     */
    public static List<Pair> options(String text) {
        List<Pair> out = new ArrayList<>();
        if (text == null || text.indexOf("--") < 0) {
            return out;
        }
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            out.add(new Pair(m.group(1), m.group(2), m.start(2), m.end(2)));
        }
        return out;
    }

    /** The pair with its value running up to {@code end}, trailing blanks left out. */
    private static Pair widened(String text, Pair p, int end) {
        int e = end;
        while (e > p.valueEnd() && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e <= p.valueEnd() ? p : new Pair(p.key(), text.substring(p.valueStart(), e), p.valueStart(), e);
    }

    static String normalise(String key) {
        return key.strip().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
