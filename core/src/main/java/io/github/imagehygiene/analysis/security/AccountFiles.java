package io.github.imagehygiene.analysis.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Reads {@code /etc/passwd}, {@code /etc/group} and {@code /etc/shadow} during the layer pass. Keeps names, ids and
 * whether a password is set, empty or locked, never a password hash.
 */
public final class AccountFiles implements ContentCollector<AccountFiles.Table> {
    public static final String ID = "security.accounts";
    public static final String PASSWD = "/etc/passwd";
    public static final String GROUP = "/etc/group";
    public static final String SHADOW = "/etc/shadow";
    /** Account files larger than this are not read (a real one holds a few hundred lines). */
    static final long MAX_SIZE = 4L * 1024 * 1024;
    /** The one instance: rules share it, so the files are read once. */
    public static final AccountFiles INSTANCE = new AccountFiles();

    /** What a password field says. */
    public enum Password {
        /** A hash (or "x": the hash is in /etc/shadow). */
        SET,
        /** Empty: no password is needed. */
        EMPTY,
        /** "*", "!", "!!" or a hash prefixed by "!": no password login. */
        LOCKED
    }

    /**
     * One line of an account file.
     *
     * @param line     1-based line number
     * @param name     the account or group name
     * @param id       uid or gid; -1 when absent or not a number (and for /etc/shadow, which has none)
     * @param password what the password field says
     */
    public record Account(int line, String name, long id, Password password) {
    }

    /** The lines of one account file. */
    public record Table(String path, List<Account> accounts) {
    }

    private AccountFiles() {
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
        return size <= MAX_SIZE && (path.equals(PASSWD) || path.equals(GROUP) || path.equals(SHADOW));
    }

    @Override
    public Table collect(FileEntry entry, InputStream content) throws IOException {
        return parse(entry.path(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Parses one file; lines that are not name:password:... are skipped. */
    public static Table parse(String path, String text) {
        List<Account> accounts = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue; // NIS compat lines (+, -) name no local account
            }
            String[] f = line.split(":", -1);
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            long id = -1;
            if (!path.equals(SHADOW) && f.length > 2) {
                try {
                    id = Long.parseLong(f[2].strip());
                } catch (NumberFormatException e) {
                    id = -1;
                }
            }
            accounts.add(new Account(i + 1, f[0], id, password(path, f[1])));
        }
        return new Table(path, List.copyOf(accounts));
    }

    private static Password password(String path, String field) {
        if (field.isEmpty()) {
            return Password.EMPTY;
        }
        if (field.startsWith("!") || field.startsWith("*")) {
            return Password.LOCKED;
        }
        if (path.equals(PASSWD) && field.equals("x")) {
            return Password.SET; // the hash is in /etc/shadow
        }
        return Password.SET;
    }
}
