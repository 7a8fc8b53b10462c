package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.imagehygiene.cli.Main;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line takes every parameter the goal takes, named as its kebab-case form ({@code maxSize} →
 * {@code --max-size}); the image is its positional IMAGE. Read from the plugin descriptor maven-plugin-plugin wrote
 * (the parameters users can set: not the read-only ones Maven injects) and from the CLI's own command spec.
 */
class CliParityTest {
    static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    static List<String> goalParameters() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(DESCRIPTOR.toFile());
        NodeList mojos = d.getElementsByTagName("mojo");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!"check".equals(mojo.getElementsByTagName("goal").item(0).getTextContent())) {
                continue;
            }
            NodeList params = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int j = 0; j < params.getLength(); j++) {
                Element p = (Element) params.item(j);
                if ("true".equals(p.getElementsByTagName("editable").item(0).getTextContent())) {
                    names.add(p.getElementsByTagName("name").item(0).getTextContent());
                }
            }
        }
        return names;
    }

    static String kebab(String camel) {
        return "--" + camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    @Test
    void everyGoalParameterIsAnOption() throws Exception {
        List<String> goal = goalParameters();
        assertThat(goal).as("the descriptor's parameters").hasSizeGreaterThan(40).contains("maxSize", "levels",
                "fileAssertions", "image", "skip");
        TreeSet<String> expected = new TreeSet<>();
        goal.stream().filter(n -> !n.equals("image")).map(CliParityTest::kebab).forEach(expected::add);
        TreeSet<String> options = new TreeSet<>();
        for (OptionSpec o : Main.commandLine().getSubcommands().get("check").getCommandSpec().options()) {
            options.add(o.longestName());
        }
        // what only the command line has: its config file, its debug switch, help and version, and --offline (Maven's
        // own -o for the goal)
        options.removeAll(List.of("--config", "--verbose", "--help", "--version", "--offline"));
        assertThat(options).isEqualTo(expected);
        assertThat(Main.commandLine().getSubcommands().get("check").getCommandSpec().positionalParameters())
                .singleElement().extracting(p -> p.paramLabel()).isEqualTo("IMAGE");
    }
}
