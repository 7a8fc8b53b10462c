package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HygieneFigures;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.analysis.hygiene.Reclaimable;
import io.github.imagehygiene.analysis.hygiene.Reclaimable.How;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.hygiene.MaxReclaimableRule;
import io.github.imagehygiene.testing.Fixtures;

/**
 * Reclaimable bytes: stored in a layer, hidden in the final filesystem. Expected values come from the tar listings
 * the tools wrote (the facts files of build-hygiene-fixtures.sh, and the listings quoted below), never from the code
 * under test.
 */
class ReclaimableTest {

    private static String line(Reclaimable.Item i) {
        return i.path() + ":" + i.bytes() + ":" + i.addedIn() + ":" + i.hiddenIn() + ":" + i.how().id();
    }

    /**
     * dive's test-docker-image.tar, from `tar -tvf` of its layers: somefile1.txt (6405 B, rw-r--r--) in #4, again as
     * r--r--r-- in #5 (chmod 444); somefile2.txt in #6; somefile3.txt in #7, whited out in #8; saved.txt in #8, again
     * as rwxr-xr-x in #14 (chmod +x); root/.wh.example in #10 deletes the directory with somefile1 and somefile2.
     */
    @Test
    void everyWayOfHidingInDivesImage() {
        Reclaimable r = Reclaimable.of(HygieneFixtures.analyse(Fixtures.shared("dive/test-docker-image.tar")));
        assertThat(r.items()).extracting(Reclaimable.Item::path, Reclaimable.Item::bytes, Reclaimable.Item::addedIn,
                Reclaimable.Item::hiddenIn, Reclaimable.Item::how).containsExactly(
                tuple("/root/example/somefile1.txt", 6405L, 4, 5, How.METADATA),
                tuple("/root/example/somefile1.txt", 6405L, 5, 10, How.DIRECTORY_DELETED),
                tuple("/root/example/somefile2.txt", 6405L, 6, 10, How.DIRECTORY_DELETED),
                tuple("/root/example/somefile3.txt", 6405L, 7, 8, How.DELETED),
                tuple("/root/saved.txt", 6405L, 8, 14, How.METADATA));
        assertThat(r.bytes()).isEqualTo(5 * 6405L);
        assertThat(r.imageContentBytes()).isEqualTo(1220598L);
    }

    /** busybox-app: blob.bin (102400 B, layer 3) whited out by layer 4 (expected.properties: whiteouts). */
    @Test
    void busyboxAppDeletedBlob() {
        Reclaimable r = Reclaimable.of(HygieneFixtures.analyse(Fixtures.image("busybox-app.docker.tar")));
        assertThat(Fixtures.expected("busybox-app.docker.whiteouts")).isEqualTo("3:app/data/.wh.blob.bin");
        assertThat(r.items()).extracting(ReclaimableTest::line).containsExactly("/app/data/blob.bin:102400:3:4:deleted");
    }

    /**
     * The committed reclaim image (hygiene/reclaim/Dockerfile): layer #2 writes the files, #3 overwrites one, #4
     * chmods one, #5 removes a directory (rm -rf), #6 removes a file. The sizes are the Dockerfile's and the tar
     * listing's (layer.2./data = all six files).
     */
    @Test
    void overwriteChmodRmDirAndRmFileInLaterLayers() {
        HygieneFixtures.Facts facts = HygieneFixtures.committedFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.committed("reclaim.docker.tar"));
        Reclaimable r = Reclaimable.of(a);
        assertThat(r.items()).extracting(ReclaimableTest::line).containsExactly(
                "/data/overwritten.bin:20000:2:3:overwritten",
                "/data/chmodded.bin:15000:2:4:metadata",
                "/data/gone.bin:9000:2:6:deleted",
                "/data/dir/sub/b.bin:6000:2:5:directory-deleted",
                "/data/dir/a.bin:4000:2:5:directory-deleted");
        // the listings agree: layer 2 stored 54100 bytes under /data, of which only kept.txt (100 B) is not hidden
        // later; the final /data holds kept.txt, the 5000-byte rewrite and the chmodded copy
        assertThat(facts.bytesAndFiles("reclaim.layer.2./data")).containsExactly(54100L, 6L);
        assertThat(r.bytes()).isEqualTo(facts.bytesAndFiles("reclaim.layer.2./data")[0] - 100);
        assertThat(facts.bytesAndFiles("reclaim.final./data")).containsExactly(100L + 5000 + 15000, 3L);
        assertThat(facts.list("reclaim.whiteouts", "|")).containsExactly("5:/data/.wh.dir", "6:/data/.wh.gone.bin");
        // and the independent re-implementation in hygiene-facts.py found the same items
        assertThat(r.items()).extracting(ReclaimableTest::line)
                .containsExactlyElementsOf(facts.list("reclaim.reclaimable.items", "|"));
        assertThat(r.imageContentBytes()).isEqualTo(facts.number("reclaim.contentTotal"));
    }

    /**
     * The committed opaque image, built by dockerd with the overlay2 driver: /data/cache removed and re-created in one
     * RUN gives layer #3 the opaque whiteout data/cache/.wh..wh..opq, hiding both files layer #2 stored there.
     */
    @Test
    void opaqueDirectoryHidesWhatLowerLayersStored() {
        HygieneFixtures.Facts facts = HygieneFixtures.committedFacts();
        Reclaimable r = Reclaimable.of(HygieneFixtures.analyse(HygieneFixtures.committed("opaque.docker.tar")));
        assertThat(facts.get("opaque.whiteouts")).isEqualTo("3:/data/cache/.wh..wh..opq");
        assertThat(r.items()).extracting(ReclaimableTest::line).containsExactly(
                "/data/cache/old1.bin:7000:2:3:opaque", "/data/cache/old2.bin:3000:2:3:opaque");
        assertThat(r.bytes()).isEqualTo(facts.bytesAndFiles("opaque.layer.2./data/cache")[0]);
        assertThat(r.items()).extracting(ReclaimableTest::line)
                .containsExactlyElementsOf(facts.list("opaque.reclaimable.items", "|"));
    }

    /**
     * apt-get install in #2, cleaned by a later RUN (#3): every apt list of #2 and everything in /var/cache/apt (the
     * .debs debootstrap left in the base layer #1, and #2's caches) is deleted by #3, and still stored.
     */
    @Test
    void aptCleanedInALaterRun() {
        HygieneFixtures.Facts facts = HygieneFixtures.largeFacts();
        Reclaimable r = Reclaimable.of(HygieneFixtures.analyse(HygieneFixtures.large("hygiene-apt-later.docker.tar")));
        long lists = facts.bytesAndFiles("apt-later.layer.2./var/lib/apt/lists")[0];
        long cache = facts.bytesAndFiles("apt-later.layer.1./var/cache/apt")[0]
                + facts.bytesAndFiles("apt-later.layer.2./var/cache/apt")[0];
        assertThat(facts.get("apt-later.final./var/lib/apt/lists")).isEqualTo("0:0:-");
        assertThat(byHow(r.items())).containsEntry("deleted", lists + cache);
        assertThat(r.items()).filteredOn(i -> i.how() == How.DELETED).allSatisfy(i -> {
            assertThat(i.hiddenIn()).isEqualTo(3);
            assertThat(i.path()).matches("/var/lib/apt/lists/.+|/var/cache/apt/.+");
        });
        assertThat(r.items().stream().filter(i -> i.path().startsWith("/var/lib/apt/lists/"))
                .mapToLong(Reclaimable.Item::bytes).sum()).isEqualTo(lists);
        assertThat(r.bytes()).isEqualTo(facts.number("apt-later.reclaimable.bytes"));
        assertThat(r.items()).hasSize((int) facts.number("apt-later.reclaimable.count"));
        assertThat(r.items().subList(0, 30)).extracting(ReclaimableTest::line)
                .containsExactlyElementsOf(facts.list("apt-later.reclaimable.items", "|"));
        assertThat(byHow(r.items())).isEqualTo(howFacts(facts, "apt-later"));
    }

    /** Installed and cleaned in the same RUN: nothing of the lists is stored; only the base's .debs and dpkg files. */
    @Test
    void aptCleanedInTheSameRun() {
        HygieneFixtures.Facts facts = HygieneFixtures.largeFacts();
        Reclaimable r = Reclaimable.of(HygieneFixtures.analyse(HygieneFixtures.large("hygiene-apt-same.docker.tar")));
        assertThat(r.items()).noneMatch(i -> i.path().startsWith("/var/lib/apt/lists/"));
        assertThat(byHow(r.items())).containsEntry("deleted",
                facts.bytesAndFiles("apt-same.layer.1./var/cache/apt")[0]);
        assertThat(r.bytes()).isEqualTo(facts.number("apt-same.reclaimable.bytes"));
        assertThat(byHow(r.items())).isEqualTo(howFacts(facts, "apt-same"));
        assertThat(r.items().subList(0, 30)).extracting(ReclaimableTest::line)
                .containsExactlyElementsOf(facts.list("apt-same.reclaimable.items", "|"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"apt-dirty", "lint", "boot-fat", "boot-layered", "boot-misordered", "boot-onelayer",
        "boot-jib", "boot-shaded"})
    void largeImagesAgreeWithTheListings(String name) {
        HygieneFixtures.Facts facts = HygieneFixtures.largeFacts();
        Reclaimable r = Reclaimable.of(HygieneFixtures.analyse(HygieneFixtures.large(facts.get(name + ".file"))));
        assertThat(r.bytes()).isEqualTo(facts.number(name + ".reclaimable.bytes"));
        assertThat(r.items()).extracting(ReclaimableTest::line)
                .containsExactlyElementsOf(facts.list(name + ".reclaimable.items", "|"));
    }

    @Test
    void maxReclaimableTakesBytesOrAShare() {
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.committed("reclaim.docker.tar"));
        // 54000 of the 127980 bytes the layers store (reclaim.contentTotal)
        assertThat(HygieneRules.maxReclaimable(null).evaluate(a))
                .isEqualTo(Outcome.notSet("54.0 KB reclaimable (42.19 %), no budget set"));
        assertThat(HygieneRules.maxReclaimable("54000").evaluate(a))
                .isEqualTo(Outcome.of("54.0 KB reclaimable of 54000 B", List.of()));
        assertThat(HygieneRules.maxReclaimable("50%").evaluate(a))
                .isEqualTo(Outcome.of("42.19 % reclaimable (maximum 50 %)", List.of()));
        Outcome bytes = HygieneRules.maxReclaimable("50KB").evaluate(a);
        assertThat(bytes.summary()).isEqualTo("54.0 KB reclaimable of 50 KB");
        assertThat(bytes.messages()).containsExactly("54.0 KB stored in layers but hidden in the final filesystem"
                + " (42.19 % of the 128.0 KB the layers store), 4.0 KB over the budget of 50 KB; largest:"
                + " /data/overwritten.bin 20.0 KB added by #2 (/fxtool write /data/overwritten.bin 20000 write...),"
                + " overwritten by #3 (/fxtool write /data/overwritten.bin 5000), /data/chmodded.bin 15.0 KB added by"
                + " #2 (/fxtool write /data/overwritten.bin 20000 write...), copied again by a mode/owner-only change"
                + " (chmod/chown) in #4 (/fxtool chmod 600 /data/chmodded.bin), /data/gone.bin 9.0 KB added by #2"
                + " (/fxtool write /data/overwritten.bin 20000 write...), deleted by #6 (/fxtool rm /data/gone.bin),"
                + " 2 more files (10.0 KB); delete files in the same RUN that creates them (a later rm only hides"
                + " them), or build in a separate stage and COPY only what the image needs; write each file once, in"
                + " its final form; set mode and owner when adding files (COPY --chmod/--chown, or chmod/chown in the"
                + " same RUN) instead of in a later layer, which stores every file it touches again");
        Outcome share = HygieneRules.maxReclaimable("10%").evaluate(a);
        assertThat(share.summary()).isEqualTo("42.19 % reclaimable (maximum 10 %)");
        assertThat(share.messages()).singleElement().asString().startsWith("54.0 KB stored in layers but hidden in the"
                + " final filesystem (42.19 % of the 128.0 KB the layers store), above the maximum of 10 %; largest:"
                + " /data/overwritten.bin 20.0 KB added by #2");
    }

    @Test
    void ignoredPathsAreNotReclaimable() {
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.committed("reclaim.docker.tar"));
        PathGlobs ignore = PathGlobs.of(List.of("/data/dir", "*.bin.unused"));
        assertThat(Reclaimable.of(a).items(ignore)).extracting(Reclaimable.Item::path)
                .containsExactly("/data/overwritten.bin", "/data/chmodded.bin", "/data/gone.bin");
        assertThat(HygieneRules.maxReclaimable("40KB", List.of("/data/dir/**", "/data/gone.bin")).evaluate(a))
                .isEqualTo(Outcome.of("35.0 KB reclaimable of 40 KB", List.of()));
    }

    @Test
    void reportFiguresComeFromTheSameAnalyses() {
        ImageAnalysis a = HygieneFixtures.analyse(Fixtures.shared("dive/test-docker-image.tar"));
        HygieneFigures f = HygieneFigures.of(a);
        assertThat(f.efficiency()).isEqualTo(0.9844212134184309);
        assertThat(f.wastedBytes()).isEqualTo(32025L);
        assertThat(f.userWastedPercent()).isEqualTo(0.4834911001404049);
        assertThat(f.reclaimableBytes()).isEqualTo(32025L);
        assertThat(f.reclaimable()).hasSize(5);
        HygieneFigures ignoring = HygieneFigures.of(new io.github.imagehygiene.check.ImageCheck(
                io.github.imagehygiene.settings.CheckSettings.builder().image(Fixtures.shared("dive/test-docker-image.tar")
                        .toString()).ignorePaths(List.of("/root/example")).estimateCompressedSize(false).build(),
                io.github.imagehygiene.common.LogSink.NONE).analyse());
        assertThat(ignoring.reclaimableBytes()).isEqualTo(6405L);
        assertThat(ignoring.wastedBytes()).isEqualTo(12810L);
    }

    private static Map<String, Long> byHow(List<Reclaimable.Item> items) {
        Map<String, Long> out = new TreeMap<>();
        items.forEach(i -> out.merge(i.how().id(), i.bytes(), Long::sum));
        return out;
    }

    /** "deleted:193360683:94,overwritten:199265:3" → {deleted=193360683, overwritten=199265}. */
    private static Map<String, Long> howFacts(HygieneFixtures.Facts facts, String image) {
        Map<String, Long> out = new TreeMap<>();
        for (String part : facts.list(image + ".reclaimable.how", ",")) {
            String[] p = part.split(":");
            out.put(p[0], Long.parseLong(p[1]));
        }
        return out;
    }
}
