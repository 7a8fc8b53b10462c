package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The pool's bound holds for what the leases take and the arrays it keeps for later ones together. */
class HeldMemoryTest {
    private static final int MIB = 1 << 20;

    @Test
    void arraysComeInPowersOfTwoFromAQuarterMebibyteWithinTheLease() {
        assertThat(HeldMemory.MIN_KEPT).isEqualTo(256 * 1024);
        assertThat(HeldMemory.arrayLength(1000, 10 * MIB)).isEqualTo(1000);
        assertThat(HeldMemory.arrayLength(256 * 1024 - 1, 10 * MIB)).isEqualTo(256 * 1024 - 1);
        assertThat(HeldMemory.arrayLength(256 * 1024, 10 * MIB)).isEqualTo(256 * 1024);
        assertThat(HeldMemory.arrayLength(256 * 1024 + 1, 10 * MIB)).isEqualTo(512 * 1024);
        assertThat(HeldMemory.arrayLength(5 * MIB, 10 * MIB)).isEqualTo(8 * MIB);
        assertThat(HeldMemory.arrayLength(8 * MIB, 8 * MIB)).isEqualTo(8 * MIB);
        // the power of two would pass the lease: the size itself
        assertThat(HeldMemory.arrayLength(5 * MIB, 6 * MIB)).isEqualTo(5 * MIB);
    }

    @Test
    void aLeaseBeginsWithTheKeptArrayOfTheLengthItWillAskFor() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(100 * MIB);
        byte[] first;
        try (HeldMemory.Lease lease = pool.lease(32 * MIB, 5 * MIB)) {
            assertThat(pool.free()).isEqualTo(68 * MIB);
            first = lease.array(5 * MIB);
            assertThat(first).hasSize(8 * MIB);
            assertThatThrownBy(() -> lease.array(1)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(pool.kept()).isEqualTo(8 * MIB);
        assertThat(pool.free()).isEqualTo(100 * MIB);
        try (HeldMemory.Lease lease = pool.lease(32 * MIB, 3 * MIB)) {
            // another length: a new array; the kept one stays
            assertThat(pool.kept()).isEqualTo(8 * MIB);
            assertThat(lease.array(3 * MIB)).hasSize(4 * MIB);
        }
        try (HeldMemory.Lease lease = pool.lease(32 * MIB, 7 * MIB)) {
            assertThat(pool.kept()).isEqualTo(4 * MIB);
            assertThat(lease.array(7 * MIB)).isSameAs(first);
        }
        assertThat(pool.kept()).isEqualTo(12 * MIB);
        try (HeldMemory.Lease lease = pool.lease(32 * MIB, 7 * MIB)) {
            assertThat(pool.kept()).isEqualTo(4 * MIB);
            // a lease that gives no array (its file streamed after all) keeps the one it began with
        }
        assertThat(pool.kept()).isEqualTo(12 * MIB);
    }

    @Test
    void aLeaseTakesItsKeptArrayBeforeTheOthersMakeRoom() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(16 * MIB);
        byte[] first;
        try (HeldMemory.Lease lease = pool.lease(8 * MIB, 5 * MIB)) {
            first = lease.array(5 * MIB);
        }
        try (HeldMemory.Lease other = pool.lease(8 * MIB, -1)) {
            // the pool is all taken now: the kept array would be let go, were it not the one this lease wants
            try (HeldMemory.Lease lease = pool.lease(8 * MIB, 6 * MIB)) {
                assertThat(pool.kept()).isZero();
                assertThat(lease.array(6 * MIB)).isSameAs(first);
            }
        }
        assertThat(pool.kept()).isEqualTo(8 * MIB);
    }

    @Test
    void smallArraysAreNotKept() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(100 * MIB);
        try (HeldMemory.Lease lease = pool.lease(32 * MIB, -1)) {
            assertThat(lease.array(1000)).hasSize(1000);
        }
        assertThat(pool.kept()).isZero();
    }

    @Test
    void keptArraysAreLetGoOldestFirstWhenALeaseNeedsTheirRoom() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(16 * MIB);
        for (int n : new int[] {4 * MIB, 2 * MIB, 8 * MIB}) {
            try (HeldMemory.Lease lease = pool.lease(8 * MIB, -1)) {
                lease.array(n);
            }
        }
        assertThat(pool.kept()).isEqualTo(14 * MIB);
        try (HeldMemory.Lease lease = pool.lease(8 * MIB, -1)) {
            // 8 taken + 14 kept would pass 16: the 4 MiB array goes, then the 2 MiB one
            assertThat(pool.kept()).isEqualTo(8 * MIB);
            assertThat(lease.array(3 * MIB)).hasSize(4 * MIB);
        }
        assertThat(pool.kept()).isEqualTo(12 * MIB);
    }

    @Test
    void aLeaseGivesNoMoreThanItTookAndEndsOnce() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(100);
        HeldMemory.Lease lease = pool.lease(500, -1);
        assertThat(lease.bytes()).isEqualTo(100);
        assertThatThrownBy(() -> lease.array(101)).isInstanceOf(IllegalArgumentException.class);
        lease.close();
        lease.close();
        assertThat(pool.free()).isEqualTo(100);
    }

    @Test
    void aLeaseWaitsUntilAnotherEnds() throws Exception {
        HeldMemory pool = new HeldMemory(100);
        HeldMemory.Lease other = pool.lease(80, -1);
        long start = System.nanoTime();
        CompletableFuture<Void> end = CompletableFuture.runAsync(other::close,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        try (HeldMemory.Lease lease = pool.lease(50, -1)) {
            assertThat(System.nanoTime() - start).isGreaterThan(150_000_000L);
            assertThat(pool.free()).isEqualTo(50);
        }
        end.join();
    }
}
