package io.github.imagehygiene.analysis.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Tells whether an {@code .npmrc} holds a token ({@code _authToken=}, {@code _auth=}, {@code _password=} with a
 * value, or an {@code npm_} token), during the layer pass. Keeps {@code TRUE} for such a file, nothing otherwise.
 */
public final class NpmrcTokens implements ContentCollector<Boolean> {
    public static final String ID = "security.npmrc";
    /** The one instance. */
    public static final NpmrcTokens INSTANCE = new NpmrcTokens();
    private static final int MAX_SIZE = 256 * 1024;

    private NpmrcTokens() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** No settings: what it keeps depends on the file alone. */
    @Override
    public String cacheSettings() {
        return "";
    }

    @Override
    public boolean wants(String path, long size) {
        return size <= MAX_SIZE && path.endsWith("/.npmrc");
    }

    @Override
    public Boolean collect(FileEntry entry, InputStream content) throws IOException {
        String text = new String(content.readNBytes(MAX_SIZE), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            for (SecretPatterns.Match m : SecretPatterns.find(line, true)) {
                if (m.kind() == SecretPatterns.Kind.NPM_TOKEN) {
                    return Boolean.TRUE;
                }
            }
        }
        return null;
    }
}
