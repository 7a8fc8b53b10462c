package io.github.imagehygiene.analysis.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.testing.ForkedJvm;

/**
 * What a jar may be held in depends on the heap alone: the same under {@code -Xmx256m} on 2 processors and on 8. It
 * was the heap over four times the processors, and a damaged nested jar (read held on one machine, streamed on the
 * other) then made one report list a component that the other did not.
 */
class HeldBoundsTest {
    /** Prints the bounds this JVM reads jars with. */
    public static final class Print {
        public static void main(String[] args) {
            System.out.println(JarReader.heldBounds());
        }
    }

    @Test
    void theSameOnTwoProcessorsAndOnEight(@TempDir Path dir) throws Exception {
        ForkedJvm.Result two = ForkedJvm.run(dir, List.of("-Xmx256m", "-XX:ActiveProcessorCount=2"), Print.class);
        ForkedJvm.Result eight = ForkedJvm.run(dir, List.of("-Xmx256m", "-XX:ActiveProcessorCount=8"), Print.class);

        // a quarter of the 256 MiB heap for the pool (64 MiB, within the 64 MiB a jar is held up to), an eighth
        // (32 MiB) the share a read asks for at least
        assertThat(two.lines()).containsExactly("held 67108864 share 33554432");
        assertThat(eight.lines()).containsExactly("held 67108864 share 33554432");
    }
}
