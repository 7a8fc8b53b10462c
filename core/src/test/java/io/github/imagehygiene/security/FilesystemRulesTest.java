package io.github.imagehygiene.security;

import static io.github.imagehygiene.security.SecurityFixtures.fact;
import static io.github.imagehygiene.security.SecurityFixtures.layerOf;
import static io.github.imagehygiene.security.SecurityFixtures.modeOf;
import static io.github.imagehygiene.security.SecurityFixtures.located;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.testing.Fixtures;
import io.github.imagehygiene.security.SecurityFixtures.Located;
import io.github.imagehygiene.rules.security.NoEmptyPasswordsRule;
import io.github.imagehygiene.rules.security.NoSetuidFilesRule;
import io.github.imagehygiene.rules.security.NoStrayFilesRule;
import io.github.imagehygiene.rules.security.NoWorldWritableRule;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.security.SecuritySettings;
import io.github.imagehygiene.rules.security.UniqueIdsRule;

/**
 * The filesystem checks on the final filesystem of real images: modes, owners and layers are those the tar listings
 * report (expected.properties: {@code <image>.entry.<path>}, {@code .setuid}, {@code .worldWritable}).
 */
class FilesystemRulesTest {

    /**
     * filesystem: layer 2 copies helper, grouper and su with mode 0755; layer 3 (RUN sectool chmod) sets 4755, 2755
     * and 4755. /bin/su is on the allowlist; the two others fire, with the layer of the chmod.
     */
    @Test
    void setuidAndSetgidAddedByChmod() {
        assertThat(fact("filesystem.setuid")).isEqualTo("/bin/su|/usr/local/bin/helper");
        assertThat(fact("filesystem.setgid")).isEqualTo("/usr/local/bin/grouper");
        assertThat(fact("filesystem.stored./usr/local/bin/helper")).isEqualTo("2|3");
        assertThat(fact("filesystem.history.3")).startsWith("/sectool chmod 4755 /usr/local/bin/helper chmod 2755"
                + " /usr/local/bin/grouper chmod 4755 /bin/su");
        int layer = layerOf("filesystem", "/usr/local/bin/helper");
        assertThat(layer).isEqualTo(3);
        Outcome o = SecurityFixtures.run("filesystem").outcome(NoSetuidFilesRule.ID);
        assertThat(o.summary()).isEqualTo("2 setuid/setgid files, 1 allowlisted");
        assertThat(located(o)).containsExactly(
                new Located("/usr/local/bin/grouper is setgid (mode " + modeOf("filesystem", "/usr/local/bin/grouper")
                        + ", owner 0:0), added in layer " + layerOf("filesystem", "/usr/local/bin/grouper")
                        + ": it runs with its group's rights whoever starts it; chmod g-s it, or"
                        + " remove it", "/usr/local/bin/grouper", Origin.UNKNOWN),
                new Located("/usr/local/bin/helper is setuid (mode " + modeOf("filesystem", "/usr/local/bin/helper")
                        + ", owner 0:0), added in layer " + layer + ": it runs with its owner's"
                        + " rights whoever starts it; chmod u-s it, or remove it", "/usr/local/bin/helper",
                        Origin.UNKNOWN));
    }

    /**
     * The same files with all but the last layer (1-3 of 4) known as the base (a {@code <baseImages>} fingerprint):
     * by default they are not the build's findings and the summary says how many the base holds; with
     * countBaseLayers they are, and say they are the base's.
     */
    @Test
    void setuidInTheBaseImage() {
        int layers = SecurityFixtures.analyse("filesystem", List.of()).layers().size();
        assertThat(layerOf("filesystem", "/usr/local/bin/helper")).isEqualTo(layers - 1);
        Outcome counted = SecurityFixtures.run("filesystem", SecuritySettings.defaults(), Fixtures.baseOf(
                SecurityFixtures.image("filesystem"), "base", layers - 1, true)).outcome(NoSetuidFilesRule.ID);
        assertThat(counted.breaches()).extracting(Breach::origin).containsExactly(Origin.BASE, Origin.BASE);
        assertThat(counted.breaches().get(1).message()).contains("added in layer 3 (in the base image)");

        Outcome own = SecurityFixtures.run("filesystem", SecuritySettings.defaults(), "base", layers - 1)
                .outcome(NoSetuidFilesRule.ID);
        assertThat(own.breaches()).isEmpty();
        assertThat(own.summary()).endsWith("; 2 more in the base image's layers (#1-#3), not counted: choose a"
                + " leaner base");
    }

    /** good: only /bin/su (4755, allowlisted); allowedSetuidFiles extends the allowlist. */
    @Test
    void allowlistedSetuidPasses() {
        assertThat(fact("good.setuid")).isEqualTo("/bin/su");
        Outcome good = SecurityFixtures.run("good").outcome(NoSetuidFilesRule.ID);
        assertThat(good.summary()).isEqualTo("0 setuid/setgid files, 1 allowlisted");
        assertThat(good.breaches()).isEmpty();
        assertThat(SecurityFixtures.run("user-empty").outcome(NoSetuidFilesRule.ID).summary())
                .isEqualTo("no setuid/setgid file");
        SecuritySettings allowed = SecuritySettings.builder().allowedSetuidFiles(List.of("/usr/local/bin/*")).build();
        assertThat(SecurityFixtures.run("filesystem", allowed).outcome(NoSetuidFilesRule.ID).summary())
                .isEqualTo("0 setuid/setgid files, 3 allowlisted");
    }

    /**
     * World-writable: /app/data.txt (0666) and /app/uploads (0777, no sticky bit) fire; /tmp (1777) and
     * /tmp/scratch.txt (0666, in /tmp) do not.
     */
    @Test
    void worldWritable() {
        assertThat(fact("filesystem.worldWritable")).isEqualTo("/app/data.txt|/app/uploads|/tmp/scratch.txt");
        assertThat(modeOf("filesystem", "/tmp")).isEqualTo("1777");
        Outcome o = SecurityFixtures.run("filesystem").outcome(NoWorldWritableRule.ID);
        assertThat(o.summary()).isEqualTo("2 world-writable paths, 1 in temporary directories");
        assertThat(located(o)).containsExactly(
                new Located("/app/data.txt is world-writable (mode " + modeOf("filesystem", "/app/data.txt")
                        + "), added in layer 3: any user of the container can change it; chmod o-w it",
                        "/app/data.txt", Origin.UNKNOWN),
                new Located("directory /app/uploads is world-writable without the sticky bit (mode "
                        + modeOf("filesystem", "/app/uploads") + "), added in layer 3: any user of the"
                        + " container can replace its files; chmod o-w it", "/app/uploads", Origin.UNKNOWN));

        assertThat(fact("good.worldWritable")).isEmpty();
        Outcome good = SecurityFixtures.run("good").outcome(NoWorldWritableRule.ID);
        assertThat(good.summary()).isEqualTo("no world-writable file");
        assertThat(good.breaches()).isEmpty();
        SecuritySettings allowed = SecuritySettings.builder().allowedWorldWritable(List.of("/app/**")).build();
        assertThat(SecurityFixtures.run("filesystem", allowed).outcome(NoWorldWritableRule.ID).breaches()).isEmpty();
    }

    /** /etc/shadow of filesystem: guest has an empty password field (line 4); good has only locked and hashed ones. */
    @Test
    void emptyPassword() {
        assertThat(layerOf("filesystem", "/etc/shadow")).isEqualTo(2);
        Outcome o = SecurityFixtures.run("filesystem").outcome(NoEmptyPasswordsRule.ID);
        assertThat(o.summary()).isEqualTo("1 account without a password");
        assertThat(located(o)).containsExactly(new Located("/etc/shadow: account guest (line 4) has an empty"
                + " password, so anyone can log in as it; lock it (passwd -l guest, or '!' in the password field),"
                + " layer 2", "/etc/shadow", Origin.UNKNOWN));

        Outcome good = SecurityFixtures.run("good").outcome(NoEmptyPasswordsRule.ID);
        assertThat(good.summary()).isEqualTo("no empty password among 4 accounts");
        assertThat(good.breaches()).isEmpty();
        assertThat(SecurityFixtures.run("user-root").outcome(NoEmptyPasswordsRule.ID).summary())
                .isEqualTo("no /etc/shadow or /etc/passwd");
    }

    /** uid 0 is root and toor in /etc/passwd; gid 50 is staff and devs in /etc/group. */
    @Test
    void duplicateIds() {
        Outcome o = SecurityFixtures.run("filesystem").outcome(UniqueIdsRule.ID);
        assertThat(o.summary()).isEqualTo("2 shared ids");
        assertThat(located(o)).containsExactly(
                new Located("/etc/passwd: uid 0 is shared by root, toor, layer 2; give each user its"
                        + " own uid", "/etc/passwd", Origin.UNKNOWN),
                new Located("/etc/group: gid 50 is shared by staff, devs, layer 2; give each group its"
                        + " own gid", "/etc/group", Origin.UNKNOWN));

        Outcome good = SecurityFixtures.run("good").outcome(UniqueIdsRule.ID);
        assertThat(good.summary()).isEqualTo("unique: 4 uids, 4 gids");
        assertThat(good.breaches()).isEmpty();
    }

    /**
     * A project folder copied in whole (COPY project/ /app/, layer 4): .git (made by git init and commit), .idea,
     * .aws, .DS_Store, .env, Dockerfile, docker-compose.yml; each reported once, directories at the directory.
     */
    @Test
    void strayFilesOfACopiedProject() {
        assertThat(fact("filesystem.entry./app/.git")).startsWith("dir:");
        assertThat(fact("filesystem.entry./app/.git/HEAD")).startsWith("file:");
        int layer = layerOf("filesystem", "/app/.git");
        assertThat(layer).isEqualTo(4);
        Outcome o = SecurityFixtures.run("filesystem").outcome(NoStrayFilesRule.ID);
        assertThat(o.summary()).isEqualTo("7 stray files");
        assertThat(o.breaches()).extracting(Breach::path, Breach::origin).containsExactly(
                tuple("/app/.DS_Store", Origin.UNKNOWN), tuple("/app/.aws", Origin.UNKNOWN), tuple("/app/.env", Origin.UNKNOWN),
                tuple("/app/.git", Origin.UNKNOWN), tuple("/app/.idea", Origin.UNKNOWN), tuple("/app/Dockerfile", Origin.UNKNOWN),
                tuple("/app/docker-compose.yml", Origin.UNKNOWN));
        assertThat(o.breaches().get(3).message()).isEqualTo("/app/.git: .git directory (the repository's history and"
                + " config, perhaps with credentials in .git/config), added in layer " + layer + ";"
                + " add it to .dockerignore or copy only what the application needs");
    }

    /** An .npmrc counts only with a token: /home/app/.npmrc has one, /app/.npmrc only a registry. */
    @Test
    void npmrcWithATokenOnly() {
        assertThat(fact("secrets.entry./app/.npmrc")).startsWith("file:");
        Outcome o = SecurityFixtures.run("secrets").outcome(NoStrayFilesRule.ID);
        assertThat(o.breaches()).extracting(Breach::message).containsExactly(
                "/home/app/.aws: .aws directory (AWS CLI configuration and credentials), added in layer 5"
                        + "; add it to .dockerignore or copy only what the application needs",
                "/home/app/.npmrc: .npmrc with a registry token (npm configuration), added in layer 5"
                        + "; add it to .dockerignore or copy only what the application needs");
    }

    @Test
    void noStrayFilesInTheGoodImage() {
        Outcome good = SecurityFixtures.run("good").outcome(NoStrayFilesRule.ID);
        assertThat(good.summary()).isEqualTo("no stray file");
        assertThat(good.breaches()).isEmpty();
    }
}
