package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.InvalidVersionSpecificationException;
import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.inventory.MavenVersion;
import io.github.imagehygiene.analysis.inventory.PackageType;
import io.github.imagehygiene.analysis.inventory.VersionRange;
import io.github.imagehygiene.analysis.inventory.Versions;

/**
 * Version order: Maven's compared with maven-artifact's own ComparableVersion and VersionRange (the oracle), dpkg's
 * and rpm's with the orders their tools document.
 */
class VersionOrderTest {
    private static final List<String> MAVEN = List.of("1", "1.0", "1.0.0", "1-0", "1.0-0", "1.1", "1.0.1", "1.10",
            "1.9", "2", "2.0", "1-alpha", "1-alpha1", "1-alpha-1", "1-a1", "1-beta", "1-beta2", "1-b2", "1-milestone",
            "1-m1", "1-rc", "1-rc1", "1-cr1", "1-cr", "1-snapshot", "1-SNAPSHOT", "1.0-SNAPSHOT", "1-ga", "1-final",
            "1-release", "1-sp", "1-sp1", "1-foo", "1-foo2", "1-abc", "1.0.RELEASE", "1.0.Final", "5.3.20.RELEASE",
            "2.17.1", "2.17.0", "2.0-beta9", "2.0-rc1", "2.0", "2.14.1", "2.12.4", "2.3.2", "2.16.0", "2.15.0",
            "1.0a", "1.0b", "1.0-a", "1.0.a", "1.0-1", "1.0.1-1", "1-1.foo-bar1baz-.1", "1.0-alpha-10", "1.0-alpha-2",
            "1.0-RC1", "1.0-rc-1", "10.1.48", "3.5.7", "6.2.12", "1.15.5", "2.0.17", "1.5.20", "2.4", "0.9",
            "1.0.0.Alpha1", "4.1.100.Final", "4.1.100.Final-linux-x86_64", "32.1.3-jre", "32.1.3-android", "1.2.3-4-5",
            "1.x", "1.0.x", "20030203.000129", "0.0.1", "1.0-20080808.123456-1", "1.0-beta-1-SNAPSHOT", "9999999999",
            "10000000000", "12345678901234567890", "1.0.0-0.3.7", "1.0.0+build", "1-xyz-2", "1.2.3.4.5");

    @Test
    void mavenOrderIsComparableVersions() {
        List<String> all = new ArrayList<>(MAVEN);
        Random random = new Random(6);
        String[] parts = {"1", "0", "2", "10", "alpha", "a", "beta", "rc", "cr", "sp", "ga", "final", "snapshot", "x",
                "foo", "m", "b", "release", "00", "07"};
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder(parts[random.nextInt(4)]);
            for (int n = random.nextInt(4); n > 0; n--) {
                sb.append(random.nextInt(3) == 0 ? "-" : random.nextInt(4) == 0 ? "" : ".")
                        .append(parts[random.nextInt(parts.length)]);
            }
            all.add(sb.toString());
        }
        for (String a : all) {
            for (String b : all) {
                assertThat(Integer.signum(MavenVersion.compare(a, b)))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b))));
            }
        }
    }

    @Test
    void mavenRangesAreMavenRanges() throws InvalidVersionSpecificationException {
        List<String> ranges = List.of("[2.0,2.17.1)", "(,1.0]", "[1.2]", "[1.0,)", "(,1.0],[1.2,)", "(1.0,2.0)",
                "[2.0-beta9,2.15.0)", "[1.0-SNAPSHOT,1.0]");
        for (String spec : ranges) {
            VersionRange mine = VersionRange.parse(spec);
            org.apache.maven.artifact.versioning.VersionRange theirs =
                    org.apache.maven.artifact.versioning.VersionRange.createFromVersionSpec(spec);
            for (String v : MAVEN) {
                assertThat(mine.contains(PackageType.MAVEN, v)).as("%s in %s", v, spec)
                        .isEqualTo(theirs.containsVersion(new DefaultArtifactVersion(v)));
            }
        }
    }

    @Test
    void dpkgOrder() {
        // Debian policy §5.6.12 examples: ~ sorts before everything, even the end of the string
        List<String> ascending = List.of("1.0~rc1-1", "1.0-1", "1.0-1+b1", "1.0-2", "1.0a-1", "1.0.1-1", "1.1-1",
                "1:0.9-1", "2:0.1");
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertThat(Integer.signum(Versions.compare(PackageType.DEB, ascending.get(i), ascending.get(j))))
                        .as("%s vs %s", ascending.get(i), ascending.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
        assertThat(Versions.compare(PackageType.DEB, "3.0.11-1~deb12u2", "3.0.11-1")).isNegative();
    }

    @Test
    void rpmOrder() {
        List<String> ascending = List.of("1.0~rc1-1", "1.0-1", "1.0^git1-1", "1.0a-1", "1.0.1-1", "1.1-1.el8",
                "1.1-2.el8", "1.10-1", "1:0.1-1");
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertThat(Integer.signum(Versions.compare(PackageType.RPM, ascending.get(i), ascending.get(j))))
                        .as("%s vs %s", ascending.get(i), ascending.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void apkOrder() {
        List<String> ascending = List.of("1.2.3_alpha1-r0", "1.2.3_rc2-r0", "1.2.3-r0", "1.2.3-r1", "1.2.3_p1-r0",
                "1.2.3a-r0", "1.2.4-r0", "1.10-r0");
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertThat(Integer.signum(Versions.compare(PackageType.APK, ascending.get(i), ascending.get(j))))
                        .as("%s vs %s", ascending.get(i), ascending.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }
}
