package io.github.imagehygiene.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.inventory.OsPackage;

/**
 * The shared pkgdb fixtures' expected lists (../shared/fixtures/pkgdb/README.md): one package a line, TAB-separated,
 * no header: name, version, release, epoch, arch, source.
 */
final class ExpectedTsv {
    private ExpectedTsv() {
    }

    static List<String> read(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A package as a line of those lists. For rpm the source column is SOURCERPM as {@code rpm -qa --qf} prints it,
     * "(none)" where the header has none (the gpg-pubkey pseudo-package).
     */
    static String line(OsPackage p) {
        String source = p.source() == null ? "(none)" : p.source();
        return String.join("\t", p.name(), p.version(), p.release(), p.epoch() == null ? "" : p.epoch().toString(),
                p.arch(), source);
    }

    static List<String> lines(List<OsPackage> packages) {
        return packages.stream().map(ExpectedTsv::line).toList();
    }
}
