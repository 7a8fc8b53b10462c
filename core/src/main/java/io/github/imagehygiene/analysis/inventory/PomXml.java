package io.github.imagehygiene.analysis.inventory;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The {@code <dependencies>} of a pom.xml packaged in a jar, with literal versions only. No DTDs, no entities. */
final class PomXml {
    private PomXml() {
    }

    static List<PomProperties> dependencies(byte[] xml, String location) {
        List<PomProperties> out = new ArrayList<>();
        try {
            // the JDK's own parser: newInstance() looks for a provider on the class path on every call (a sixth of
            // the time of reading a large image's jars), and a provider found there could parse differently
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                    // silent: a pom.xml that cannot be read names nothing
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                    throw e;
                }
            });
            Document doc = b.parse(new ByteArrayInputStream(xml));
            Element project = doc.getDocumentElement();
            Element dependencies = child(project, "dependencies");
            if (dependencies == null) {
                return out;
            }
            NodeList list = dependencies.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element d && "dependency".equals(d.getTagName())) {
                    String g = text(d, "groupId");
                    String a = text(d, "artifactId");
                    String v = text(d, "version");
                    if (g != null && a != null && v != null && !g.contains("${") && !a.contains("${")
                            && !v.contains("${") && !VersionRange.isRange(v)) {
                        out.add(new PomProperties(g, a, v, location));
                    }
                }
            }
        } catch (Exception e) {
            // not a readable pom.xml: it names nothing
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
