package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.junit.jupiter.api.Test;

/**
 * The dependencies read from the pom.xml files packaged in real jars (every jar of the local Maven repository) equal
 * what Maven's own model reader (maven-model's MavenXpp3Reader) reads from them, literal versions only.
 */
class PomXmlTest {

    @Test
    void everyPackagedPomReadsAsMavenReadsIt() throws Exception {
        int poms = 0;
        int declaring = 0;
        int malformed = 0;
        for (Path jar : JarReaderDirectoryTest.repositoryJars()) {
            ZipFile z;
            try {
                z = new ZipFile(jar.toFile());
            } catch (java.io.IOException notAZip) {
                continue;
            }
            try (z) {
                for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
                    ZipEntry e = en.nextElement();
                    if (!e.getName().startsWith("META-INF/maven/") || !e.getName().endsWith("/pom.xml")) {
                        continue;
                    }
                    byte[] xml = z.getInputStream(e).readAllBytes();
                    if (!wellFormed(xml)) {
                        // an ISO-8859-1 pom.xml without its declaration (plexus-utils 1.0.4's): Maven's lenient
                        // parser reads it, an XML parser must not; it names nothing
                        assertThat(PomXml.dependencies(xml, e.getName())).as(jar + "!/" + e.getName()).isEmpty();
                        malformed++;
                        continue;
                    }
                    Model model;
                    try {
                        model = new MavenXpp3Reader().read(new ByteArrayInputStream(xml), false);
                    } catch (Exception unreadable) {
                        continue; // Maven reads no model from it: nothing to compare with
                    }
                    List<String> maven = model.getDependencies().stream()
                            .filter(d -> d.getGroupId() != null && d.getArtifactId() != null && d.getVersion() != null)
                            .filter(d -> !(d.getGroupId() + d.getArtifactId() + d.getVersion()).contains("${"))
                            .filter(d -> !VersionRange.isRange(d.getVersion()))
                            .map(d -> d.getGroupId() + ":" + d.getArtifactId() + ":" + d.getVersion()).toList();
                    List<String> ours = PomXml.dependencies(xml, e.getName()).stream()
                            .map(p -> p.groupId() + ":" + p.artifactId() + ":" + p.version()).toList();
                    assertThat(ours).as(jar + "!/" + e.getName()).isEqualTo(maven);
                    poms++;
                    declaring += maven.isEmpty() ? 0 : 1;
                }
            }
        }
        // enough real files to mean something (the build's own repository holds a few thousand jars)
        assertThat(poms).isGreaterThan(300);
        assertThat(declaring).isGreaterThan(100);
        assertThat(malformed).isLessThan(poms / 10);
    }

    /** Whether the JDK's DOM parser, a conforming one, reads it (no DTD: none is allowed in our reading either). */
    private static boolean wellFormed(byte[] xml) {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // fatal errors thrown, nothing printed
            b.parse(new ByteArrayInputStream(xml));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void whatTheReadingTakesAndLeaves() {
        // the first <dependencies> of the project only, not dependencyManagement's; in a dependency the first of each
        // field; a field's whole text, CDATA and nested elements included; entity references read; no property
        // and no range (a version Maven would have to resolve)
        String pom = "<project><dependencyManagement><dependencies><dependency><groupId>m</groupId>"
                + "<artifactId>managed</artifactId><version>1</version></dependency></dependencies>"
                + "</dependencyManagement><dependencies><dependency><groupId>g</groupId><groupId>second</groupId>"
                + "<artifactId><![CDATA[a]]><!-- c -->b</artifactId><version> 1.<x>0</x> </version></dependency>"
                + "<dependency><groupId>a&amp;b</groupId><artifactId>c</artifactId><version>2</version></dependency>"
                + "<dependency><groupId>p</groupId><artifactId>q</artifactId><version>${v}</version></dependency>"
                + "<dependency><groupId>r</groupId><artifactId>s</artifactId><version>[1,2)</version>"
                + "</dependency></dependencies><dependencies><dependency><groupId>later</groupId>"
                + "<artifactId>ignored</artifactId><version>1</version></dependency></dependencies></project>";
        assertThat(PomXml.dependencies(pom.getBytes(StandardCharsets.UTF_8), "x"))
                .extracting(p -> p.groupId() + ":" + p.artifactId() + ":" + p.version())
                .containsExactly("g:ab:1.0", "a&b:c:2");
        // a DOCTYPE (entity expansion) is refused whole
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY e \"x\">]><project><dependencies>"
                + "<dependency><groupId>g</groupId><artifactId>&e;</artifactId><version>1</version></dependency>"
                + "</dependencies></project>";
        assertThat(PomXml.dependencies(doctype.getBytes(StandardCharsets.UTF_8), "x")).isEmpty();
    }

    @Test
    void aCutPomNamesNothing() {
        String pom = "<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>"
                + "<version>1.0</version></dependency><dependency><groupId>h</groupId>";
        assertThat(PomXml.dependencies(pom.getBytes(StandardCharsets.UTF_8), "x")).isEmpty();
        assertThat(PomXml.dependencies((pom + "<artifactId>b</artifactId><version>2.0</version></dependency>"
                + "</dependencies></project>").getBytes(StandardCharsets.UTF_8), "x"))
                .extracting(PomProperties::artifactId).containsExactly("a", "b");
    }
}
