package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.imagehygiene.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line has a command for each goal that checks an image ({@code check}, {@code baseline}), taking every
 * parameter the goal takes, named as its kebab-case form ({@code maxSize} → {@code --max-size}); the image is its
 * positional IMAGE. Read from the plugin descriptor maven-plugin-plugin wrote (the parameters users can set: not the
 * read-only ones Maven injects) and from the CLI's own command specs.
 */
class CliParityTest {
    static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    static List<String> goalParameters(String goal) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(DESCRIPTOR.toFile());
        NodeList mojos = d.getElementsByTagName("mojo");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!goal.equals(mojo.getElementsByTagName("goal").item(0).getTextContent())) {
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

    @ParameterizedTest
    @ValueSource(strings = {"check", "baseline"})
    void everyGoalParameterIsAnOption(String goal) throws Exception {
        List<String> parameters = goalParameters(goal);
        assertThat(parameters).as("the descriptor's parameters").hasSizeGreaterThan(40).contains("maxSize", "levels",
                "fileAssertions", "image", "skip");
        TreeSet<String> expected = new TreeSet<>();
        parameters.stream().filter(n -> !n.equals("image")).map(CliParityTest::kebab).forEach(expected::add);
        CommandLine command = Main.commandLine().getSubcommands().get(goal);
        assertThat(command).as("the CLI's " + goal + " command").isNotNull();
        TreeSet<String> options = new TreeSet<>();
        for (OptionSpec o : command.getCommandSpec().options()) {
            options.add(o.longestName());
        }
        // what only the command line has: its config file, its debug switch, help and version, and --offline (Maven's
        // own -o for the goal)
        options.removeAll(List.of("--config", "--verbose", "--help", "--version", "--offline"));
        assertThat(options).isEqualTo(expected);
        assertThat(command.getCommandSpec().positionalParameters()).singleElement()
                .extracting(p -> p.paramLabel()).isEqualTo("IMAGE");
    }

    /** The goals that read an image are the commands; the others (help) are Maven's own. */
    @Test
    void everyImageGoalIsACommand() throws Exception {
        assertThat(goalParameters("baseline")).contains("baselineFile");
        assertThat(goalParameters("check")).doesNotContain("baselineFile");
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyInAnyOrder("check", "baseline");
    }
}
