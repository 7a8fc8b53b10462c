package io.github.imagehygiene.analysis.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * History lines are the image's: a crafted one of a few hundred thousand options made the lint's patterns, whose
 * option groups could give back, recurse once per option and overflow the stack. Each pattern still reads the
 * commands the lint's tests (real images' history) rely on.
 */
class HostileHistoryTest {
    @Test
    void manyOptionsEndNoStack() {
        String options = " -y".repeat(300_000);
        assertThat(HistoryLint.aptUpdateWithoutInstall("apt-get" + options + " update")).isTrue();
        assertThat(HistoryLint.aptUpdateWithoutInstall("apt-get" + options + " x")).isFalse();
        assertThat(HistoryLint.apkAddWithoutNoCache("apk" + options + " add curl && rm" + options + " x")).isTrue();
        assertThat(HistoryLint.apkAddWithoutNoCache("apk add curl && rm" + options + " /var/cache/apk/*")).isFalse();
        assertThat(HistoryLint.aptUpdateWithoutInstall("apt-get -q update && apt-get -y --no-install-recommends"
                + " install curl")).isFalse();
        assertThat(HistoryLint.aptUpdateWithoutInstall("apt-get -q update")).isTrue();
    }
}
