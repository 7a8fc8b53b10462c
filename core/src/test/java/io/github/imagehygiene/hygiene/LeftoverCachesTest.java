package io.github.imagehygiene.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.LeftoverCaches;
import io.github.imagehygiene.analysis.hygiene.LeftoverCaches.Kind;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.hygiene.NoPackageCachesRule;

/** Caches left in the final filesystem, measured against the facts of the tar listings. */
class LeftoverCachesTest {

    private static long bytes(HygieneFixtures.Facts f, String key) {
        return f.bytesAndFiles(key)[0];
    }

    private static long files(HygieneFixtures.Facts f, String key) {
        return f.bytesAndFiles(key)[1];
    }

    private static String human(long bytes) {
        return ByteSize.human(bytes);
    }

    /** "/var/cache/apt/pkgcache.bin:39092108" → "/var/cache/apt/pkgcache.bin 39.1 MB". */
    private static String largest(HygieneFixtures.Facts f, String key) {
        String v = f.get(key);
        int colon = v.lastIndexOf(':');
        return v.substring(0, colon) + " " + human(Long.parseLong(v.substring(colon + 1)));
    }

    /** The committed reclaim image: #2 leaves a ~/.m2 jar, a pip and an npm cache entry and a /tmp file. */
    @Test
    void homeCachesAndTemporaryFiles() {
        HygieneFixtures.Facts f = HygieneFixtures.committedFacts();
        List<LeftoverCaches.Cache> caches = LeftoverCaches.of(
                HygieneFixtures.analyse(HygieneFixtures.committed("reclaim.docker.tar"))).caches();
        assertThat(caches).extracting(LeftoverCaches.Cache::kind, LeftoverCaches.Cache::location,
                LeftoverCaches.Cache::bytes, c -> (long) c.files(), LeftoverCaches.Cache::bytesByLayer).containsExactly(
                tuple(Kind.MAVEN_REPOSITORY, "/root/.m2/repository", bytes(f, "reclaim.final./root/.m2"),
                        files(f, "reclaim.final./root/.m2"), Map.of(2, 3000L)),
                tuple(Kind.PIP_CACHE, "/root/.cache/pip", bytes(f, "reclaim.final./root/.cache/pip"),
                        files(f, "reclaim.final./root/.cache/pip"), Map.of(2, 2500L)),
                tuple(Kind.NPM_CACHE, "/root/.npm", bytes(f, "reclaim.final./root/.npm"),
                        files(f, "reclaim.final./root/.npm"), Map.of(2, 1200L)),
                tuple(Kind.TEMPORARY_FILES, "/tmp", bytes(f, "reclaim.final./tmp"), files(f, "reclaim.final./tmp"),
                        Map.of(2, 700L)));
        assertThat(f.layers("reclaim.final./root/.m2")).containsExactly(2);
    }

    /** The committed paths image: #2 writes where apk, dnf, yum, yarn and Gradle keep caches, and /var/tmp. */
    @Test
    void otherPackageManagersAndBuildCaches() {
        HygieneFixtures.Facts f = HygieneFixtures.committedFacts();
        List<LeftoverCaches.Cache> caches = LeftoverCaches.of(
                HygieneFixtures.analyse(HygieneFixtures.committed("paths.docker.tar"))).caches();
        assertThat(caches).extracting(LeftoverCaches.Cache::kind, LeftoverCaches.Cache::location,
                LeftoverCaches.Cache::bytes, LeftoverCaches.Cache::bytesByLayer).containsExactly(
                tuple(Kind.APK_CACHE, "/var/cache/apk", bytes(f, "paths.final./var/cache/apk"),
                        Map.of(2, bytes(f, "paths.layer.2./var/cache/apk"))),
                tuple(Kind.DNF_YUM_CACHE, "/var/cache/dnf", bytes(f, "paths.final./var/cache/dnf"),
                        Map.of(2, bytes(f, "paths.layer.2./var/cache/dnf"))),
                tuple(Kind.GRADLE_CACHE, "/home/app/.gradle/caches", bytes(f, "paths.final./home/app/.gradle/caches"),
                        Map.of(2, bytes(f, "paths.layer.2./home/app/.gradle/caches"))),
                tuple(Kind.GRADLE_CACHE, "/home/app/.gradle/wrapper/dists",
                        bytes(f, "paths.final./home/app/.gradle/wrapper/dists"),
                        Map.of(2, bytes(f, "paths.layer.2./home/app/.gradle/wrapper/dists"))),
                tuple(Kind.YARN_CACHE, "/usr/local/share/.cache/yarn",
                        bytes(f, "paths.final./usr/local/share/.cache/yarn"),
                        Map.of(2, bytes(f, "paths.layer.2./usr/local/share/.cache/yarn"))),
                tuple(Kind.DNF_YUM_CACHE, "/var/cache/yum", bytes(f, "paths.final./var/cache/yum"),
                        Map.of(2, bytes(f, "paths.layer.2./var/cache/yum"))),
                tuple(Kind.TEMPORARY_FILES, "/var/tmp", bytes(f, "paths.final./var/tmp"),
                        Map.of(2, bytes(f, "paths.layer.2./var/tmp"))));
        Outcome o = HygieneRules.noPackageCaches(null).evaluate(
                HygieneFixtures.analyse(HygieneFixtures.committed("paths.docker.tar")));
        assertThat(o.messages().get(0)).isEqualTo("1.5 KB of apk cache in /var/cache/apk (1 file, largest"
                + " /var/cache/apk/APKINDEX.5022a8a2.tar.gz 1.5 KB), added by #2 (/fxtool write...):"
                + " use 'apk add --no-cache ...' (no cache is written, no"
                + " index is kept)");
    }

    /** apt-get update && install without cleaning: the lists (#2) and /var/cache/apt (#1's .debs, #2's caches). */
    @Test
    void aptListsAndArchivesLeftBehind() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-apt-dirty.docker.tar"));
        List<LeftoverCaches.Cache> caches = LeftoverCaches.of(a).caches();
        assertThat(caches).extracting(LeftoverCaches.Cache::kind, LeftoverCaches.Cache::location,
                LeftoverCaches.Cache::bytes, c -> (long) c.files(), LeftoverCaches.Cache::bytesByLayer).containsExactly(
                tuple(Kind.APT_CACHE, "/var/cache/apt", bytes(f, "apt-dirty.final./var/cache/apt"),
                        files(f, "apt-dirty.final./var/cache/apt"),
                        Map.of(1, bytes(f, "apt-dirty.layer.1./var/cache/apt"),
                                2, bytes(f, "apt-dirty.layer.2./var/cache/apt"))),
                tuple(Kind.APT_LISTS, "/var/lib/apt/lists", bytes(f, "apt-dirty.final./var/lib/apt/lists"),
                        files(f, "apt-dirty.final./var/lib/apt/lists"),
                        Map.of(2, bytes(f, "apt-dirty.layer.2./var/lib/apt/lists"))));

        // the messages name the location, bytes, files, the largest file and the layers, in the listings' numbers
        long cache = bytes(f, "apt-dirty.final./var/cache/apt");
        long lists = bytes(f, "apt-dirty.final./var/lib/apt/lists");
        String run = "RUN apt-get update && apt-get install -y...";
        Outcome o = HygieneRules.noPackageCaches(null).evaluate(a);
        assertThat(o.summary()).isEqualTo("2 caches, " + human(cache + lists));
        assertThat(o.messages()).containsExactly(
                human(cache) + " of apt package cache in /var/cache/apt (" + files(f, "apt-dirty.final./var/cache/apt")
                        + " files, largest " + largest(f, "apt-dirty.largest./var/cache/apt") + "), added by #1 "
                        + human(bytes(f, "apt-dirty.layer.1./var/cache/apt")) + ", #2 "
                        + human(bytes(f, "apt-dirty.layer.2./var/cache/apt")) + " (" + run + "): run 'apt-get clean'"
                        + " (or rm -rf /var/cache/apt/archives/*.deb /var/cache/apt/*.bin) in the same RUN as apt-get"
                        + " install",
                human(lists) + " of apt package lists in /var/lib/apt/lists ("
                        + files(f, "apt-dirty.final./var/lib/apt/lists") + " files, largest "
                        + largest(f, "apt-dirty.largest./var/lib/apt/lists") + "), added by #2 (" + run + "): delete"
                        + " them in the RUN that ran apt-get update: '&& rm -rf /var/lib/apt/lists/*'");
    }

    @Test
    void thresholdAndIgnoredPaths() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-apt-dirty.docker.tar"));
        // a threshold between the two caches' sizes reports only the larger
        long cache = bytes(f, "apt-dirty.final./var/cache/apt");
        long lists = bytes(f, "apt-dirty.final./var/lib/apt/lists");
        assertThat(cache).isGreaterThan(lists);
        String threshold = (lists + 1) + "B";
        Outcome o = HygieneRules.noPackageCaches(ByteSize.parse("noPackageCaches", threshold)).evaluate(a);
        assertThat(o.summary()).isEqualTo("1 cache over " + (lists + 1) + " B, " + human(cache));
        assertThat(o.messages()).singleElement().asString().startsWith(human(cache) + " of apt package cache in"
                + " /var/cache/apt").contains("), over the threshold of " + (lists + 1) + " B, added by #1 ");
        List<LeftoverCaches.Cache> ignoring = LeftoverCaches.of(a)
                .caches(PathGlobs.of(List.of("/var/cache/apt/archives", "/var/lib/apt/**")));
        assertThat(ignoring).extracting(LeftoverCaches.Cache::location, LeftoverCaches.Cache::bytes)
                .containsExactly(tuple("/var/cache/apt", bytes(f, "apt-dirty.final./var/cache/apt")
                        - bytes(f, "apt-dirty.final./var/cache/apt/archives")));
        assertThat(HygieneRules.noPackageCaches(null, List.of("/var/cache/apt", "/var/lib/apt/lists")).evaluate(a))
                .isEqualTo(Outcome.of("no caches", List.of()));
    }

    @Test
    void cleanedImagesHaveNoCaches() {
        HygieneFixtures.Facts f = HygieneFixtures.largeFacts();
        for (String name : List.of("apt-later", "apt-same")) {
            ImageAnalysis a = HygieneFixtures.analyse(HygieneFixtures.large("hygiene-" + name + ".docker.tar"));
            assertThat(f.get(name + ".final./var/lib/apt/lists")).isEqualTo("0:0:-");
            // only the 0-byte lock file is left in /var/cache/apt
            assertThat(f.get(name + ".final./var/cache/apt")).isEqualTo("0:1:-");
            assertThat(HygieneRules.noPackageCaches(null).evaluate(a)).isEqualTo(Outcome.of("no caches", List.of()));
        }
    }
}
