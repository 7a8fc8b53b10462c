package io.github.imagehygiene.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.expression.DefaultExpressionEvaluator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

import io.github.imagehygiene.settings.ConfigAssertionsParam;
import io.github.imagehygiene.settings.FileAssertionParam;
import io.github.imagehygiene.rules.security.ConfigAssertions;
import io.github.imagehygiene.rules.security.FileAssertion;

/**
 * The parameter beans configured the way Maven configures a mojo (Sisu's Plexus component configurator) from the XML
 * of docs/security-rules.md: nested beans, maps, lists of strings and a list of beans by its generic type.
 */
class ParamsConfigurationTest {

    /** Stands for the mojo: the same field types as the proposed parameters. */
    public static class Holder {
        ConfigAssertionsParam configAssertions;
        List<FileAssertionParam> fileAssertions;
        List<String> acceptKeys;
    }

    @Test
    void beansFromPomXml() throws Exception {
        String xml = """
                <configuration>
                  <configAssertions>
                    <env><APP_MODE>production</APP_MODE><JAVA_HOME/></env>
                    <labels><org.opencontainers.image.version>1.4.2</org.opencontainers.image.version></labels>
                    <exposedPorts><port>8080</port><port>9090/udp</port></exposedPorts>
                    <entrypoint><arg>java</arg><arg>-jar</arg><arg>/app/app.jar</arg></entrypoint>
                    <workdir>/app</workdir>
                    <user>1000:1000</user>
                  </configAssertions>
                  <fileAssertions>
                    <fileAssertion>
                      <path>/app/app.jar</path><type>file</type><mode>0644</mode><uid>1000</uid><gid>1000</gid>
                    </fileAssertion>
                    <fileAssertion><path>/root/.ssh</path><exists>false</exists></fileAssertion>
                    <fileAssertion><path>/app/config/application.yml</path><notMatches>level: debug</notMatches>
                    </fileAssertion>
                  </fileAssertions>
                  <acceptKeys><key>PUBLIC_TOKEN_URL</key><key>*_TOKEN_TTL</key></acceptKeys>
                </configuration>
                """;
        Holder h = new Holder();
        new BasicComponentConfigurator().configureComponent(h,
                new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(xml))),
                new DefaultExpressionEvaluator(), null);

        ConfigAssertions c = h.configAssertions.toCore();
        assertThat(c.env()).isEqualTo(Map.of("APP_MODE", "production", "JAVA_HOME", ""));
        assertThat(c.labels()).containsEntry("org.opencontainers.image.version", "1.4.2");
        assertThat(c.exposedPorts()).containsExactly("8080/tcp", "9090/udp");
        assertThat(c.entrypoint()).containsExactly("java", "-jar", "/app/app.jar");
        assertThat(c.cmd()).isNull();
        assertThat(c.workdir()).isEqualTo("/app");
        assertThat(c.user()).isEqualTo("1000:1000");
        assertThat(c.count()).isEqualTo(8);

        List<FileAssertion> files = FileAssertionParam.toCore(h.fileAssertions);
        assertThat(files).extracting(FileAssertion::path, FileAssertion::exists, FileAssertion::mode,
                FileAssertion::uid).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/app/app.jar", true, 0644, 1000L),
                        org.assertj.core.groups.Tuple.tuple("/root/.ssh", false, null, null),
                        org.assertj.core.groups.Tuple.tuple("/app/config/application.yml", true, null, null));
        assertThat(files.get(2).notMatches().pattern()).isEqualTo("level: debug");
        assertThat(h.acceptKeys).containsExactly("PUBLIC_TOKEN_URL", "*_TOKEN_TTL");
    }
}
