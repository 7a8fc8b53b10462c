package io.github.imagehygiene.gate;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.github.imagehygiene.analysis.security.Glob;
import io.github.imagehygiene.common.ConfigurationException;

/**
 * Reads a suppression file, XML or YAML (told by the file name: .xml, else .yaml/.yml; content starting with
 * {@code <} is XML whatever the name). Every entry needs a rule and a reason; path and until are optional:
 *
 * <pre>{@code
 * <suppressions>
 *   <suppression>
 *     <rule>noSecrets</rule>
 *     <path>/app/test-keys/**</path>
 *     <reason>throwaway keys of the integration tests</reason>
 *     <until>2026-12-31</until>
 *   </suppression>
 * </suppressions>
 * }</pre>
 *
 * <pre>{@code
 * suppressions:
 *   - rule: noSecrets
 *     path: /app/test-keys/**
 *     reason: throwaway keys of the integration tests
 *     until: 2026-12-31
 * }</pre>
 *
 * Anything else (an unknown field, a missing reason, a date that is not yyyy-MM-dd) fails with a
 * {@link ConfigurationException} naming the file and the entry.
 */
public final class SuppressionFile {
    /** Looked for in the project directory, in this order, when no file is configured. */
    public static final List<String> DEFAULT_NAMES = List.of("image-hygiene-suppressions.xml",
            "image-hygiene-suppressions.yaml", "image-hygiene-suppressions.yml");
    private static final Set<String> FIELDS = Set.of("rule", "path", "id", "reason", "until");

    private SuppressionFile() {
    }

    /**
     * The default file of a project directory, if there is one.
     *
     * @throws ConfigurationException when more than one default name exists (which one was meant?)
     */
    public static Optional<Path> find(Path projectDirectory) {
        List<Path> found = new ArrayList<>();
        for (String name : DEFAULT_NAMES) {
            Path p = projectDirectory.resolve(name);
            if (Files.isRegularFile(p)) {
                found.add(p);
            }
        }
        if (found.size() > 1) {
            throw new ConfigurationException("Both " + found.get(0).getFileName() + " and " + found.get(1).getFileName()
                    + " are in " + projectDirectory + "; keep one, or name it with <suppressions>");
        }
        return found.stream().findFirst();
    }

    /**
     * Loads a suppression file.
     *
     * @throws ConfigurationException when it is missing, unreadable or invalid
     */
    public static Suppressions load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the suppression file " + file + ": "
                    + io.github.imagehygiene.common.FileProblem.of(e, file));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return parse(file.toString(), text, name.endsWith(".xml") || text.stripLeading().startsWith("<"));
    }

    /** Parses file content; {@code source} names it in messages. */
    public static Suppressions parse(String source, String text, boolean xml) {
        List<Map<String, String>> raw = xml ? readXml(source, text) : readYaml(source, text);
        List<Suppression> entries = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            entries.add(entry(source, i + 1, raw.get(i)));
        }
        return new Suppressions(source, entries);
    }

    private static Suppression entry(String source, int number, Map<String, String> fields) {
        String where = source + ": suppression " + number;
        for (String key : fields.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new ConfigurationException(where + " has an unknown field '" + key + "'; the fields are rule,"
                        + " path, id, reason and until");
            }
        }
        String rule = trimmed(fields.get("rule"));
        String id = trimmed(fields.get("id"));
        if (rule == null && id == null) {
            throw new ConfigurationException(where + " names no rule and no id; add e.g. rule: noSecrets, or"
                    + " id: CVE-2021-44228");
        }
        String what = rule == null ? id : rule;
        String reason = trimmed(fields.get("reason"));
        if (reason == null) {
            throw new ConfigurationException(where + " (" + what + ") gives no reason; say why the finding is"
                    + " accepted, so that the next reader can judge it");
        }
        Glob path = null;
        String p = trimmed(fields.get("path"));
        if (p != null) {
            try {
                path = Glob.of(p);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(where + " (" + what + ") has a bad path: " + e.getMessage());
            }
        }
        LocalDate until = null;
        String u = trimmed(fields.get("until"));
        if (u != null) {
            try {
                until = LocalDate.parse(u);
            } catch (DateTimeParseException e) {
                throw new ConfigurationException(where + " (" + what + ") has until '" + u + "', which is not a date;"
                        + " write yyyy-MM-dd, e.g. 2026-12-31");
            }
        }
        return new Suppression(number, rule, path, id, reason, until);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- XML --------------------------------------------------------------------------------------------------------

    private static List<Map<String, String>> readXml(String source, String text) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance(); // the JDK's, no provider lookup
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // no "[Fatal Error]" on stderr
            doc = b.parse(new InputSource(new StringReader(text)));
        } catch (SAXParseException e) {
            throw new ConfigurationException(source + " is not valid XML: line " + e.getLineNumber() + ": "
                    + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new ConfigurationException(source + " is not valid XML: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("suppressions")) {
            throw new ConfigurationException(source + ": the root element is <" + root.getTagName()
                    + ">; expected <suppressions>");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Element s : children(root)) {
            if (!s.getTagName().equals("suppression")) {
                throw new ConfigurationException(source + ": <" + s.getTagName() + "> in <suppressions>; expected"
                        + " <suppression>");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Element field : children(s)) {
                if (fields.put(field.getTagName(), field.getTextContent()) != null) {
                    throw new ConfigurationException(source + ": suppression " + (out.size() + 1) + " has <"
                            + field.getTagName() + "> twice");
                }
            }
            out.add(fields);
        }
        return out;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- YAML -------------------------------------------------------------------------------------------------------

    private static List<Map<String, String>> readYaml(String source, String text) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JacksonException e) {
            throw new ConfigurationException(source + " is not valid YAML: "
                    + io.github.imagehygiene.common.YamlProblem.of(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.isObject() ? root.get("suppressions") : root;
        if (root.isObject() && root.size() != 1 || list == null || !(list.isArray() || list.isNull())) {
            throw new ConfigurationException(source + ": expected a list under 'suppressions:', each entry with rule,"
                    + " path, reason and until");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw new ConfigurationException(source + ": suppression " + (out.size() + 1) + " is not a mapping"
                        + " of rule, path, reason and until");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = entry.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (!v.isValueNode()) {
                    throw new ConfigurationException(source + ": suppression " + (out.size() + 1) + ": '" + f.getKey()
                            + "' must be a single value");
                }
                fields.put(f.getKey(), v.isNull() ? null : v.asText());
            }
            out.add(fields);
        }
        return out;
    }
}
