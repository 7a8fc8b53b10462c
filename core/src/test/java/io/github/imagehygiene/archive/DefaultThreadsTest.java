package io.github.imagehygiene.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagehygiene.testing.ForkedJvm;

/**
 * Layers read at once by default: one per processor, at most one per 64 MiB of heap, whichever collector the JVM
 * picks (the parallel one's {@code maxMemory()} under {@code -Xmx1g} is 910 MiB). 64 processors under
 * {@code -Xmx256m} read 64 layers at once and ran out of memory (4 MiB of read-ahead blocks a gzip layer alone).
 */
class DefaultThreadsTest {
    /** Prints the default number of layer threads of this JVM. */
    public static final class Print {
        public static void main(String[] args) {
            System.out.println(InputSettings.parse("image.tar", null, null, null, null, null).threads());
        }
    }

    @ParameterizedTest
    @CsvSource({"256m, 64, -XX:+UseG1GC, 4", "256m, 2, -XX:+UseG1GC, 2", "64m, 8, -XX:+UseG1GC, 1",
        "1g, 8, -XX:+UseG1GC, 8", "1g, 64, -XX:+UseG1GC, 16", "256m, 64, -XX:+UseSerialGC, 4",
        "1g, 64, -XX:+UseParallelGC, 16"})
    void onePerProcessorAtMostOnePer64MiBOfHeap(String heap, int processors, String collector, int expected,
            @TempDir Path dir) throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(dir, List.of("-Xmx" + heap, "-XX:ActiveProcessorCount=" + processors,
                collector), Print.class);
        assertThat(r.lines()).containsExactly(String.valueOf(expected));
    }
}
