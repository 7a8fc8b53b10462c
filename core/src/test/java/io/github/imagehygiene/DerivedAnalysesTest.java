package io.github.imagehygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.ImageAnalysis;

/** Derived analyses are computed once, even when the rules and the SBOM ask for them from two threads at once. */
class DerivedAnalysesTest {
    record Slow(int value) {
    }

    record Outer(Slow inner) {
    }

    @Test
    void computedOnceForConcurrentCallersAndNestable() throws Exception {
        ImageAnalysis a = new ImageAnalysis(null, List.of(), List.of(), 0, 0, false, 0);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch bothAsking = new CountDownLatch(2);
        Runnable ask = () -> {
            bothAsking.countDown();
            a.derived(Outer.class, x -> new Outer(x.derived(Slow.class, y -> {
                computations.incrementAndGet();
                sleep();
                return new Slow(42);
            })));
        };
        Thread first = new Thread(ask);
        Thread second = new Thread(ask);
        first.start();
        second.start();
        first.join(10_000);
        second.join(10_000);
        assertThat(computations.get()).isEqualTo(1);
        assertThat(a.derived(Outer.class, x -> null)).isEqualTo(new Outer(new Slow(42)));
        assertThat(a.derived(Slow.class, x -> null)).isSameAs(a.derived(Outer.class, x -> null).inner());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
