package io.github.imagehygiene.analysis.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * Reads the base of a Dockerfile's final stage: parser directives ({@code # escape=}), line continuations and
 * comments as BuildKit and the legacy builder read them; {@code ARG}s declared before the first {@code FROM} (the
 * only ones a {@code FROM} may use) with their defaults, substituted as {@code $NAME}, {@code ${NAME}},
 * {@code ${NAME:-default}} and {@code ${NAME:+alternative}}; {@code --platform}; stage aliases followed from the
 * final stage back to an external image or {@code scratch}.
 */
public final class Dockerfiles {
    /** Instructions that always add a layer (the legacy builder and BuildKit alike). */
    private static final List<String> LAYER_INSTRUCTIONS = List.of("RUN", "COPY", "ADD");

    private Dockerfiles() {
    }

    /** One instruction: its keyword (upper case), arguments and 1-based line. */
    public record Instruction(String keyword, String arguments, int line) {
    }

    /**
     * One build stage.
     *
     * @param index        0-based
     * @param name         the {@code AS} alias, lower case, or null
     * @param from         the base as written after FROM's flags
     * @param resolved     the base with the ARGs substituted
     * @param platform     the {@code --platform} value (substituted), or null
     * @param line         the FROM's line
     * @param instructions the stage's instructions after its FROM
     */
    public record Stage(int index, String name, String from, String resolved, String platform, int line,
            List<Instruction> instructions) {
    }

    /**
     * The base of the final stage.
     *
     * @param file         the Dockerfile
     * @param reference    the external base, ARGs substituted ({@code scratch} for none)
     * @param written      the FROM line that names it, as written
     * @param line         that FROM's line
     * @param platform     its {@code --platform}, or null
     * @param chain        the stages from the final one back to the one built on {@code reference}, by name or
     *                     {@code #index}
     * @param instructions the instructions of those stages in build order: what the image's own layers come from
     * @param unresolved   ARG names used in that FROM without a value (Docker substitutes an empty string)
     */
    public record Base(Path file, String reference, String written, int line, String platform, List<String> chain,
            List<Instruction> instructions, List<String> unresolved) {

        /** The instructions that add a layer, in build order. */
        public List<Instruction> layerInstructions() {
            return instructions.stream().filter(i -> LAYER_INSTRUCTIONS.contains(i.keyword())).toList();
        }
    }

    /** Reads a Dockerfile; fails with a {@link ConfigurationException} naming it when it cannot be read. */
    public static Base finalBase(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the Dockerfile " + file + " (dockerfile): "
                    + io.github.imagehygiene.common.FileProblem.of(e, file));
        }
        Base base = finalBase(file, text);
        if (base == null) {
            throw new ConfigurationException("The Dockerfile " + file + " (dockerfile) has no FROM instruction");
        }
        return base;
    }

    /** Parses Dockerfile text; null when it has no FROM. */
    public static Base finalBase(Path file, String text) {
        List<Instruction> instructions = instructions(text);
        Map<String, String> args = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<String> unresolvedAll = new ArrayList<>();
        List<List<String>> unresolvedByStage = new ArrayList<>();
        List<Instruction> current = null;
        for (Instruction in : instructions) {
            if (in.keyword().equals("FROM")) {
                List<String> unresolved = new ArrayList<>();
                List<String> words = words(in.arguments());
                String platform = null;
                int i = 0;
                while (i < words.size() && words.get(i).startsWith("--")) {
                    String flag = words.get(i);
                    if (flag.toLowerCase(Locale.ROOT).startsWith("--platform=")) {
                        platform = substitute(flag.substring("--platform=".length()), args, unresolved);
                    }
                    i++;
                }
                String from = i < words.size() ? words.get(i) : "";
                String name = null;
                if (i + 2 < words.size() && words.get(i + 1).equalsIgnoreCase("AS")) {
                    name = words.get(i + 2).toLowerCase(Locale.ROOT);
                }
                String resolved = substitute(from, args, unresolved);
                current = new ArrayList<>();
                stages.add(new Stage(stages.size(), name, from, resolved, platform, in.line(), current));
                unresolvedByStage.add(unresolved);
                unresolvedAll.addAll(unresolved);
            } else if (current == null) {
                if (in.keyword().equals("ARG")) {
                    declareArgs(in.arguments(), args);
                }
            } else {
                current.add(in);
            }
        }
        if (stages.isEmpty()) {
            return null;
        }
        List<String> chain = new ArrayList<>();
        List<List<Instruction>> own = new ArrayList<>();
        Stage stage = stages.get(stages.size() - 1);
        while (true) {
            chain.add(stage.name() != null ? stage.name() : "#" + stage.index());
            own.add(stage.instructions());
            Stage parent = null;
            String base = stage.resolved().toLowerCase(Locale.ROOT);
            for (Stage s : stages.subList(0, stage.index())) {
                if (base.equals(s.name())) {
                    parent = s;
                }
            }
            if (parent == null) {
                break;
            }
            stage = parent;
        }
        Collections.reverse(own);
        List<Instruction> ownInstructions = new ArrayList<>();
        own.forEach(ownInstructions::addAll);
        Instruction from = null;
        for (Instruction in : instructions) {
            if (in.line() == stage.line() && in.keyword().equals("FROM")) {
                from = in;
            }
        }
        return new Base(file, stage.resolved(), "FROM " + (from == null ? stage.from() : from.arguments()),
                stage.line(), stage.platform(), List.copyOf(chain), List.copyOf(ownInstructions),
                List.copyOf(unresolvedByStage.get(stage.index())));
    }

    /** {@code ARG A=1 B} (several per line since Docker 20.10): defaults, quotes removed; later ones win. */
    private static void declareArgs(String arguments, Map<String, String> args) {
        for (String word : words(arguments)) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? null : unquote(word.substring(eq + 1));
            args.put(name, value);
        }
    }

    /** Substitutes $NAME, ${NAME}, ${NAME:-word} and ${NAME:+word}; an unknown or valueless ARG is empty. */
    static String substitute(String s, Map<String, String> args, List<String> unresolved) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i + 2);
                if (end < 0) {
                    out.append(s.substring(i));
                    break;
                }
                String expr = s.substring(i + 2, end);
                int op = expr.indexOf(':');
                String name = op < 0 ? expr : expr.substring(0, op);
                String value = args.get(name);
                boolean set = value != null && !value.isEmpty();
                if (op >= 0 && expr.startsWith(":-", op)) {
                    out.append(set ? value : substitute(expr.substring(op + 2), args, unresolved));
                } else if (op >= 0 && expr.startsWith(":+", op)) {
                    out.append(set ? substitute(expr.substring(op + 2), args, unresolved) : "");
                } else {
                    if (!set) {
                        unresolved.add(name);
                    }
                    out.append(set ? value : "");
                }
                i = end + 1;
                continue;
            }
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j == i + 1) {
                out.append(c);
                i++;
                continue;
            }
            String name = s.substring(i + 1, j);
            String value = args.get(name);
            if (value == null || value.isEmpty()) {
                unresolved.add(name);
            }
            out.append(value == null ? "" : value);
            i = j;
        }
        return out.toString();
    }

    /** The instructions, continuation lines joined, comments and blank lines dropped; keywords upper case. */
    static List<Instruction> instructions(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        char escape = '\\';
        boolean directives = true;
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = null;
        int startLine = 0;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.strip();
            if (directives) {
                String d = trimmed.toLowerCase(Locale.ROOT).replace(" ", "");
                if (d.startsWith("#escape=") && d.length() > "#escape=".length()) {
                    escape = d.charAt("#escape=".length());
                    continue;
                }
                if (!(d.startsWith("#") && d.contains("="))) {
                    directives = false;
                }
            }
            if (trimmed.startsWith("#")) {
                continue; // comments, also between continuation lines
            }
            if (pending == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                pending = new StringBuilder();
                startLine = n + 1;
            }
            String body = stripTrailing(line);
            if (!body.isEmpty() && body.charAt(body.length() - 1) == escape) {
                pending.append(body, 0, body.length() - 1).append(' ');
                continue;
            }
            pending.append(body);
            add(out, pending.toString(), startLine);
            pending = null;
        }
        if (pending != null) {
            add(out, pending.toString(), startLine);
        }
        return out;
    }

    private static String stripTrailing(String s) {
        return s.replaceAll("\\s+$", "");
    }

    private static void add(List<Instruction> out, String text, int line) {
        String s = text.strip();
        if (s.isEmpty()) {
            return;
        }
        int space = 0;
        while (space < s.length() && !Character.isWhitespace(s.charAt(space))) {
            space++;
        }
        out.add(new Instruction(s.substring(0, space).toUpperCase(Locale.ROOT), s.substring(space).strip(), line));
    }

    /** Splits on whitespace, keeping quoted parts together (quotes kept; {@link #unquote} removes them). */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                w.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                w.append(c);
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
