package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.FileContents;
import io.github.imagehygiene.analysis.security.Glob;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.EntryType;
import io.github.imagehygiene.layer.FileEntry;
import io.github.imagehygiene.layer.LayeredFilesystem;
import io.github.imagehygiene.layer.LayeredFilesystem.Node;

/**
 * {@code fileAssertions}: paths of the final filesystem exist or not, with the type, mode and owner the pom expects,
 * and their content matches (or does not match) a regex, as container-structure-test's file existence and content
 * tests, with no container. Content is read during the layer pass, for the asserted paths only, up to
 * {@link #MAX_CONTENT} bytes; a message never quotes content, only line numbers.
 */
public final class FileAssertionsRule extends Rule {
    public static final String ID = "fileAssertions";
    /** Asserted files are read up to this size. */
    public static final long MAX_CONTENT = 4L * 1024 * 1024;
    private final SecuritySettings settings;
    private final FileContents contents;

    public FileAssertionsRule(SecuritySettings settings) {
        super(ID, Level.ERROR);
        this.settings = settings;
        Set<String> paths = new LinkedHashSet<>();
        for (FileAssertion a : settings.fileAssertions()) {
            if (a.checksContent()) {
                paths.add(a.path());
            }
        }
        this.contents = paths.isEmpty() ? null : new FileContents(paths, MAX_CONTENT);
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return contents == null ? List.of() : List.of(contents);
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        List<FileAssertion> assertions = settings.fileAssertions();
        if (assertions.isEmpty()) {
            return Outcome.notSet("no file assertion set");
        }
        Origins origins = Origins.of(analysis);
        LayeredFilesystem fs = analysis.filesystem();
        List<Breach> breaches = new ArrayList<>();
        int failed = 0;
        for (FileAssertion a : assertions) {
            int before = breaches.size();
            if (!a.exists()) {
                mustNotExist(a, fs, origins, breaches);
            } else {
                Optional<Node> node = fs.get(a.path());
                if (node.isEmpty()) {
                    breaches.add(SecurityText.breach(a.path() + " does not exist, and must", a.path(), null));
                } else {
                    int from = breaches.size();
                    check(a, node.get(), fs, origins, breaches);
                    for (int i = from; i < breaches.size(); i++) {
                        breaches.set(i, breaches.get(i).inLayer(node.get().layer(), breaches.get(i).origin()));
                    }
                }
            }
            failed += breaches.size() > before ? 1 : 0;
        }
        return Outcome.of("file assertions: " + (assertions.size() - failed) + " of " + assertions.size()
                + " hold", breaches);
    }

    private static void mustNotExist(FileAssertion a, LayeredFilesystem fs, Origins origins, List<Breach> breaches) {
        if (!a.isGlob()) {
            Optional<Node> node = fs.get(a.path());
            node.ifPresent(n -> breaches.add(exists(a.path(), a.path(), n, origins)));
            return;
        }
        Glob glob = Glob.of(a.path());
        for (Node n : fs.nodes()) {
            if (glob.matches(n.entry().path())) {
                breaches.add(exists(a.path(), n.entry().path(), n, origins));
                return; // the first one is enough to act on; the rest follow the same fix
            }
        }
    }

    private static Breach exists(String asserted, String path, Node n, Origins origins) {
        Origin origin = origins.ofLayer(n.layer());
        String which = asserted.equals(path) ? path : path + " (matching " + asserted + ")";
        return SecurityText.at(path, n.layer(), origin, which + " exists, and must not: " + type(n.entry().type())
                + " added in layer " + n.layer() + origin.inParens());
    }

    private void check(FileAssertion a, Node node, LayeredFilesystem fs, Origins origins, List<Breach> breaches) {
        FileEntry e = node.entry();
        Origin origin = origins.ofLayer(node.layer());
        String where = " (layer " + node.layer() + (origin.where().isEmpty() ? "" : ", " + origin.where()) + ")";
        if (a.type() != null && !a.type().equals(typeId(e.type()))) {
            breaches.add(at(a, node, origin, "type", a.path() + " is a " + type(e.type()) + ", expected a " + a.type()
                    + where));
        }
        if (a.mode() != null && (e.mode() & 07777) != a.mode()) {
            breaches.add(at(a, node, origin, "mode", a.path() + " has mode " + SecurityText.octal(e.mode())
                    + ", expected " + SecurityText.octal(a.mode()) + where));
        }
        if (a.uid() != null && e.uid() != a.uid()) {
            breaches.add(at(a, node, origin, "uid", a.path() + " is owned by uid " + e.uid() + ", expected " + a.uid()
                    + where));
        }
        if (a.gid() != null && e.gid() != a.gid()) {
            breaches.add(at(a, node, origin, "gid", a.path() + " has gid " + e.gid() + ", expected " + a.gid() + where));
        }
        if (!a.checksContent()) {
            return;
        }
        if (e.type() != EntryType.FILE) {
            breaches.add(at(a, node, origin, "content", a.path() + " is a " + type(e.type())
                    + ", whose content cannot be checked"
                    + (e.type() == EntryType.SYMLINK ? "; assert its target " + e.linkTarget() + " instead" : "")
                    + where));
            return;
        }
        if (e.size() > MAX_CONTENT) {
            breaches.add(at(a, node, origin, "content", a.path() + " is " + e.size() + " bytes, over the " + MAX_CONTENT
                    + " bytes whose content can be checked" + where));
            return;
        }
        String text = contents == null ? null : fs.collected(contents, a.path()).orElse(null);
        if (text == null) {
            breaches.add(at(a, node, origin, "content", a.path() + ": its content was not read" + where));
            return;
        }
        if (a.matches() != null && !a.matches().matcher(text).find()) {
            breaches.add(at(a, node, origin, "matches", a.path() + ": no line matches /" + a.matches().pattern() + "/"
                    + where));
        }
        if (a.notMatches() != null) {
            Matcher m = a.notMatches().matcher(text);
            if (m.find()) {
                int line = 1;
                for (int i = 0; i < m.start(); i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                }
                breaches.add(at(a, node, origin, "notMatches", a.path() + " line " + line + " matches /"
                        + a.notMatches().pattern() + "/, and must not" + where));
            }
        }
    }

    /**
     * A breach of one asserted property of a path, in the layer that added it: its subject is the path and the
     * property ({@code /app/app.jar:mode}), so that each keeps its fingerprint whichever others hold.
     */
    private static Breach at(FileAssertion a, Node node, Origin origin, String property, String message) {
        return SecurityText.at(a.path(), node.layer(), origin, message).withSubject(a.path() + ":" + property);
    }

    private static String typeId(EntryType t) {
        return t == EntryType.FILE ? "file" : t == EntryType.DIRECTORY ? "directory"
                : t == EntryType.SYMLINK ? "symlink" : t.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String type(EntryType t) {
        return t == EntryType.FILE ? "file" : t == EntryType.DIRECTORY ? "directory"
                : t == EntryType.SYMLINK ? "symlink" : t == EntryType.HARDLINK ? "hard link"
                : t.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
