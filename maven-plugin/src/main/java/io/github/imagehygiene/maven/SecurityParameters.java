package io.github.imagehygiene.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.plugins.annotations.Parameter;

import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.settings.ConfigAssertionsParam;
import io.github.imagehygiene.settings.FileAssertionParam;

/** The security rules' parameters, the assertions and the suppression file (docs/security-rules.md). */
public abstract class SecurityParameters extends HygieneParameters {
    /**
     * Keys (or globs, case-insensitive) that look secret but are not, besides GPG_KEY, GPG_KEYS, *_FILE, *_PATH,
     * *_DIR.
     *
     * <pre>{@code <acceptKeys><key>PUBLIC_TOKEN_URL</key><key>*_TOKEN_TTL</key></acceptKeys>}</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.acceptKeys=GPG_KEY,MY_PUBLIC_TOKEN}.
     */
    @Parameter
    private List<String> acceptKeys;

    /**
     * setuid/setgid files (paths or globs) accepted besides the usual ones (su, passwd, mount, ping...).
     *
     * <pre>{@code <allowedSetuidFiles><file>/usr/lib/chromium/chrome-sandbox</file></allowedSetuidFiles>}</pre>
     *
     * <p>On the command line, comma-separated: {@code -DimageHygiene.allowedSetuidFiles=/usr/bin/passwd,/usr/bin/chsh}.
     */
    @Parameter
    private List<String> allowedSetuidFiles;

    /**
     * Paths (or globs) where world-writable files are accepted, besides /tmp, /var/tmp and /dev/shm.
     *
     * <pre>{@code <allowedWorldWritable><path>/var/lib/app/shared/**</path></allowedWorldWritable>}</pre>
     *
     * <p>On the command line, comma-separated:
     * {@code -DimageHygiene.allowedWorldWritable=/app/cache/**,/var/log/app/**}.
     */
    @Parameter
    private List<String> allowedWorldWritable;

    /**
     * Text files larger than this are not scanned for secrets. Units as for maxSize. Default 1MiB.
     *
     * <pre>{@code <secretScanMaxFileSize>4MiB</secretScanMaxFileSize>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "secretScanMaxFileSize")
    private String secretScanMaxFileSize;

    /**
     * Paths (or globs) never scanned for secrets, besides documentation, man pages, locales, time zones and headers.
     *
     * <pre>{@code <secretScanExcludes><path>/app/test-fixtures/**</path></secretScanExcludes>}</pre>
     *
     * <p>On the command line, comma-separated:
     * {@code -DimageHygiene.secretScanExcludes=/app/test-keys/**,/opt/fixtures/**}.
     */
    @Parameter
    private List<String> secretScanExcludes;

    /**
     * What the image config must say (container-structure-test's metadata test, with no container).
     *
     * <pre>{@code
     * <configAssertions>
     *   <env><APP_MODE>production</APP_MODE></env>
     *   <exposedPorts><port>8080</port></exposedPorts>
     *   <entrypoint><arg>java</arg><arg>-jar</arg><arg>/app/app.jar</arg></entrypoint>
     *   <workdir>/app</workdir>
     *   <user>1000:1000</user>
     * </configAssertions>
     * }</pre>
     */
    @Parameter
    private ConfigAssertionsParam configAssertions;

    /**
     * Paths that must or must not exist in the final filesystem, with type, mode, owner and content.
     *
     * <pre>{@code
     * <fileAssertions>
     *   <fileAssertion><path>/app/app.jar</path><mode>0644</mode><uid>1000</uid></fileAssertion>
     *   <fileAssertion><path>/root/.ssh</path><exists>false</exists></fileAssertion>
     * </fileAssertions>
     * }</pre>
     */
    @Parameter
    private List<FileAssertionParam> fileAssertions;

    /**
     * The suppression file (XML or YAML). Default: image-hygiene-suppressions.xml, .yaml or .yml in the project
     * directory, when present.
     *
     * <pre>{@code <suppressions>${project.basedir}/image-hygiene-suppressions.xml</suppressions>}</pre>
     */
    @Parameter(property = PROPERTY_PREFIX + "suppressions")
    private File suppressions;

    @Override
    protected void configure(CheckSettings.Builder builder) {
        super.configure(builder);
        builder.security(s -> s.acceptKeys(list("acceptKeys", acceptKeys))
                        .allowedSetuidFiles(list("allowedSetuidFiles", allowedSetuidFiles))
                        .allowedWorldWritable(list("allowedWorldWritable", allowedWorldWritable))
                        .secretScanMaxFileSize(secretScanMaxFileSize)
                        .secretScanExcludes(list("secretScanExcludes", secretScanExcludes))
                        .configAssertions(configAssertions == null ? null : configAssertions.toCore())
                        .fileAssertions(FileAssertionParam.toCore(fileAssertions)))
                .suppressionFile(suppressions == null ? null : suppressions.toPath())
                .projectDirectory(baseDirectory().toPath());
    }
}
