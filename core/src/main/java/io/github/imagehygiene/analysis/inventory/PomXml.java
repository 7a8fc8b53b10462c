package io.github.imagehygiene.analysis.inventory;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The {@code <dependencies>} of a pom.xml packaged in a jar, with literal versions only, and the groupId of a pom in
 * the local repository. No DTDs, no entities. Read as a stream of events: most jars carry a pom.xml, and no document
 * tree is needed for the few elements wanted.
 */
final class PomXml {
    /**
     * Configured once: setting a feature on a factory builds a whole parser to try it, which per pom.xml was half
     * the time of reading them. Never changed after, and used under its lock (a factory need not be thread-safe).
     */
    private static final SAXParserFactory FACTORY = factory();
    private static final java.util.Set<String> INHERITED = java.util.Set.of("${project.parent.groupId}",
            "${parent.groupId}", "${pom.parent.groupId}");

    private PomXml() {
    }

    private static SAXParserFactory factory() {
        // the JDK's own parser: newInstance() looks for a provider on the class path (a sixth of the time of reading
        // a large image's jars when done per file), and a provider found there could parse differently
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a feature every JDK has", e);
        }
        f.setXIncludeAware(false);
        return f;
    }

    static List<PomProperties> dependencies(byte[] xml, String location) {
        List<PomProperties> out = new ArrayList<>();
        // what a pom.xml declares counts only when the whole file reads: a cut one names nothing
        return parse(xml, new Handler(out, location)) ? out : List.of();
    }

    /** Whether the whole file read, its events given to the handler; any error, a recoverable one too, stops it. */
    private static boolean parse(byte[] xml, StrictHandler handler) {
        try {
            SAXParser parser;
            synchronized (FACTORY) {
                parser = FACTORY.newSAXParser();
            }
            parser.parse(new ByteArrayInputStream(xml), handler);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A handler for which a recoverable error ends the reading, as a fatal one does. */
    private abstract static class StrictHandler extends DefaultHandler {
        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }

    /**
     * The project's groupId: project/groupId, else (absent, or {@code ${project.parent.groupId}})
     * project/parent/groupId, which a project inherits; null when that is no literal text, or the file does not read.
     */
    static String groupId(byte[] xml) {
        GroupHandler handler = new GroupHandler();
        if (!parse(xml, handler)) {
            return null;
        }
        // ${project.parent.groupId}: the parent's, as Maven reads it
        String own = handler.own == null || INHERITED.contains(handler.own) ? null : handler.own;
        String group = own != null ? own : handler.parent;
        return group == null || group.isEmpty() || group.contains("${") ? null : group;
    }

    /** project/groupId and project/parent/groupId, the first of each, their whole text. */
    private static final class GroupHandler extends StrictHandler {
        private final StringBuilder text = new StringBuilder();
        private int depth;
        private boolean inParent;
        private boolean reading;
        private String own;
        private String parent;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            if (depth == 2 && qName.equals("parent")) {
                inParent = true;
            } else if (qName.equals("groupId")
                    && (depth == 2 && own == null || depth == 3 && inParent && parent == null)) {
                reading = true;
                text.setLength(0);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (reading) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (reading) {
                reading = false;
                if (depth == 2) {
                    own = text.toString().strip();
                } else {
                    parent = text.toString().strip();
                }
            } else if (depth == 2 && inParent) {
                inParent = false;
            }
            depth--;
        }
    }

    /**
     * project/dependencies/dependency/{groupId,artifactId,version}: the first {@code dependencies} child of the root
     * only (not dependencyManagement's), and in each dependency the first child of each name, its whole text.
     */
    private static final class Handler extends StrictHandler {
        private final List<PomProperties> out;
        private final String location;
        private int depth;
        private boolean dependenciesSeen;
        private boolean inDependencies;
        private boolean inDependency;
        private String field; // the field whose text is being read, at depth 4
        private final StringBuilder text = new StringBuilder();
        private String groupId;
        private String artifactId;
        private String version;

        Handler(List<PomProperties> out, String location) {
            this.out = out;
            this.location = location;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            depth++;
            if (depth == 2 && !dependenciesSeen && qName.equals("dependencies")) {
                dependenciesSeen = true;
                inDependencies = true;
            } else if (depth == 3 && inDependencies && qName.equals("dependency")) {
                inDependency = true;
                groupId = null;
                artifactId = null;
                version = null;
            } else if (depth == 4 && inDependency && isUnreadField(qName)) {
                field = qName;
                text.setLength(0);
            }
        }

        private boolean isUnreadField(String name) {
            return name.equals("groupId") && groupId == null || name.equals("artifactId") && artifactId == null
                    || name.equals("version") && version == null;
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (field != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (depth == 4 && field != null) {
                String value = text.toString().strip();
                switch (field) {
                    case "groupId" -> groupId = value;
                    case "artifactId" -> artifactId = value;
                    default -> version = value;
                }
                field = null;
            } else if (depth == 3 && inDependency) {
                inDependency = false;
                add();
            } else if (depth == 2 && inDependencies) {
                inDependencies = false;
            }
            depth--;
        }

        private void add() {
            String g = groupId;
            String a = artifactId;
            String v = version;
            if (g != null && a != null && v != null && !g.contains("${") && !a.contains("${") && !v.contains("${")
                    && !VersionRange.isRange(v)) {
                out.add(new PomProperties(g, a, v, location));
            }
        }
    }
}
