package io.github.imagehygiene.analysis.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a secret looks like in text, and how it is shown: every value the plugin reports is masked, its first four
 * characters then {@code ****} ({@link #mask(String)}). One line is matched at a time; a PEM private key spans lines
 * and is found by its header ({@link #privateKeyHeader(String)}), its first body line being the value.
 *
 * <p>Each pattern has a cheap literal hint tested first, so that the many lines holding no secret cost one
 * {@code indexOf} per pattern.
 */
public final class SecretPatterns {
    /** What replaces the hidden part of a value. */
    public static final String MASK = "****";
    /** Values shorter than this are masked whole: four characters of a short password are most of it. */
    static final int SHORTEST_PARTLY_SHOWN = 8;

    /** The kinds of secret found by content. */
    public enum Kind {
        PRIVATE_KEY("private key"),
        AWS_ACCESS_KEY_ID("AWS access key id"),
        AWS_SECRET_ACCESS_KEY("AWS secret access key"),
        GITHUB_TOKEN("GitHub token"),
        GITLAB_TOKEN("GitLab token"),
        SLACK_TOKEN("Slack token"),
        SLACK_WEBHOOK("Slack webhook URL"),
        NPM_TOKEN("npm token"),
        JWT("JWT"),
        URL_PASSWORD("password in a URL");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** As messages name it: "AWS access key id". */
        public String label() {
            return label;
        }
    }

    /** One secret in a line: where its value starts and ends, and the value's masked form. */
    public record Match(Kind kind, int start, int end, String masked) {
    }

    /**
     * A pattern, tried only on lines holding one of its hints and, when {@code alsoNeeds} is not null, that string
     * too: literals that every match contains.
     */
    private record Rule(Kind kind, List<String> hints, String alsoNeeds, Pattern pattern, int group,
            boolean configOnly, boolean hintsIgnoreCase) {
        Rule(Kind kind, List<String> hints, Pattern pattern, int group, boolean configOnly) {
            this(kind, hints, null, pattern, group, configOnly, false);
        }

        boolean hinted(String line) {
            if (alsoNeeds != null && line.indexOf(alsoNeeds) < 0) {
                return false;
            }
            for (String h : hints) {
                if (indexOf(line, h, 0, hintsIgnoreCase) >= 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int indexOf(String text, String hint, int from, boolean ignoringCase) {
        return ignoringCase ? indexOfIgnoreCase(text, hint, from) : text.indexOf(hint, from);
    }

    /**
     * Where {@code lowerHint} (in lower case) starts in {@code text} from {@code from}, ignoring case, or -1. Looks
     * for its first letter in either case with {@code indexOf}, which is vectorised, rather than lowering a copy of
     * the whole text (that copy, char by char, was a sixth of the scanner's time).
     */
    static int indexOfIgnoreCase(String text, String lowerHint, int from) {
        char first = lowerHint.charAt(0);
        char upper = Character.toUpperCase(first);
        int lower = text.indexOf(first, from);
        int up = upper == first ? -1 : text.indexOf(upper, from);
        while (lower >= 0 || up >= 0) {
            int at;
            if (up < 0 || lower >= 0 && lower < up) {
                at = lower;
                lower = text.indexOf(first, at + 1);
            } else {
                at = up;
                up = text.indexOf(upper, at + 1);
            }
            if (text.regionMatches(true, at, lowerHint, 0, lowerHint.length())) {
                return at;
            }
        }
        return -1;
    }

    /**
     * A lookbehind: not right after one of these characters (a token inside a longer word is none), unless that
     * character ends an escape, which the output writes before a token: a finding's one-line {@code \\t} or
     * {@code \\u001b} ({@code OneLine}), a package URL's {@code %2B}.
     */
    private static String notAfter(String characters) {
        return "(?:(?<![" + characters + "])|(?<=\\\\[tnr])|(?<=\\\\u[0-9a-f]{4})|(?<=%[0-9A-Fa-f]{2}))";
    }

    private static final Pattern PEM_HEADER = Pattern.compile(
            "-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----");

    private static final List<Rule> RULES = List.of(
            new Rule(Kind.AWS_ACCESS_KEY_ID, List.of("AKIA", "ASIA"),
                    Pattern.compile(notAfter("A-Z0-9") + "((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])"), 1, false),
            // the pattern ignores case, and so must its hint: aws_sEcret_access_key is one too
            new Rule(Kind.AWS_SECRET_ACCESS_KEY, List.of("secret"), null, Pattern.compile(
                    // after '=' or ':', or a blank: "aws configure set aws_secret_access_key VALUE"
                    "(?i)aws_?secret_?access_?key[\"']?(?:\\s*+[:=]\\s*+|\\s++)[\"']?([A-Za-z0-9/+]{40})"
                            + "(?![A-Za-z0-9/+=])"), 1,
                    false, true),
            new Rule(Kind.GITHUB_TOKEN, List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"), Pattern.compile(
                    notAfter("A-Za-z0-9_") + "((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})"
                            + "(?![A-Za-z0-9_])"), 1, false),
            new Rule(Kind.GITLAB_TOKEN, List.of("glpat-"),
                    Pattern.compile(notAfter("A-Za-z0-9_-") + "(glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"), 1,
                    false),
            new Rule(Kind.SLACK_WEBHOOK, List.of("hooks.slack.com"), Pattern.compile(
                    "https://hooks\\.slack\\.com/services/(T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,})"), 1, false),
            new Rule(Kind.SLACK_TOKEN, List.of("xox"),
                    Pattern.compile(notAfter("A-Za-z0-9-") + "(xox[abposr]-[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])"), 1,
                    false),
            new Rule(Kind.NPM_TOKEN, List.of("npm_"),
                    Pattern.compile(notAfter("A-Za-z0-9_") + "(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])"), 1, false),
            new Rule(Kind.NPM_TOKEN, List.of("_auth", "_password"), Pattern.compile(
                    "(?:^|[\\s:])_(?:authToken|auth|password)\\s*=\\s*[\"']?([^\\s\"'$][^\\s\"']{7,})"), 1, false),
            new Rule(Kind.JWT, List.of("eyJ"), Pattern.compile(
                    notAfter("A-Za-z0-9_-") + "(eyJ[A-Za-z0-9_-]{8,}+\\.eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+)"
                            + "(?![A-Za-z0-9_-])"), 1, true),
            // "://" is rarer than "@" in code (annotations, decorators, Perl's arrays): the lines are found by it
            new Rule(Kind.URL_PASSWORD, List.of("://"), "@", Pattern.compile(
                    // possessive: each class excludes the delimiter after it, so giving back never helps
                    "\\b[a-zA-Z][a-zA-Z0-9+.-]{0,30}+://[^\\s:/?#@'\"<>]{1,128}+:([^\\s/?#@'\"<>]{1,256}+)"
                            + "@[^\\s/?#'\"<>@]++"),
                    1, false, false));

    /** Every string a line must hold for some pattern (or a private key header) to match it. */
    private static final String[] HINTS = hints(true, false);
    private static final String[] HINTS_OUTSIDE_CONFIG = hints(false, false);
    /** Hints of patterns that ignore case, in lower case. */
    private static final String[] HINTS_IGNORING_CASE = hints(true, true);

    private static String[] hints(boolean configFile, boolean ignoringCase) {
        List<String> all = new ArrayList<>();
        if (!ignoringCase) {
            all.add("PRIVATE KEY");
        }
        for (Rule r : RULES) {
            if ((configFile || !r.configOnly) && r.hintsIgnoreCase == ignoringCase) {
                for (String h : r.hints) {
                    if (!all.contains(h)) {
                        all.add(h);
                    }
                }
            }
        }
        return all.toArray(String[]::new);
    }

    /**
     * The sorted positions in {@code text} of every hint: a line holding none of them can hold no secret
     * ({@link #find} and {@link #privateKeyHeader} find nothing there), so a scanner may skip it without looking.
     */
    public static int[] hintPositions(String text, boolean configFile) {
        int[] positions = new int[16];
        int count = 0;
        for (String[] hints : List.of(configFile ? HINTS : HINTS_OUTSIDE_CONFIG, HINTS_IGNORING_CASE)) {
            boolean ignoringCase = hints == HINTS_IGNORING_CASE;
            for (String h : hints) {
                for (int p = indexOf(text, h, 0, ignoringCase); p >= 0; p = indexOf(text, h, p + 1, ignoringCase)) {
                    if (count == positions.length) {
                        positions = java.util.Arrays.copyOf(positions, count * 2);
                    }
                    positions[count++] = p;
                }
            }
        }
        int[] sorted = java.util.Arrays.copyOf(positions, count);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** Words that stand for a password in examples and templates, not a password. */
    private static final Set<String> PLACEHOLDERS = Set.of("password", "passwd", "pass", "pwd", "secret", "changeme",
            "change-me", "change_me", "your-password", "your_password", "yourpassword", "mypassword", "example",
            "token", "xxx", "****", "redacted", "hidden", "none", "null", "placeholder");

    private SecretPatterns() {
    }

    /**
     * The masked form of a secret value: its first four characters, then {@code ****}; a value shorter than 8
     * characters is masked whole ({@code ****}), an empty or null value too.
     */
    public static String mask(String value) {
        if (value == null || value.length() < SHORTEST_PARTLY_SHOWN) {
            return MASK;
        }
        return value.substring(0, 4) + MASK;
    }

    /** The PEM armour of a private key in this line ("OPENSSH PRIVATE KEY"), or null. */
    public static String privateKeyHeader(String line) {
        if (line.indexOf("PRIVATE KEY") < 0) {
            return null;
        }
        Matcher m = PEM_HEADER.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The base64 body after a private key's PEM header in one line: runs of 16 or more base64 characters (a key's
     * lines are 64) joined by blanks or escaped line breaks ({@code \\n}); the text after it (a quote,
     * {@code -----END}, the next field, a short word: "found -----BEGIN RSA PRIVATE KEY----- in key.pem") is not the
     * key's.
     */
    private static final Pattern KEY_BODY = Pattern.compile(
            "[A-Za-z0-9+/=]{16,}+(?:(?:[ \\t]|\\\\[nr])++[A-Za-z0-9+/=]{16,}+)*+");

    /**
     * Whether a line belongs to a private key's body after its header's line: 16 or more base64 characters, or an
     * encrypted key's {@code Proc-Type:} / {@code DEK-Info:} header or the blank line after them.
     */
    public static boolean isKeyBodyLine(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("Proc-Type:") || t.startsWith("DEK-Info:")) {
            return true;
        }
        return t.length() >= 16 && t.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=');
    }

    /** The base64 body after a private key's PEM header in this line, or null when it has none there. */
    private static Match privateKeyBody(String line) {
        if (line.indexOf("PRIVATE KEY") < 0) {
            return null;
        }
        Matcher m = PEM_HEADER.matcher(line);
        if (!m.find()) {
            return null;
        }
        int start = m.end();
        while (start < line.length()) {
            if (line.charAt(start) == ' ' || line.charAt(start) == '\t') {
                start++;
            } else if (line.startsWith("\\n", start) || line.startsWith("\\r", start)) {
                start += 2;
            } else {
                break;
            }
        }
        Matcher body = KEY_BODY.matcher(line).region(start, line.length());
        return body.lookingAt() ? new Match(Kind.PRIVATE_KEY, start, body.end(), mask(body.group())) : null;
    }

    /**
     * The secrets of one line, left to right, overlapping ones dropped (the first pattern wins).
     *
     * @param configFile whether the line is from a configuration file, where JWT-looking strings count
     */
    public static List<Match> find(String line, boolean configFile) {
        List<Match> found = null;
        for (Rule r : RULES) {
            if (r.configOnly && !configFile) {
                continue;
            }
            if (!r.hinted(line)) {
                continue;
            }
            Matcher m = r.pattern.matcher(line);
            while (m.find()) {
                String value = m.group(r.group);
                if (r.kind == Kind.URL_PASSWORD && isPlaceholder(value)) {
                    continue;
                }
                if (found == null) {
                    found = new ArrayList<>();
                }
                found.add(new Match(r.kind, m.start(r.group), m.end(r.group), mask(value)));
            }
        }
        if (found == null) {
            return List.of();
        }
        if (found.size() == 1) {
            return found;
        }
        found.sort(Comparator.comparingInt(Match::start));
        List<Match> kept = new ArrayList<>();
        int end = -1;
        for (Match m : found) {
            if (m.start() >= end) {
                kept.add(m);
                end = m.end();
            }
        }
        return kept;
    }

    /**
     * The line with every secret value {@link #find found} in it masked, and the body of a private key after its
     * PEM header: a history line or a value that quotes a key whole.
     */
    public static String scrub(String line) {
        List<Match> matches = find(line, true);
        Match key = privateKeyBody(line);
        if (key != null) {
            List<Match> all = new ArrayList<>();
            all.add(key);
            for (Match m : matches) {
                if (m.end() <= key.start() || m.start() >= key.end()) {
                    all.add(m);
                }
            }
            all.sort(Comparator.comparingInt(Match::start));
            matches = all;
        }
        if (matches.isEmpty()) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length());
        int at = 0;
        for (Match m : matches) {
            sb.append(line, at, m.start()).append(m.masked());
            at = m.end();
        }
        return sb.append(line, at, line.length()).toString();
    }

    /** Whether a value is a template: {@code ${PASSWORD}}, {@code $PASS}, {@code %s}, {@code <pw>}, "password". */
    public static boolean isPlaceholder(String value) {
        if (value.isEmpty()) {
            return true;
        }
        char c = value.charAt(0);
        if (c == '$' || c == '%' || c == '{' || c == '<' || c == '*') {
            return true;
        }
        if (value.chars().distinct().count() == 1) {
            return true; // "xxxxxx", "......"
        }
        return PLACEHOLDERS.contains(value.toLowerCase(Locale.ROOT));
    }
}
