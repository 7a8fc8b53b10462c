package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.inventory.ApkInstalled;
import io.github.imagehygiene.analysis.inventory.DpkgStatus;
import io.github.imagehygiene.analysis.inventory.OsPackage;
import io.github.imagehygiene.analysis.inventory.RpmDatabase;
import io.github.imagehygiene.testing.Fixtures;

/**
 * The package database readers on the real databases of ../shared/fixtures/pkgdb (copied from go-rpmdb, osv-scalibr,
 * trivy and syft): each gives exactly the list its *.expected.tsv holds; rpm lists in database order.
 */
class PackageDatabasesTest {

    private static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static Path expected(String db) {
        return Fixtures.shared("pkgdb/" + db + ".expected.tsv");
    }

    @Test
    void alpine318Installed() throws IOException {
        List<OsPackage> packages = ApkInstalled.parse(text(Fixtures.shared("pkgdb/apk/alpine-3.18.0_lib_apk_db_installed")));
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyInAnyOrderElementsOf(ExpectedTsv.read(expected("apk/alpine-3.18.0_lib_apk_db_installed")));
    }

    @Test
    void ubuntu1804Status() throws IOException {
        List<OsPackage> packages = DpkgStatus.parse(text(Fixtures.shared("pkgdb/dpkg/ubuntu-18.04_var_lib_dpkg_status")));
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyInAnyOrderElementsOf(ExpectedTsv.read(expected("dpkg/ubuntu-18.04_var_lib_dpkg_status")));
        assertThat(packages).hasSize(90).noneMatch(p -> p.name().equals("git")); // deinstall ok config-files
    }

    /**
     * The source package and its version, as dpkg-query itself reports them ({@code ${source:Package}},
     * {@code ${source:Version}}) on the same status file: bsdutils 1:2.31.1-0.4ubuntu3.1 is util-linux
     * 2.31.1-0.4ubuntu3.1 (the binary's epoch is not the source's); advisories name the source.
     */
    @Test
    void sourcePackagesAreDpkgQuerys(@org.junit.jupiter.api.io.TempDir Path admin) throws IOException {
        Path status = Fixtures.shared("pkgdb/dpkg/ubuntu-18.04_var_lib_dpkg_status");
        Path dpkgQuery = io.github.imagehygiene.testing.Tools.require("/usr/bin/dpkg-query", "dpkg-query");
        Files.copy(status, admin.resolve("status"));
        Files.createDirectories(admin.resolve("info"));
        Files.createDirectories(admin.resolve("updates"));
        List<String> expected = io.github.imagehygiene.testing.Tools.run(List.of(dpkgQuery.toString(), "-W",
                "--admindir=" + admin, "-f=${db:Status-Abbrev}\t${Package}\t${source:Package}\t${source:Version}\n"))
                .stream().filter(l -> l.startsWith("ii")).map(l -> l.substring(l.indexOf('\t') + 1)).toList();
        List<String> mine = DpkgStatus.parse(text(status)).stream()
                .map(p -> p.name() + "\t" + p.sourceName() + "\t" + p.sourceFullVersion()).toList();
        assertThat(expected).hasSize(90).contains("bsdutils\tutil-linux\t2.31.1-0.4ubuntu3.1");
        assertThat(mine).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void distrolessStatusD() throws IOException {
        Path dir = Fixtures.shared("pkgdb/dpkg/syft-image-distroless-deb/var/lib/dpkg/status.d");
        List<OsPackage> packages = DpkgStatus.parse(text(dir.resolve("libsqlite3-0")));
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyInAnyOrderElementsOf(ExpectedTsv.read(expected("dpkg/syft-image-distroless-deb")));
        assertThat(packages.get(0).recordedSize()).isEqualTo(1490 * 1024);
        assertThat(DpkgStatus.parseMd5sums(text(dir.resolve("libsqlite3-0.md5sums")))).containsExactly(
                "/usr/lib/aarch64-linux-gnu/libsqlite3.so.0.8.6", "/usr/share/doc/libsqlite3-0/README.Debian",
                "/usr/share/doc/libsqlite3-0/changelog.Debian.gz", "/usr/share/doc/libsqlite3-0/changelog.gz",
                "/usr/share/doc/libsqlite3-0/changelog.html.gz", "/usr/share/doc/libsqlite3-0/copyright");
        assertThat(DpkgStatus.copyrightLicenses(text(Fixtures.shared(
                "pkgdb/dpkg/syft-image-distroless-deb/usr/share/doc/libsqlite3-0/copyright"))))
                .containsExactly("public-domain", "GPL-2+", "GPL-2");
    }

    @Test
    void distrolessStatusDPkgCoverage() throws IOException {
        Path dir = Fixtures.shared("pkgdb/dpkg/syft-image-pkg-coverage/var/lib/dpkg/status.d");
        List<OsPackage> packages = new java.util.ArrayList<>();
        packages.addAll(DpkgStatus.parse(text(dir.resolve("dash"))));
        packages.addAll(DpkgStatus.parse(text(dir.resolve("netbase"))));
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyInAnyOrderElementsOf(ExpectedTsv.read(expected("dpkg/syft-image-pkg-coverage")));
    }

    @Test
    void statusDWithManyStanzas() throws IOException {
        List<OsPackage> packages = DpkgStatus.parse(text(Fixtures.shared(
                "pkgdb/dpkg/syft-status.d-multi-stanza/var/lib/dpkg/status.d/coreutils-relationships")));
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyInAnyOrderElementsOf(ExpectedTsv.read(expected("dpkg/syft-status.d-multi-stanza")));
        assertThat(packages).filteredOn(p -> p.name().equals("libgmp10")).singleElement()
                .satisfies(p -> assertThat(p.fullVersion()).isEqualTo("2:6.2.1+dfsg1-1.1"));
    }

    private static List<OsPackage> rpm(String db) throws IOException {
        return RpmDatabase.read(Files.readAllBytes(Fixtures.shared("pkgdb/" + db)));
    }

    @Test
    void amazonLinux2023Sqlite() throws IOException {
        List<OsPackage> packages = rpm("rpm/sqlite/amazonlinux2023_rpmdb.sqlite");
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyElementsOf(ExpectedTsv.read(expected("rpm/sqlite/amazonlinux2023_rpmdb.sqlite")));
        assertThat(packages).filteredOn(p -> p.name().equals("openssl-libs")).singleElement()
                .satisfies(p -> assertThat(p.fullVersion()).isEqualTo("1:3.0.8-1.amzn2023.0.4"));
    }

    @Test
    void cblMariner2Sqlite() throws IOException {
        List<OsPackage> packages = rpm("rpm/sqlite/cbl-mariner-2.0_rpmdb.sqlite");
        List<String> expected = ExpectedTsv.read(expected("rpm/sqlite/cbl-mariner-2.0_rpmdb.sqlite"));
        // The upstream test asserts one package (curl) of this database: it is there, with its size and licence.
        assertThat(ExpectedTsv.lines(packages)).containsAll(expected);
        OsPackage curl = packages.stream().filter(p -> p.name().equals("curl")).findFirst().orElseThrow();
        assertThat(curl.recordedSize()).isEqualTo(326023);
        assertThat(curl.licenses()).containsExactly("MIT");
        assertThat(curl.sourceName()).isEqualTo("curl");
        assertThat(packages).hasSize(129);
    }

    @Test
    void sle153NdbOf2022() throws IOException {
        List<OsPackage> packages = rpm("rpm/ndb/sle15.3-bci-minimal-2022_Packages.db");
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyElementsOf(ExpectedTsv.read(expected("rpm/ndb/sle15.3-bci-minimal-2022_Packages.db")));
    }

    @Test
    void sle153NdbOf2023() throws IOException {
        List<OsPackage> packages = rpm("rpm/ndb/sle15.3-bci-minimal-2023_Packages.db");
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyElementsOf(ExpectedTsv.read(expected("rpm/ndb/sle15.3-bci-minimal-2023_Packages.db")));
    }

    @Test
    void berkeleyDbRhel8Libuuid() throws IOException {
        List<OsPackage> packages = rpm("rpm/bdb/rhel8-libuuid-only_Packages");
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyElementsOf(ExpectedTsv.read(expected("rpm/bdb/rhel8-libuuid-only_Packages")));
        assertThat(packages.get(0).recordedSize()).isEqualTo(35104);
    }

    @Test
    void berkeleyDbWithEpoch() throws IOException {
        List<OsPackage> packages = rpm("rpm/bdb/custom-hello-epoch1-only_Packages");
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyElementsOf(ExpectedTsv.read(expected("rpm/bdb/custom-hello-epoch1-only_Packages")));
        assertThat(packages.get(0).fullVersion()).isEqualTo("1:0.0.1-rls");
    }

    @Test
    void berkeleyDbDive() throws IOException {
        List<OsPackage> packages = rpm("rpm/bdb/syft-dive-only_Packages");
        assertThat(ExpectedTsv.lines(packages))
                .containsExactlyElementsOf(ExpectedTsv.read(expected("rpm/bdb/syft-dive-only_Packages")));
        OsPackage dive = packages.get(0);
        assertThat(dive.recordedSize()).isEqualTo(12406784);
        assertThat(dive.licenses()).containsExactly("MIT");
        assertThat(dive.files()).containsExactly("/usr/local/bin/dive");
    }
}
