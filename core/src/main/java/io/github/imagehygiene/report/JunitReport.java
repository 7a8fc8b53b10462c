package io.github.imagehygiene.report;

import java.io.StringWriter;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.github.imagehygiene.common.OneLine;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.gate.RuleVerdict;
import io.github.imagehygiene.image.Image;

/**
 * {@code TEST-image-hygiene.xml}: the check as a JUnit test suite, for the test tabs of Jenkins, GitLab and Azure
 * DevOps. One suite per image and platform, one test case per rule that ran: FAIL is a {@code <failure>} with every
 * breach, WARN passes with its warnings in {@code <system-out>}, NOT_SET and SKIPPED are {@code <skipped/>}; rules
 * turned OFF are left out. Every count attribute those tools read is written; {@code time} is 0, since a duration
 * would make two runs on the same image differ.
 */
public final class JunitReport {
    private JunitReport() {
    }

    /**
     * @param mask masks what the image holds (applied before XML escaping, so an escaped secret is still found)
     */
    public static String toXml(CheckResult result, UnaryOperator<String> masking) {
        return toXml(List.of(result), masking);
    }

    /** One suite per result: the platforms of a multi-platform index. */
    public static String toXml(List<CheckResult> results, UnaryOperator<String> masking) {
        // XML 1.0 cannot hold most control characters: the image's are written escaped, as the console shows them
        UnaryOperator<String> mask = s -> s == null ? null : masking.apply(s).lines().map(OneLine::of)
                .collect(java.util.stream.Collectors.joining("\n"));
        long tests = 0;
        long failures = 0;
        long skipped = 0;
        for (CheckResult r : results) {
            List<RuleVerdict> ran = ran(r);
            tests += ran.size();
            failures += ran.stream().filter(v -> v.status() == RuleVerdict.Status.FAIL).count();
            skipped += ran.stream().filter(JunitReport::skipped).count();
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out); // the JDK's
            x.writeStartDocument("UTF-8", "1.0");
            nl(x, 0);
            x.writeStartElement("testsuites");
            counts(x, "image-hygiene", tests, failures, skipped);
            for (CheckResult result : results) {
                suite(x, result, mask);
            }
            nl(x, 0);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report: " + e.getMessage(), e);
        }
        return out + "\n";
    }

    private static List<RuleVerdict> ran(CheckResult result) {
        return result.verdicts().stream().filter(v -> v.status() != RuleVerdict.Status.OFF).toList();
    }

    private static void suite(XMLStreamWriter x, CheckResult result, UnaryOperator<String> mask)
            throws XMLStreamException {
        Image image = result.analysis().image();
        List<RuleVerdict> ran = ran(result);
        long failures = ran.stream().filter(v -> v.status() == RuleVerdict.Status.FAIL).count();
        long skipped = ran.stream().filter(JunitReport::skipped).count();
        String suite = "image-hygiene: " + image.source() + " (" + image.platform() + ")";
        String classname = "image-hygiene." + image.platform().toString().replace('/', '_');
        {
            nl(x, 1);
            x.writeStartElement("testsuite");
            counts(x, mask.apply(suite), ran.size(), failures, skipped);
            nl(x, 2);
            x.writeStartElement("properties");
            property(x, "image.source", mask.apply(image.source()));
            property(x, "image.digest", image.digest());
            property(x, "image.platform", image.platform().toString());
            property(x, "verdict", result.verdict().name());
            nl(x, 2);
            x.writeEndElement();
            for (RuleVerdict v : ran) {
                nl(x, 2);
                x.writeStartElement("testcase");
                x.writeAttribute("name", v.rule());
                x.writeAttribute("classname", classname);
                x.writeAttribute("time", "0");
                switch (v.status()) {
                    case FAIL -> {
                        nl(x, 3);
                        x.writeStartElement("failure");
                        x.writeAttribute("message", mask.apply(v.findings().get(0).message()));
                        x.writeAttribute("type", v.level().name());
                        x.writeCharacters(mask.apply(lines(v)));
                        x.writeEndElement();
                    }
                    case NOT_SET, SKIPPED -> {
                        nl(x, 3);
                        x.writeEmptyElement("skipped");
                        x.writeAttribute("message", mask.apply(v.summary()));
                    }
                    default -> {
                    }
                }
                nl(x, 3);
                x.writeStartElement("system-out");
                x.writeCharacters(mask.apply(v.status() + " " + v.summary()
                        + (v.status() == RuleVerdict.Status.WARN ? "\n" + lines(v) : "")));
                x.writeEndElement();
                nl(x, 2);
                x.writeEndElement();
            }
            nl(x, 1);
            x.writeEndElement();
        }
    }

    /** "1. [maxSize] image is …", one line a breach. */
    private static String lines(RuleVerdict v) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Finding f : v.findings()) {
            sb.append(++i).append(". ").append(f).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static void counts(XMLStreamWriter x, String name, long tests, long failures, long skipped)
            throws XMLStreamException {
        x.writeAttribute("name", name);
        x.writeAttribute("tests", String.valueOf(tests));
        x.writeAttribute("failures", String.valueOf(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", String.valueOf(skipped));
        x.writeAttribute("time", "0");
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        nl(x, 3);
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value == null ? "" : value);
    }

    private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Not set (no limit) or skipped (could not check): JUnit's skipped either way, the message saying which. */
    private static boolean skipped(RuleVerdict v) {
        return v.status() == RuleVerdict.Status.NOT_SET || v.status() == RuleVerdict.Status.SKIPPED;
    }
}
