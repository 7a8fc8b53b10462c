package io.github.imagehygiene.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.ImageDiff;
import io.github.imagehygiene.analysis.baseline.Snapshot;
import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.testing.CapturedLog;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Packages of one name more than once: dpkg's multiarch (libc6 of amd64 and of i386) and a second copy of a jar at
 * another version (an old log4j-core beside the new one). The images (baseline/packages-before and -after, made by
 * make-hostile.py) are read by Python for what each holds (read-image.py packages: dpkg's stanzas, each jar's
 * pom.properties); the diff must list what came in, whether the baseline is the image or its report.
 */
class PackageDiffTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** "deb libc6 i386 2.36-9+deb12u4", "maven log4j-core  2.14.1": as Python reads them. */
    static List<String> python(Path image) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode p : BaselineDiffTest.python("packages", image)) {
            out.add(p.get("type").asText() + " " + p.get("name").asText() + " " + p.path("arch").asText("") + " "
                    + p.get("version").asText());
        }
        return out;
    }

    /** The same of the tool's Package URLs: pkg:TYPE/NAMESPACE/NAME@VERSION?arch=ARCH&... . */
    static List<String> fromPurls(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : list) {
            String purl = p.get("purl").asText();
            String type = purl.substring(4, purl.indexOf('/'));
            String name = purl.substring(purl.lastIndexOf('/', purl.indexOf('@')) + 1, purl.indexOf('@'));
            int q = purl.indexOf('?');
            String version = URLDecoder.decode(purl.substring(purl.indexOf('@') + 1, q < 0 ? purl.length() : q),
                    StandardCharsets.UTF_8);
            String arch = "";
            if (q >= 0) {
                for (String pair : purl.substring(q + 1).split("&")) {
                    if (pair.startsWith("arch=")) {
                        arch = pair.substring(5);
                    }
                }
            }
            out.add(type + " " + name + " " + arch + " " + version);
        }
        return out;
    }

    static List<String> minus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        b.forEach(out::remove);
        return out;
    }

    @Test
    void duplicatesAreAddedAndRemovedNotHidden() throws Exception {
        Path before = Fixtures.image("baseline/packages-before.oci.tar");
        Path after = Fixtures.image("baseline/packages-after.oci.tar");
        List<String> was = python(before);
        List<String> now = python(after);
        List<String> cameIn = minus(now, was);
        assertThat(cameIn).containsExactlyInAnyOrder("deb libc6 i386 2.36-9+deb12u4",
                "maven log4j-core  2.14.1");
        assertThat(minus(was, now)).isEmpty();

        ImageCheck.run(CheckSettings.builder().image(before.toString()).reportDirectory(dir.resolve("before"))
                .build(), new CapturedLog());
        ImageCheck.run(CheckSettings.builder().image(after.toString()).reportDirectory(dir.resolve("after"))
                .build(), new CapturedLog());
        String[][] runs = {{after.toString(), before.toString(), "image"},
            {after.toString(), dir.resolve("before/report.json").toString(), "report"},
            {before.toString(), after.toString(), "image-back"},
            {before.toString(), dir.resolve("after/report.json").toString(), "report-back"}};
        for (String[] r : runs) {
            ImageCheck.run(CheckSettings.builder().image(r[0]).baseline(r[1]).reportDirectory(dir.resolve(r[2]))
                    .build(), new CapturedLog());
            JsonNode p = JSON.readTree(dir.resolve(r[2]).resolve("report.json").toFile()).at("/diff/packages");
            boolean back = r[2].endsWith("-back");
            assertThat(fromPurls(p.get(back ? "removed" : "added"))).as(r[2])
                    .containsExactlyInAnyOrderElementsOf(cameIn);
            assertThat(p.get(back ? "added" : "removed")).as(r[2]).isEmpty();
            assertThat(p.get("changed")).as(r[2]).isEmpty();
        }
    }

    /**
     * Versions pair up under one identity: the one on both sides is unchanged, the others change in version order,
     * what is left over is added or removed. Written out by hand.
     */
    @Test
    void versionsOfOneIdentityPairUp() {
        String log4j = "pkg:maven/org.apache.logging.log4j/log4j-core@";
        Snapshot before = snapshot(List.of(new Snapshot.Package(log4j + "2.14.1", "2.14.1", 100),
                new Snapshot.Package(log4j + "2.17.1", "2.17.1", 200),
                new Snapshot.Package("pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12", "2.36-9", 10),
                new Snapshot.Package("pkg:deb/debian/libc6@2.36-9?arch=i386&distro=debian-12", "2.36-9", 20)));
        Snapshot after = snapshot(List.of(new Snapshot.Package(log4j + "2.17.1", "2.17.1", 200),
                new Snapshot.Package(log4j + "2.17.2", "2.17.2", 210),
                new Snapshot.Package("pkg:deb/debian/libc6@2.36-10?arch=i386&distro=debian-12", "2.36-10", 21),
                new Snapshot.Package("pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12", "2.36-9", 10)));
        Baseline b = new Baseline("b.json", "report", "b.tar", "linux/amd64", before, List.of("linux/amd64"),
                List.of(), false, UnaryOperator.identity());
        ImageDiff.Packages p = ImageDiff.between(b, after, path -> -1).packages();
        assertThat(p.added()).isEmpty();
        assertThat(p.removed()).isEmpty();
        assertThat(p.changed()).containsExactly(
                new ImageDiff.Changed("pkg:maven/org.apache.logging.log4j/log4j-core", "2.14.1", "2.17.2", 100, 210),
                new ImageDiff.Changed("pkg:deb/debian/libc6?arch=i386", "2.36-9", "2.36-10", 20, 21));
    }

    static Snapshot snapshot(List<Snapshot.Package> packages) {
        return new Snapshot("x.tar", "sha256:0", "linux/amd64", 0, 0, false, List.of(), packages, List.of());
    }
}
