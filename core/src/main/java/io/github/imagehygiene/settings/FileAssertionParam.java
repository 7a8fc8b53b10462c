package io.github.imagehygiene.settings;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.rules.security.FileAssertion;

/**
 * One {@code <fileAssertion>} of the {@code <fileAssertions>} parameter. Only {@code path} is required.
 *
 * <pre>{@code
 * <fileAssertions>
 *   <fileAssertion>
 *     <path>/app/app.jar</path><type>file</type><mode>0644</mode><uid>1000</uid><gid>1000</gid>
 *   </fileAssertion>
 *   <fileAssertion><path>/root/.ssh</path><exists>false</exists></fileAssertion>
 *   <fileAssertion><path>/root/.ssh/id_*</path><exists>false</exists></fileAssertion>
 *   <fileAssertion>
 *     <path>/app/config/application.yml</path>
 *     <matches>^\s*port: 8080$</matches>
 *     <notMatches>debug: true</notMatches>
 *   </fileAssertion>
 * </fileAssertions>
 * }</pre>
 */
public class FileAssertionParam {
    private String path;
    private Boolean exists;
    private String type;
    private String mode;
    private Long uid;
    private Long gid;
    private String matches;
    private String notMatches;

    /** The core's assertion; a bad value fails with a ConfigurationException naming the path. */
    public FileAssertion toCore() {
        return FileAssertion.of(path, exists, type, mode, uid, gid, matches, notMatches);
    }

    /** All of a list, null for none. */
    public static List<FileAssertion> toCore(List<FileAssertionParam> params) {
        List<FileAssertion> out = new ArrayList<>();
        if (params != null) {
            for (FileAssertionParam p : params) {
                out.add(p.toCore());
            }
        }
        return out;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Boolean getExists() {
        return exists;
    }

    public void setExists(Boolean exists) {
        this.exists = exists;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Long getUid() {
        return uid;
    }

    public void setUid(Long uid) {
        this.uid = uid;
    }

    public Long getGid() {
        return gid;
    }

    public void setGid(Long gid) {
        this.gid = gid;
    }

    public String getMatches() {
        return matches;
    }

    public void setMatches(String matches) {
        this.matches = matches;
    }

    public String getNotMatches() {
        return notMatches;
    }

    public void setNotMatches(String notMatches) {
        this.notMatches = notMatches;
    }
}
