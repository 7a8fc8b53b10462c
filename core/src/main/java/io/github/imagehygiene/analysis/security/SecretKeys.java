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
            "(?<![A-Za-z0-9_.-])-{0,2}+([A-Za-z_][A-Za-z0-9_.-]*+)=(\"([^\"]*+)\"|'([^']*+)'|([^\\s\"';&|]*+))");

    /**
     * An option and its value as the next argument: blanks between, or a list's quotes and comma ({@code "--password",
     * "x"}; Docker's history writes a CMD's list without commas: {@code "--password" "x"}).
     */
    private static final Pattern OPTION = Pattern.compile("(?<![A-Za-z0-9_.-])--([A-Za-z][A-Za-z0-9_.-]*+)"
            + "(?:[ \\t]++[\"']?+|[\"'][ \\t]*+,?+[ \\t]*+[\"']|,[ \\t]*+)(?![-$<>|])([^\\s\"',;&|\\]]++)");
    /** The build arguments Docker writes before a RUN's command: "|2 " (BuildKit: "RUN |2 "), then their pairs. */
    private static final Pattern BUILD_ARGS = Pattern.compile("\\s*+(?:RUN\\s++)?+\\|(\\d{1,4}+)\\s");
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
        int settings = settingsStart(text);
        if (args.lookingAt()) {
            int end = shellStart(text, args.end());
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
        } else if (settings >= 0) {
            for (int i = 0; i < out.size(); i++) {
                if (unquoted.get(i) && starts.get(i) >= settings) {
                    out.set(i, widened(text, out.get(i), i + 1 < out.size() ? starts.get(i + 1) : text.length()));
                }
            }
        }
        return out;
    }

    /**
     * Every {@code --KEY VALUE} of a command line, the value a separate argument ({@code mysql --password hunter2},
     * {@code ["--password", "hunter2"]} as an exec form or a config's command quotes it): whether KEY names a secret
     * is the caller's to ask. Only options whose name ends in a secret word count; a value starting with '-' is the
     * next option, and one starting with '<', '>' or '|' a redirection, not a value.
     */
    public static List<Pair> options(String text) {
        List<Pair> out = new ArrayList<>();
        if (text == null || text.indexOf("--") < 0) {
            return out;
        }
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            String name = normalise(m.group(1));
            // an option named for what it holds (--password, --api-token), not --max-tokens or --password-stdin;
            // a value of KEY=VALUE parts is a spec (--secret id=npmrc,src=.npmrc)
            if (WORDS.stream().anyMatch(name::endsWith) && m.group(2).indexOf('=') < 0) {
                out.add(new Pair(m.group(1), m.group(2), m.start(2), m.end(2)));
            }
        }
        return out;
    }

    /**
     * Where the command of a RUN starts after its build arguments ({@code |2 A=x y B=z /bin/sh -c make}): at its
     * shell, else (an exec form) after the last argument's first word; -1 when the text has no build arguments.
     */
    public static int commandStart(String text) {
        Matcher args = BUILD_ARGS.matcher(text);
        if (!args.lookingAt()) {
            return -1;
        }
        int shell = shellStart(text, args.end());
        if (shell >= 0) {
            return shell + 1;
        }
        List<Pair> pairs = pairs(text);
        int wanted = Integer.parseInt(args.group(1));
        int end = args.end();
        for (int i = 0; i < Math.min(wanted, pairs.size()); i++) {
            end = pairs.get(i).valueEnd();
        }
        while (end < text.length() && (text.charAt(end) == '"' || text.charAt(end) == '\'')) {
            end++;
        }
        return Math.min(end, text.length());
    }

    /**
     * Where a shell-form RUN's shell starts (the blank before it) after {@code from}: an absolute path, its options
     * (an option's argument too: {@code -o pipefail}), then {@code -c}; or Windows' {@code cmd /S /C}. Its first one,
     * and only where no other path comes before it after the arguments' start (a value does not hold one, the
     * command may); -1 when there is none (an exec form). Read token by token, not by a pattern: a pattern that
     * repeats a group recursed once per option and overflowed the stack on a crafted line.
     */
    static int shellStart(String text, int from) {
        int at = from;
        while (at < text.length()) {
            int blank = text.indexOf(' ', at);
            if (blank < 0) {
                return -1;
            }
            int start = blank + 1;
            if (start < text.length() && (text.charAt(start) == '/' || text.startsWith("cmd ", start))) {
                if (isShell(text, start)) {
                    return blank;
                }
                if (text.charAt(start) == '/') {
                    return -1; // a path that is no shell: the command has begun
                }
            }
            at = start;
        }
        return -1;
    }

    /** Whether a shell and its {@code -c} start here: at most eight tokens read. */
    private static boolean isShell(String text, int start) {
        int at = start;
        for (int token = 0; token < 8 && at < text.length(); token++) {
            int end = text.indexOf(' ', at);
            if (end < 0) {
                return false;
            }
            String word = text.substring(at, end);
            if (token > 0 && (word.equals("-c") || word.equalsIgnoreCase("/C"))) {
                return true;
            }
            if (token > 0 && !word.startsWith("-") && !word.startsWith("/")
                    && !text.startsWith("-o ", at - 3)) {
                return false; // a word that is neither an option nor an option's argument
            }
            if (token == 0 && word.indexOf('=') >= 0) {
                return false;
            }
            at = end + 1;
        }
        return false;
    }

    /**
     * Where the pairs of an ENV or LABEL start in the classic builder's history line ({@code /bin/sh -c #(nop)  ENV
     * A=x y}), or -1. BuildKit's "ENV A=x y" reads like a message about one ("ENV A=**** (layer 3): a secret...")
     * and keeps its first word: those values are the config's, masked wherever they appear whole.
     */
    private static int settingsStart(String text) {
        int nop = text.indexOf("#(nop) ");
        if (nop < 0 || text.lastIndexOf('=', nop) >= 0) {
            return -1;
        }
        int at = nop + 7;
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return text.startsWith("ENV ", at) ? at + 4 : text.startsWith("LABEL ", at) ? at + 6 : -1;
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
