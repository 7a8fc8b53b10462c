package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagehygiene.testing.ForkedJvm;

/**
 * What a jar may be held in depends on the heap alone: the same under {@code -Xmx256m} on 1, 2 and 8 processors,
 * whichever collector the JVM picks (serial on one processor, whose {@code maxMemory()} is 247.5 MiB there). It was
 * the heap over four times the processors, and a damaged nested jar (read held on one machine, streamed on the other)
 * then made one report list a component that the other did not.
 */
class HeldBoundsTest {
    /** Prints the bounds this JVM reads jars with. */
    public static final class Print {
        public static void main(String[] args) {
            System.out.println(JarReader.heldBounds());
        }
    }

    @ParameterizedTest
    @CsvSource({"2, -XX:+UseG1GC", "8, -XX:+UseG1GC", "1, -XX:+UseSerialGC", "8, -XX:+UseParallelGC"})
    void theSameOnAnyNumberOfProcessorsWithAnyCollector(int processors, String collector, @TempDir Path dir)
            throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(dir, List.of("-Xmx256m", "-XX:ActiveProcessorCount=" + processors,
                collector), Print.class);

        // a quarter of the 256 MiB heap for the pool (64 MiB, within the 64 MiB a jar is held up to), an eighth
        // (32 MiB) the share a read asks for at least
        assertThat(r.lines()).containsExactly("held 67108864 share 33554432");
    }
}
