package io.github.imagehygiene.rules.security;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.security.Glob;
import io.github.imagehygiene.analysis.security.SecretKeys;
import io.github.imagehygiene.analysis.security.SecretScanner;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;

/**
 * The validated settings of the security rules, built from the plugin's parameters (or a test). Every list the user
 * gives adds to the defaults; a bad value fails with a {@link ConfigurationException} naming the parameter.
 */
public final class SecuritySettings {
    /** setuid/setgid programs of Debian, Ubuntu, Alpine and UBI base images that are expected there. */
    public static final List<String> DEFAULT_SETUID_ALLOWLIST = List.of("/bin/su", "/usr/bin/su", "/bin/mount",
            "/usr/bin/mount", "/bin/umount", "/usr/bin/umount", "/usr/bin/passwd", "/usr/bin/chsh", "/usr/bin/chfn",
            "/usr/bin/newgrp", "/usr/bin/gpasswd", "/usr/bin/chage", "/usr/bin/expiry", "/sbin/unix_chkpwd",
            "/usr/sbin/unix_chkpwd", "/usr/bin/wall", "/usr/bin/write", "/usr/bin/bsd-write", "/bin/ping",
            "/usr/bin/ping", "/usr/bin/newuidmap", "/usr/bin/newgidmap", "/usr/bin/ssh-agent", "/usr/bin/crontab",
            "/usr/bin/dotlockfile", "/usr/lib/openssh/ssh-keysign", "/usr/libexec/openssh/ssh-keysign",
            "/usr/lib/dbus-1.0/dbus-daemon-launch-helper", "/bin/bbsuid");
    /** Where world-writable files are expected. */
    public static final List<String> DEFAULT_WORLD_WRITABLE_ALLOWED = List.of("/tmp/**", "/var/tmp/**", "/dev/shm/**");
    /** What a scan of text files reads at most per file, as written: the scanner's own default ("1MiB"). */
    public static final String DEFAULT_SECRET_SCAN_MAX_FILE_SIZE = SecretScanner.DEFAULT_MAX_FILE_SIZE / (1024 * 1024)
            + "MiB";

    private final List<String> acceptKeys;
    private final SecretKeys secretKeys;
    private final List<Glob> setuidAllowlist;
    private final List<Glob> worldWritableAllowed;
    private final ByteSize secretScanMaxFileSize;
    private final List<Glob> secretScanExcludes;
    private final ConfigAssertions configAssertions;
    private final List<FileAssertion> fileAssertions;

    private SecuritySettings(Builder b) {
        List<String> keys = new ArrayList<>(SecretKeys.DEFAULT_ACCEPTED);
        for (String k : b.acceptKeys) {
            if (k == null || k.isBlank()) {
                throw new ConfigurationException("Invalid value for acceptKeys: an empty key; use a key or a glob,"
                        + " e.g. PUBLIC_TOKEN_URL or *_TOKEN_URL");
            }
            keys.add(k.strip());
        }
        this.acceptKeys = List.copyOf(keys);
        this.secretKeys = new SecretKeys(acceptKeys);
        this.setuidAllowlist = globs("allowedSetuidFiles", DEFAULT_SETUID_ALLOWLIST, b.allowedSetuidFiles);
        this.worldWritableAllowed = globs("allowedWorldWritable", DEFAULT_WORLD_WRITABLE_ALLOWED,
                b.allowedWorldWritable);
        this.secretScanMaxFileSize = ByteSize.parse("secretScanMaxFileSize",
                b.secretScanMaxFileSize == null || b.secretScanMaxFileSize.isBlank()
                        ? DEFAULT_SECRET_SCAN_MAX_FILE_SIZE : b.secretScanMaxFileSize);
        if (secretScanMaxFileSize.bytes() < 1 || secretScanMaxFileSize.bytes() > 64L * 1024 * 1024) {
            throw new ConfigurationException("Invalid value for secretScanMaxFileSize: " + b.secretScanMaxFileSize
                    + "; it must be between 1 B and 64MiB");
        }
        this.secretScanExcludes = globs("secretScanExcludes", SecretScanner.DEFAULT_EXCLUDES, b.secretScanExcludes);
        this.configAssertions = b.configAssertions == null ? ConfigAssertions.NONE : b.configAssertions;
        this.fileAssertions = List.copyOf(b.fileAssertions);
    }

    private static List<Glob> globs(String parameter, List<String> defaults, List<String> added) {
        List<Glob> out = new ArrayList<>();
        for (String g : defaults) {
            out.add(Glob.of(g));
        }
        for (String g : added) {
            try {
                out.add(Glob.of(g));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid value for " + parameter + ": " + e.getMessage()
                        + "; use an absolute path or a glob, e.g. /opt/app/bin/* or /srv/**");
            }
        }
        return List.copyOf(out);
    }

    /** Settings with every default and no assertion. */
    public static SecuritySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The accepted key globs, defaults first. */
    public List<String> acceptKeys() {
        return acceptKeys;
    }

    public SecretKeys secretKeys() {
        return secretKeys;
    }

    public List<Glob> setuidAllowlist() {
        return setuidAllowlist;
    }

    public List<Glob> worldWritableAllowed() {
        return worldWritableAllowed;
    }

    public ByteSize secretScanMaxFileSize() {
        return secretScanMaxFileSize;
    }

    public List<Glob> secretScanExcludes() {
        return secretScanExcludes;
    }

    public ConfigAssertions configAssertions() {
        return configAssertions;
    }

    public List<FileAssertion> fileAssertions() {
        return fileAssertions;
    }

    /** Collects raw values; {@link #build()} validates them. */
    public static final class Builder {
        private List<String> acceptKeys = List.of();
        private List<String> allowedSetuidFiles = List.of();
        private List<String> allowedWorldWritable = List.of();
        private String secretScanMaxFileSize;
        private List<String> secretScanExcludes = List.of();
        private ConfigAssertions configAssertions;
        private List<FileAssertion> fileAssertions = List.of();

        private Builder() {
        }

        /** Keys (or globs, {@code *_URL}) that look secret but are not, added to the defaults. */
        public Builder acceptKeys(List<String> v) {
            acceptKeys = v == null ? List.of() : v;
            return this;
        }

        /** setuid/setgid paths (or globs) accepted besides {@link #DEFAULT_SETUID_ALLOWLIST}. */
        public Builder allowedSetuidFiles(List<String> v) {
            allowedSetuidFiles = v == null ? List.of() : v;
            return this;
        }

        /** Paths (or globs) where world-writable files are accepted, besides /tmp, /var/tmp and /dev/shm. */
        public Builder allowedWorldWritable(List<String> v) {
            allowedWorldWritable = v == null ? List.of() : v;
            return this;
        }

        /** Text files larger than this are not scanned for secrets; default 1MiB. */
        public Builder secretScanMaxFileSize(String v) {
            secretScanMaxFileSize = v;
            return this;
        }

        /** Paths (or globs) never scanned for secrets, besides the defaults (docs, man pages, locales...). */
        public Builder secretScanExcludes(List<String> v) {
            secretScanExcludes = v == null ? List.of() : v;
            return this;
        }

        public Builder configAssertions(ConfigAssertions v) {
            configAssertions = v;
            return this;
        }

        public Builder fileAssertions(List<FileAssertion> v) {
            fileAssertions = v == null ? List.of() : v;
            return this;
        }

        public SecuritySettings build() {
            return new SecuritySettings(this);
        }
    }
}
