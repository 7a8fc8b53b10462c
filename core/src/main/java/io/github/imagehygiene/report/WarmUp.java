package io.github.imagehygiene.report;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.imagehygiene.report.sbom.SbomWriter;

/**
 * First uses of the report writers, made on a daemon thread while the layers are read. In a cold JVM (every Maven
 * build) the first SBOM, the first pretty-printed JSON tree and the first StAX document cost class loading and
 * static initialisation, ≈ 0.5–1 s that would otherwise come after the layer pass, on the critical path; the layer
 * pass leaves a core idle often enough (small layers, waits on the archive) for them to cost nothing there. Nothing
 * is kept and nothing is written; a failure here only means the real first use pays, so it is ignored.
 */
public final class WarmUp {
    private WarmUp() {
    }

    /** Starts the warm-up of the writers these settings use, unless they write no file. */
    public static void start(OutputSettings output) {
        if (output.reportDirectory() == null) {
            return;
        }
        Thread t = new Thread(() -> run(output.sbom()), "image-hygiene-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY); // the layer pass comes first
        t.start();
    }

    private static void run(boolean sbom) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode().put("warm", "up");
            root.putArray("findings").addObject().put("rule", "warm-up").put("size", 1L);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
                    DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
            mapper.writer(printer).writeValueAsString(root);
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "warm-up");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            if (sbom) {
                SbomWriter.warmUp();
            }
        } catch (JsonProcessingException | XMLStreamException | RuntimeException | LinkageError ignored) {
            // the real first use pays instead
        }
    }
}
