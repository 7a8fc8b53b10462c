package io.github.imagehygiene.findings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.SecretKeys;
import io.github.imagehygiene.analysis.security.SecretPatterns;
import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.image.ImageConfig;

/**
 * Keeps secret values out of every output (console, failure message, report.json, any report): a value is shown as
 * its first four characters, then {@code ****} ({@link #mask(String)}; values shorter than 8 characters are masked
 * whole).
 *
 * <p>{@link #apply(String)} masks four things in any text: the secret values this image holds in its config
 * (values of secret-looking ENV variables, labels and build arguments, wherever they appear, and the words of a
 * passphrase), every {@code KEY=VALUE} and {@code --KEY VALUE} whose key looks secret, whatever the secret patterns
 * recognise (tokens, keys, passwords in URLs), and a private key's body after its PEM header. Findings of the
 * security rules are masked when made; this is the last line of defence for everything else that quotes the image
 * (history lines in the layer table, other rules' messages) or the user's input (errors:
 * {@link #maskedCopy(Throwable)}).
 */
public final class Masking {
    /** Known values shorter than this are not searched for in text (they would mask ordinary words). */
    static final int SHORTEST_KNOWN = 6;
    /** Masks by pattern and key only. */
    public static final Masking PATTERNS_ONLY = new Masking(List.of(), SecretKeys.defaults());

    private final List<String> known;
    private final SecretKeys keys;

    private Masking(Collection<String> known, SecretKeys keys) {
        Set<String> unique = new LinkedHashSet<>();
        for (String v : known) {
            if (v != null && v.length() >= SHORTEST_KNOWN) {
                unique.add(v);
                // findings carry messages as one line: a value with a line break appears there escaped
                unique.add(OneLine.of(v));
            }
        }
        List<String> values = new ArrayList<>(unique);
        values.sort(Comparator.comparingInt(String::length).reversed()); // a value inside a longer one: longer first
        this.known = List.copyOf(values);
        this.keys = keys;
    }

    /** The masked form of a value: "ghp_****"; "****" for a value shorter than 8 characters. */
    public static String mask(String value) {
        return SecretPatterns.mask(value);
    }

    /** Masks these values wherever they appear, besides patterns and secret-looking keys. */
    public static Masking of(Collection<String> knownValues, SecretKeys keys) {
        return new Masking(knownValues, keys);
    }

    /**
     * Masking for one image: the values of its secret-looking ENV variables, labels and history {@code KEY=VALUE}
     * pairs (build arguments) are masked wherever they appear.
     */
    public static Masking forImage(ImageAnalysis analysis, SecretKeys keys) {
        return forImage(analysis.image(), keys);
    }

    /**
     * As {@link #forImage(ImageAnalysis, SecretKeys)}, from the image's metadata alone: known before any layer is
     * read, so that every line of the check can be masked with it (and with the other images' of the run).
     */
    public static Masking forImage(io.github.imagehygiene.image.Image image, SecretKeys keys) {
        Set<String> values = new LinkedHashSet<>();
        ImageConfig config = image.config();
        for (String env : config.env()) {
            int eq = env.indexOf('=');
            if (eq > 0 && keys.isSecret(env.substring(0, eq))) {
                values.add(env.substring(eq + 1));
                addWords(values, env.substring(eq + 1));
            }
        }
        for (Map.Entry<String, String> label : config.labels().entrySet()) {
            if (keys.isSecret(label.getKey())) {
                values.add(label.getValue());
            }
        }
        for (HistoryEntry h : config.history()) {
            for (SecretKeys.Pair p : SecretKeys.pairs(h.createdBy())) {
                if (keys.isSecret(p.key())) {
                    values.add(p.value());
                    addWords(values, p.value());
                }
            }
        }
        values.removeIf(v -> !SecretKeys.hasValue(v));
        return new Masking(values, keys);
    }

    /**
     * The words of a passphrase (2 to 8 words) from an ENV variable or a build argument: the history's lines are cut
     * short between words in messages and tables ("RUN |2 DB_PASSWORD=correct horse..."), where the whole value no
     * longer appears. A label's longer text (a description under a secret-looking key) is no passphrase.
     */
    private static void addWords(Set<String> values, String value) {
        String[] words = value.strip().split("\\s+");
        if (words.length >= 2 && words.length <= 8) {
            for (String w : words) {
                values.add(w);
            }
        }
    }

    /**
     * Both maskings in one: the known values of both (the images of several platforms, a baseline image), this
     * one's keys.
     */
    public Masking and(Masking other) {
        List<String> values = new ArrayList<>(known);
        values.addAll(other.known);
        return new Masking(values, keys);
    }

    /** The text with every secret in it masked; null stays null. */
    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : known) {
            if (out.contains(v)) {
                out = out.replace(v, mask(v));
            }
        }
        StringBuilder sb = new StringBuilder(out.length());
        int at = 0;
        boolean inKey = false; // the base64 lines after a private key's header line are its body
        while (at <= out.length()) {
            int nl = out.indexOf('\n', at);
            int end = nl < 0 ? out.length() : nl;
            String line = out.substring(at, end);
            inKey = inKey && SecretPatterns.isKeyBodyLine(line);
            if (inKey) {
                sb.append(line.isBlank() || line.indexOf(':') > 0 ? line : SecretPatterns.MASK);
            } else {
                String scrubbed = SecretPatterns.scrub(line);
                sb.append(maskPairs(scrubbed));
                // a header with no body after it on its line: the key's lines follow
                inKey = scrubbed.equals(line) && SecretPatterns.privateKeyHeader(line) != null;
            }
            if (nl < 0) {
                break;
            }
            sb.append('\n');
            at = nl + 1;
        }
        return sb.toString();
    }

    public List<String> apply(List<String> lines) {
        return lines.stream().map(this::apply).toList();
    }

    /** Masks every text value of a JSON tree in place (field names stay); returns the tree. */
    public <T extends JsonNode> T applyTo(T node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            while (fields.hasNext()) {
                names.add(fields.next().getKey());
            }
            for (String name : names) {
                JsonNode child = object.get(name);
                if (child.isTextual()) {
                    object.set(name, TextNode.valueOf(apply(child.textValue())));
                } else {
                    applyTo(child);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    array.set(i, TextNode.valueOf(apply(child.textValue())));
                } else {
                    applyTo(child);
                }
            }
        }
        return node;
    }

    /**
     * A copy of an exception to print with its stack ({@code --verbose}): the same stacks, causes and suppressed
     * exceptions, printed with the original classes' names, every message masked. An error may quote the image (a
     * tag, a config value) or the user's input.
     */
    public Throwable maskedCopy(Throwable t) {
        return copy(t, new java.util.IdentityHashMap<>());
    }

    /**
     * A masked copy of an exception to hand to Maven under the goal's one line: its message is that line, and the
     * exception and each of its causes follow as its suppressed exceptions, each message masked after its class's
     * name. Maven appends to the goal's error line the message of every cause that the line lacks, so a copy
     * with causes would make the one line several; {@code -e} prints the suppressed ones with their stacks.
     */
    public Throwable maskedCopy(Throwable t, String line) {
        MaskedException top = new MaskedException(line, null);
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            MaskedException one = new MaskedException(c.getClass().getName() + (c.getMessage() == null ? ""
                    : ": " + apply(c.getMessage())), null);
            one.setStackTrace(c.getStackTrace());
            for (Throwable s : c.getSuppressed()) {
                one.addSuppressed(maskedCopy(s));
            }
            top.addSuppressed(one);
        }
        top.setStackTrace(t.getStackTrace());
        return top;
    }

    private Throwable copy(Throwable t, Map<Throwable, Throwable> copies) {
        MaskedException c = new MaskedException(apply(t.getMessage()), t.getClass().getName());
        copies.put(t, c);
        c.setStackTrace(t.getStackTrace());
        Throwable cause = t.getCause();
        if (cause != null && !copies.containsKey(cause)) { // a cycle of causes ends where it closes
            c.initCause(copy(cause, copies));
        }
        for (Throwable s : t.getSuppressed()) {
            if (!copies.containsKey(s)) {
                c.addSuppressed(copy(s, copies));
            }
        }
        return c;
    }

    private String maskPairs(String line) {
        if (line.indexOf('=') < 0 && line.indexOf("--") < 0) {
            return line;
        }
        List<SecretKeys.Pair> pairs = SecretKeys.pairs(line);
        List<SecretKeys.Pair> options = SecretKeys.options(line);
        if (!options.isEmpty()) {
            pairs = new ArrayList<>(pairs);
            pairs.addAll(options);
            pairs.sort(Comparator.comparingInt(SecretKeys.Pair::valueStart));
        }
        StringBuilder sb = null;
        int at = 0;
        for (SecretKeys.Pair p : pairs) {
            if (p.valueStart() >= at && keys.isSecret(p.key()) && SecretKeys.hasValue(p.value())
                    && !p.value().endsWith(SecretPatterns.MASK)) {
                sb = sb == null ? new StringBuilder(line.length()) : sb;
                sb.append(line, at, p.valueStart()).append(mask(p.value()));
                at = p.valueEnd();
            }
        }
        return sb == null ? line : sb.append(line, at, line.length()).toString();
    }
}
