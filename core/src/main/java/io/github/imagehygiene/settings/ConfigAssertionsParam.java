package io.github.imagehygiene.settings;

import java.util.List;
import java.util.Map;

import io.github.imagehygiene.rules.security.ConfigAssertions;

/**
 * The {@code <configAssertions>} parameter: what the image config must say. Every field is optional.
 *
 * <pre>{@code
 * <configAssertions>
 *   <env><APP_MODE>production</APP_MODE><JAVA_HOME/></env>   <!-- an empty value: only set -->
 *   <labels><org.opencontainers.image.version>${project.version}</org.opencontainers.image.version></labels>
 *   <exposedPorts><port>8080</port></exposedPorts>
 *   <unexposedPorts><port>22</port></unexposedPorts>
 *   <entrypoint><arg>java</arg><arg>-jar</arg><arg>/app/app.jar</arg></entrypoint>
 *   <cmd/>
 *   <workdir>/app</workdir>
 *   <user>1000:1000</user>
 * </configAssertions>
 * }</pre>
 */
public class ConfigAssertionsParam {
    private Map<String, String> env;
    private Map<String, String> labels;
    private List<String> exposedPorts;
    private List<String> unexposedPorts;
    private List<String> entrypoint;
    private List<String> cmd;
    private String workdir;
    private String user;

    /** The core's assertions; a bad port fails with a ConfigurationException naming the parameter. */
    public ConfigAssertions toCore() {
        return new ConfigAssertions(env, labels, exposedPorts, unexposedPorts, entrypoint, cmd, workdir, user);
    }

    public Map<String, String> getEnv() {
        return env;
    }

    public void setEnv(Map<String, String> env) {
        this.env = env;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public List<String> getExposedPorts() {
        return exposedPorts;
    }

    public void setExposedPorts(List<String> exposedPorts) {
        this.exposedPorts = exposedPorts;
    }

    public List<String> getUnexposedPorts() {
        return unexposedPorts;
    }

    public void setUnexposedPorts(List<String> unexposedPorts) {
        this.unexposedPorts = unexposedPorts;
    }

    public List<String> getEntrypoint() {
        return entrypoint;
    }

    public void setEntrypoint(List<String> entrypoint) {
        this.entrypoint = entrypoint;
    }

    public List<String> getCmd() {
        return cmd;
    }

    public void setCmd(List<String> cmd) {
        this.cmd = cmd;
    }

    public String getWorkdir() {
        return workdir;
    }

    public void setWorkdir(String workdir) {
        this.workdir = workdir;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }
}
