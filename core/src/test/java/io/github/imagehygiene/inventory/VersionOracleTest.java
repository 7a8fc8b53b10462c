package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.maven.artifact.versioning.ComparableVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.analysis.inventory.MavenVersion;
import io.github.imagehygiene.analysis.inventory.PackageType;
import io.github.imagehygiene.analysis.inventory.Versions;
import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.testing.Tools;

/**
 * The version orders against the real tools on thousands of real version pairs: dpkg's against
 * {@code dpkg --compare-versions}, apk's against {@code apk version -t} of apk-tools 2.14.4 (the Alpine 3.20.3
 * minirootfs of the shared fixtures, run through its own musl loader), Maven's against maven-artifact's
 * ComparableVersion, rpm's against Debian's rpm 4.18 (its lua rpm.ver objects). The versions are real ones
 * (src/test/fixtures/versions/*.txt, written by collect-versions.py and collect-rpm-versions.py there, which name
 * the source of every version); the pairs are each version against its neighbour in our order
 * plus every pair of a fixed sample; the expected order comes only from the tool, at test time. Odd input (what the
 * tools refuse or barely accept) is compared the same way where the tool answers, and must never throw where it
 * refuses. The few assertions of osv.dev's own ecosystem tests that are about the order (not osv.dev's sentinels)
 * are checked as a second, independent oracle.
 */
class VersionOracleTest {
    private static final Path VERSIONS = Path.of("src/test/fixtures/versions");
    private static final char US = '\037'; // separates the two versions of a pair on a line of the tools' input
    private static final int MAX_REPORTED = 50;

    /** Inputs the tools refuse or only warn about; none is a real version from a package database. */
    private static final List<String> ODD = List.of("", "0", "00", "1", "0:0", "0:", ":1", "1:", "a", "A", "~", "~~",
            "1~", "1.0~", "+", ".", "1.0-", "1-", "1--1", "1-1-1", "1:1:1", "2147483647:1", "2147483648:1",
            "99999999999999999999:1", "00001:1", "1.0\u00e4", "1.0\u00e9-1", "1.0 ", " 1.0", "1_0", "1,0", "1.0-a:b",
            "1:a", "1.0+~", "\u0663", "\u0661.0", "1.0\uff11", "1.0-1~", "1.0-~", "9999999999999999999999",
            "1.00000000000000000000000000001", "1.0-0", "1.0-00", "1.0-r", "1.0-r0", "1.0_", "1.0_p", "1.0_pre",
            "1.0_prex", "1.0_rc_p", "1.0a1", "1.0aa", "1.0A", "1.0.a", "1..0", "1.0.", ".1", "1.0~abc", "1.0~abc-r1",
            "123456789012345678", "12345678901234567", "1.123456789012345678", "1.0_p123456789012345678",
            "1.0-r123456789012345678", "1.0_git20240101", "0.0.0_p1", "1.2.3_git20240101-r0", "1.0-R1", "v1.0",
            "1.0-SNAPSHOT", "1..", "-", "1-alpha-", "1.0.0.RELEASE", "1.0-rc-1-SNAPSHOT", "+1:1", "1:1", "1: 1");

    private record Pair(String a, String b) {
    }

    // --- dpkg ---------------------------------------------------------------------------------------------------

    /**
     * Reads pairs from file $2 ("A&lt;US&gt;B", one a line) and prints for each how dpkg ($1) orders A and B: &lt;, =
     * or &gt;, or ! when dpkg refuses one of them (a second call only when not &lt;).
     */
    private static final String DPKG_SCRIPT = """
            dpkg=$1
            us=$(printf '\\037')
            while IFS="$us" read -r a b; do
              "$dpkg" --compare-versions "$a" lt "$b" 2>/dev/null
              case $? in
                0) echo '<' ;;
                1) "$dpkg" --compare-versions "$a" eq "$b" 2>/dev/null
                   case $? in 0) echo '=' ;; 1) echo '>' ;; *) echo '!' ;; esac ;;
                *) echo '!' ;;
              esac
            done < "$2"
            """;

    @Test
    void dpkgOrderIsDpkgsOnRealVersions(@TempDir Path work) throws IOException {
        Path dpkg = Tools.require("/usr/bin/dpkg", "dpkg");
        List<Pair> pairs = pairs(PackageType.DEB, versions("deb.txt"), 120);
        List<String> theirs = runScript(work, DPKG_SCRIPT, dpkg.toString(), pairs);
        assertAgrees("dpkg --compare-versions", PackageType.DEB, pairs, theirs, false);
        assertThat(pairs).hasSizeGreaterThan(5000);
    }

    @Test
    void dpkgOrderIsDpkgsOnOddInput(@TempDir Path work) throws IOException {
        Path dpkg = Tools.require("/usr/bin/dpkg", "dpkg");
        // dpkg would read a leading '-' as an option
        List<Pair> pairs = allPairs(ODD.stream().filter(v -> !v.startsWith("-")).toList());
        List<String> theirs = runScript(work, DPKG_SCRIPT, dpkg.toString(), pairs);
        assertAgrees("dpkg --compare-versions", PackageType.DEB, pairs, theirs, true);
    }

    @Test
    void osvDevDpkgAssertions() {
        // google/osv.dev@7e6c189879195a8aad33ccbf27fe9344f3479632:osv/ecosystems/debian_test.py, test_dpkg and
        // test_ubuntu: every assertGreater / assertLess / assertGreaterEqual between two versions, as "lower <
        // higher" (its sentinel "0", '<end-of-life>' and 'invalid' cases are osv.dev conventions, left out)
        assertAscending(PackageType.DEB, List.of(
                "1.13.6-1 < 1.13.6-2", "1.2 < 1.2.3", "1.2-3 < 1.3", "1.2+deb11u5 < 1.3+deb11u1",
                "1.2+deb11u2 < 1.2+deb12u1", "1.14+deb10u3 < 1.18+deb11u3", "1.14+deb11 < 1.18+deb10",
                "37.52.0-e0 < 38.52.0-e1", "453 < 453-e1", "1.4.0-e0 < 1.4.0-e1", "7.64.3-e2 < 13.0.14.5-e1",
                "13.0.14.5-e1 < 16.6-e0", "1.2.0-1 < 1.10.0-1", "2.40.0+dfsg-3ubuntu0.5 < 2.42.8+dfsg-1ubuntu0.3",
                "2.42.8+dfsg-1ubuntu0.2 < 2.42.8+dfsg-1ubuntu0.3", "3.2.30-1 < 5.4.13-1",
                "2.2.8+dfsg-1ubuntu0.3 < 2.10.8+dfsg-1ubuntu0.3"));
    }

    // --- apk ----------------------------------------------------------------------------------------------------

    /** Like {@link #DPKG_SCRIPT}, with the minirootfs's apk ($1: where it is extracted). */
    private static final String APK_SCRIPT = """
            root=$1
            us=$(printf '\\037')
            while IFS="$us" read -r a b; do
              "$root/lib/ld-musl-x86_64.so.1" --library-path "$root/lib" "$root/sbin/apk" --root "$root" \\
                  version -t -- "$a" "$b" 2>/dev/null || echo '!'
            done < "$2"
            """;

    @Test
    void apkOrderIsApkToolsOnRealVersions(@TempDir Path work) throws IOException {
        Path root = alpineApk(work);
        List<Pair> pairs = pairs(PackageType.APK, versions("apk.txt"), 50); // about 4 ms of CPU a pair
        List<String> theirs = runScript(work, APK_SCRIPT, root.toString(), pairs);
        assertAgrees("apk version -t", PackageType.APK, pairs, theirs, false);
        assertThat(pairs).hasSizeGreaterThan(3000);
    }

    @Test
    void apkOrderIsApkToolsOnOddInput(@TempDir Path work) throws IOException {
        Path root = alpineApk(work);
        List<Pair> pairs = allPairs(ODD);
        List<String> theirs = runScript(work, APK_SCRIPT, root.toString(), pairs);
        assertAgrees("apk version -t", PackageType.APK, pairs, theirs, false); // apk answers every pair
    }

    @Test
    void osvDevApkAssertions() {
        // google/osv.dev@7e6c189879195a8aad33ccbf27fe9344f3479632:osv/ecosystems/alpine_test.py, test_apk: its
        // comparisons of two versions as "lower < higher" (the sentinel "0" and 'invalid' cases left out: osv.dev puts
        // the string 'invalid' after every version, apk-tools reads it as 0 and letters); "1-0-0", which apk calls
        // invalid, apk also puts after 1.13.2-r0
        assertAscending(PackageType.APK, List.of(
                "1.9.5p2 < 1.9.5p3", "1.9.5 < 1.9.5p1", "1.13.2_alpha < 1.13.2-r0", "1.13.2-r0 < 1-0-0",
                "37.52.0-r0 < 38.52.0-r0", "453 < 453-r1", "1.4.0-r0 < 1.4.0-r1", "7.64.3-r2 < 13.0.14.5-r1",
                "13.0.14.5-r1 < 16.6-r0", "1.2.0-r0 < 1.10.0-r0"));
    }

    // --- rpm ----------------------------------------------------------------------------------------------------

    /**
     * Reads pairs from the file in {@code pairs_file} and prints for each how rpm orders A and B as rpm.ver objects
     * (epoch, version, release: rpmverCmp, what rpm -q --qf and dnf compare with): &lt;, = or &gt;, or ! when rpm
     * refuses one of them.
     */
    private static final String RPM_LUA = """
            for line in io.lines(pairs_file) do
              local a, b = line:match("^(.-)\\031(.*)$")
              local ok, r = pcall(function()
                local x, y = rpm.ver(a), rpm.ver(b)
                if x < y then return '<' elseif x == y then return '=' else return '>' end
              end)
              io.write(ok and r or '!', '\\n')
            end
            """;

    /**
     * rpm ($1) runs {@link #RPM_LUA} (beside this script) over the pairs of file $2, in one process; the empty line
     * that --eval prints as the macro's own expansion is left out.
     */
    private static final String RPM_SCRIPT = """
            set -e
            "$1" --eval "%{lua: pairs_file='$2'; dofile('$(dirname "$0")/compare.lua')}" > "$2.out"
            grep -v '^$' "$2.out" || true
            """;

    @Test
    void rpmOrderIsRpmsOnRealVersions(@TempDir Path work) throws IOException {
        Path rpm = Tools.require("/usr/bin/rpm", "rpm");
        Files.writeString(work.resolve("compare.lua"), RPM_LUA);
        List<Pair> pairs = pairs(PackageType.RPM, versions("rpm.txt"), 120);
        List<String> theirs = runScript(work, RPM_SCRIPT, rpm.toString(), pairs);
        assertAgrees("rpm's rpm.ver", PackageType.RPM, pairs, theirs, false);
        assertThat(pairs).hasSizeGreaterThan(5000);
    }

    @Test
    void rpmOrderIsRpmsOnOddInput(@TempDir Path work) throws IOException {
        Path rpm = Tools.require("/usr/bin/rpm", "rpm");
        Files.writeString(work.resolve("compare.lua"), RPM_LUA);
        // Where one side has a release and the other none, rpm.ver puts the one without first, while ours (as rpm's
        // dependency ranges, rpmdsCompare) lets a bound without release match every release: "openssl < 3.0.8"
        // written by a user means every 3.0.8 release. Real versions (above) always have one; those pairs are left out.
        List<Pair> pairs = allPairs(ODD).stream()
                .filter(p -> rpmHasRelease(p.a()) == rpmHasRelease(p.b())).toList();
        List<String> theirs = runScript(work, RPM_SCRIPT, rpm.toString(), pairs);
        assertAgrees("rpm's rpm.ver", PackageType.RPM, pairs, theirs, true);
        assertThat(pairs).hasSizeGreaterThan(1000);
    }

    /** Whether it has a release: a '-' after the epoch (digits and a colon), or anywhere when rpm reads no epoch. */
    private static boolean rpmHasRelease(String evr) {
        return evr.replaceFirst("^\\d*:", "").contains("-");
    }

    // --- Maven --------------------------------------------------------------------------------------------------

    @Test
    void mavenOrderIsComparableVersionsOnRealVersions() {
        List<String> versions = versions("maven.txt");
        List<Pair> pairs = pairs(PackageType.MAVEN, versions, 1000);
        // parsed once each: half a million pairs
        Map<String, ComparableVersion> maven = new HashMap<>();
        Map<String, MavenVersion> mine = new HashMap<>();
        for (String v : versions) {
            maven.put(v, new ComparableVersion(v));
            mine.put(v, MavenVersion.of(v));
        }
        List<String> theirs = pairs.stream().map(p -> sign(maven.get(p.a()).compareTo(maven.get(p.b())))).toList();
        assertAgrees("ComparableVersion", (a, b) -> mine.get(a).compareTo(mine.get(b)), PackageType.MAVEN, pairs,
                theirs, false);
        assertThat(pairs).hasSizeGreaterThan(100_000);
    }

    @Test
    void mavenOrderIsComparableVersionsOnOddInput() {
        List<Pair> pairs = allPairs(ODD);
        List<String> theirs = pairs.stream()
                .map(p -> sign(new ComparableVersion(p.a()).compareTo(new ComparableVersion(p.b())))).toList();
        assertAgrees("ComparableVersion", PackageType.MAVEN, pairs, theirs, false);
    }

    @Test
    void osvDevMavenAssertions() {
        // google/osv.dev@7e6c189879195a8aad33ccbf27fe9344f3479632:osv/ecosystems/maven_test.py (largely Maven's own
        // ComparableVersionTest cases): test_versions_qualifiers, test_versions_number, test_versions_order,
        // MNG-5568, MNG-6572 and test_version_zero (its sentinel "0" case left out); each list ascending, as its
        // check_versions_order compares every pair of it
        List<List<String>> ascending = List.of(
                List.of("1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11",
                        "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def",
                        "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123"),
                List.of("2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c",
                        "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11",
                        "11", "11.a", "11b", "11c", "11m"),
                List.of("1", "2"), List.of("1.5", "2"), List.of("1", "2.5"), List.of("1.0", "1.1"),
                List.of("1.1", "1.2"), List.of("1.0.0", "1.1"), List.of("1.0.1", "1.1"), List.of("1.1", "1.2.0"),
                List.of("1.0-alpha-1", "1.0"), List.of("1.0-alpha-1", "1.0-alpha-2"),
                List.of("1.0-alpha-1", "1.0-beta-1"), List.of("1.0-beta-1", "1.0-SNAPSHOT"),
                List.of("1.0-SNAPSHOT", "1.0"), List.of("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"),
                List.of("1.0", "1.0-1"), List.of("1.0-1", "1.0-2"), List.of("1.0.0", "1.0-1"),
                List.of("2.0-1", "2.0.1"), List.of("2.0.1-klm", "2.0.1-lmn"), List.of("2.0.1", "2.0.1-xyz"),
                List.of("2.0.1", "2.0.1-123"), List.of("2.0.1-xyz", "2.0.1-123"), List.of("0-alpha-alpha", "0-alpha"),
                List.of("alpha", "0.0"), List.of("6.1.0rc3", "6.1.0", "6.1H.5-beta"),
                List.of("20190126.230843", "1234567890.12345", "123456789012345.1H.5-beta",
                        "12345678901234567890.1H.5-beta"),
                List.of("0.0", "1"), List.of("0.0.0-2021-05-17T01-01-51-5ec03a8b", "20.0.0"));
        // test_versions_equal and test_version_zero: each group equal
        List<List<String>> equal = List.of(List.of("1", "1.0", "1.0.0", "1-0", "1.0-0"),
                List.of("1a", "1-a", "1.0-a", "1.0.0-a", "1.0a", "1.0.0a"), List.of("1x", "1-x", "1.0-x", "1.0.0-x",
                        "1.0x", "1.0.0x"),
                List.of("1ga", "1release", "1final", "1", "1Ga", "1GA", "1RELEASE", "1RELeaSE", "1Final", "1FinaL",
                        "1FINAL"),
                List.of("1cr", "1rc", "1Cr", "1Rc", "1cR", "1rC"), List.of("1a1", "1-alpha-1"), List.of("1b2", "1-beta-2"),
                List.of("1m3", "1-milestone-3", "1Milestone3", "1MileStone3", "1MILESTONE3"), List.of("1X", "1x"),
                List.of("1A", "1a"), List.of("1B", "1b"), List.of("1M", "1m"), List.of("1", "01", "001"),
                List.of("1.1", "1.01", "1.001"), List.of("1-1", "1-01", "1-001"), List.of("0.0.0", "0.0", "0-0"),
                List.of("0.0.0-0.0.0", "0-final-ga", "0-0"));
        List<String[]> claims = new ArrayList<>(); // {lower, higher, "<"} or {a, b, "="}
        for (List<String> list : ascending) {
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    claims.add(new String[] {list.get(i), list.get(j), "<"});
                }
            }
        }
        for (List<String> group : equal) {
            for (String v : group.subList(1, group.size())) {
                claims.add(new String[] {group.get(0), v, "="});
            }
        }
        // osv.dev's list is older Maven's order: where maven-artifact (the project's Maven, 3.9.9) now orders a
        // pair otherwise (2.0.a = 2.0.0.a = 2-a since Maven 3.9), ours follows maven-artifact; those are reported
        List<String> wrong = new ArrayList<>();
        List<String> mavenDiffers = new ArrayList<>();
        for (String[] c : claims) {
            String maven = sign(new ComparableVersion(c[0]).compareTo(new ComparableVersion(c[1])));
            String ours = sign(MavenVersion.compare(c[0], c[1]));
            String expected = maven.equals(c[2]) ? c[2] : maven;
            if (!maven.equals(c[2])) {
                mavenDiffers.add(c[0] + " " + c[2] + " " + c[1] + " (maven-artifact: " + maven + ")");
            }
            if (!ours.equals(expected)) {
                wrong.add(c[0] + " " + expected + " " + c[1] + ", ours " + ours);
            }
        }
        System.err.println("osv.dev Maven assertions maven-artifact orders otherwise: " + mavenDiffers);
        assertThat(wrong).as("osv.dev's Maven assertions (as maven-artifact has them) our order breaks").isEmpty();
        assertThat(mavenDiffers.size()).as("osv.dev's assertions maven-artifact breaks").isLessThan(claims.size() / 10);
    }

    // --- every order --------------------------------------------------------------------------------------------

    /** Odd input never throws, and every order stays antisymmetric and reflexive on it. */
    @Test
    void oddInputNeverThrows() {
        List<String> odd = new ArrayList<>(ODD);
        odd.addAll(List.of("1:1.0-1.el8", "1.0^git1-1", "99999999999999999999:1.0-1", "\u0663:1", "1.0-1.\u00e9l8"));
        for (PackageType type : PackageType.values()) {
            for (String a : odd) {
                for (String b : odd) {
                    assertThatCode(() -> Versions.compare(type, a, b)).as("%s: '%s' vs '%s'", type, a, b)
                            .doesNotThrowAnyException();
                    assertThat(Integer.signum(Versions.compare(type, a, b)))
                            .as("%s: '%s' vs '%s', both ways", type, a, b)
                            .isEqualTo(-Integer.signum(Versions.compare(type, b, a)));
                }
                assertThat(Versions.compare(type, a, a)).as("%s: '%s' vs itself", type, a).isZero();
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The versions of a fixture file: one a line, '#' lines are comments. */
    private static List<String> versions(String file) {
        try {
            return Files.readAllLines(VERSIONS.resolve(file), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).distinct().toList();
        } catch (IOException e) {
            throw new IllegalStateException(VERSIONS.resolve(file) + ": run collect-versions.py there", e);
        }
    }

    /**
     * Each version against its neighbour after sorting in our order, plus every pair of {@code sample} versions
     * chosen with a fixed seed; each pair once, the lower (in our order) first.
     */
    private static List<Pair> pairs(PackageType type, List<String> versions, int sample) {
        List<String> sorted = new ArrayList<>(versions);
        try {
            sorted.sort((x, y) -> Versions.compare(type, x, y));
        } catch (IllegalArgumentException notTransitive) {
            // TimSort noticed an order that is not transitive: the pairs still compare, in text order
            System.err.println(type + ": our order is not transitive on these versions: " + notTransitive);
            Collections.sort(sorted);
        }
        Set<Pair> pairs = new LinkedHashSet<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            pairs.add(new Pair(sorted.get(i), sorted.get(i + 1)));
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            chosen.add(i);
        }
        Collections.shuffle(chosen, new Random(20));
        chosen = new ArrayList<>(chosen.subList(0, Math.min(sample, chosen.size())));
        Collections.sort(chosen);
        for (int i = 0; i < chosen.size(); i++) {
            for (int j = i + 1; j < chosen.size(); j++) {
                pairs.add(new Pair(sorted.get(chosen.get(i)), sorted.get(chosen.get(j))));
            }
        }
        return List.copyOf(pairs);
    }

    private static List<Pair> allPairs(List<String> versions) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            for (int j = i + 1; j < versions.size(); j++) {
                pairs.add(new Pair(versions.get(i), versions.get(j)));
            }
        }
        return pairs;
    }

    /**
     * Runs a tool script over the pairs, split in one part per processor run side by side (one tool process per
     * pair costs a few milliseconds); its answers, one per pair.
     */
    private static List<String> runScript(Path work, String script, String toolArgument, List<Pair> pairs)
            throws IOException {
        Path sh = Tools.require("/bin/sh", "sh");
        Path scriptFile = Files.writeString(work.resolve("compare.sh"), script);
        int parts = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        List<List<String>> commands = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            StringBuilder lines = new StringBuilder();
            for (int i = part * pairs.size() / parts; i < (part + 1) * pairs.size() / parts; i++) {
                lines.append(pairs.get(i).a()).append(US).append(pairs.get(i).b()).append('\n');
            }
            Path input = Files.writeString(work.resolve("pairs." + part), lines, StandardCharsets.UTF_8);
            commands.add(List.of(sh.toString(), scriptFile.toString(), toolArgument, input.toString()));
        }
        List<String> answers = Tools.runAll(commands);
        assertThat(answers).as("one answer per pair").hasSize(pairs.size());
        return answers;
    }

    /**
     * Every pair where the tool answers must be ordered alike; where it refuses a version ("!", only allowed with
     * {@code mayRefuse}) ours must still answer. All mismatches are listed (the first 50).
     */
    private static void assertAgrees(String tool, PackageType type, List<Pair> pairs, List<String> theirs,
            boolean mayRefuse) {
        assertAgrees(tool, (a, b) -> Versions.compare(type, a, b), type, pairs, theirs, mayRefuse);
    }

    private static void assertAgrees(String tool, BiFunction<String, String, Integer> ours, PackageType type,
            List<Pair> pairs, List<String> theirs, boolean mayRefuse) {
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            String mine = sign(ours.apply(p.a(), p.b()));
            String answer = theirs.get(i);
            if (answer.equals("!") && mayRefuse) {
                refused++;
            } else if (!mine.equals(answer)) {
                wrong.add("'" + p.a() + "' vs '" + p.b() + "': " + tool + " says " + answer + ", ours " + mine);
            }
        }
        System.err.printf("%s: %d pairs compared with %s, %d of them refused by it, %d disagree%n", type,
                pairs.size(), tool, refused, wrong.size());
        assertThat(wrong).as("%d of %d pairs ordered unlike %s:%n%s", wrong.size(), pairs.size(), tool,
                String.join("\n", wrong.subList(0, Math.min(MAX_REPORTED, wrong.size())))).isEmpty();
        assertThat(refused).as("pairs %s refused", tool).isLessThan(pairs.size());
    }

    private static final Pattern ASSERTION = Pattern.compile("(\\S+) < (\\S+)");

    private static void assertAscending(PackageType type, List<String> assertions) {
        List<String> wrong = new ArrayList<>();
        for (String assertion : assertions) {
            var m = ASSERTION.matcher(assertion);
            assertThat(m.matches()).as(assertion).isTrue();
            if (Versions.compare(type, m.group(1), m.group(2)) >= 0
                    || Versions.compare(type, m.group(2), m.group(1)) <= 0) {
                wrong.add(assertion);
            }
        }
        assertThat(wrong).as("osv.dev's %s assertions our order breaks", type).isEmpty();
    }

    private static String sign(int c) {
        return c < 0 ? "<" : c > 0 ? ">" : "=";
    }

    /**
     * apk and its libraries (lib/, sbin/apk) from the shared Alpine 3.20.3 minirootfs, extracted under {@code work};
     * the root to run it from.
     */
    private static Path alpineApk(Path work) throws IOException {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").equals("Linux") || !arch.equals("amd64") && !arch.equals("x86_64")) {
            Tools.skip("apk of the x86_64 Alpine minirootfs cannot run on " + System.getProperty("os.name") + " "
                    + arch);
        }
        Path tarball = Fixtures.shared("pkgdb/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz");
        Path root = work.resolve("alpine");
        Pattern wanted = Pattern.compile("(\\./)?(lib/[^/]+|sbin/apk)");
        try (InputStream raw = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                var m = wanted.matcher(e.getName());
                if (!m.matches()) {
                    continue;
                }
                Path target = root.resolve(m.group(2));
                Files.createDirectories(target.getParent());
                if (e.isSymbolicLink() && !e.getLinkName().contains("/")) {
                    Files.createSymbolicLink(target, Path.of(e.getLinkName())); // libz.so.1 -> libz.so.1.3.1
                } else if (e.isFile()) {
                    Files.copy(tar, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        Path loader = root.resolve("lib/ld-musl-x86_64.so.1");
        Tools.require(loader.toString(), "the minirootfs's musl loader");
        List<String> version = Tools.run(List.of(loader.toString(), "--library-path", root.resolve("lib").toString(),
                root.resolve("sbin/apk").toString(), "--version"));
        assertThat(version).as("apk --version").first().asString().startsWith("apk-tools 2.14.4");
        return root;
    }
}
