package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The pool's bound holds for what the leases take and the arrays it keeps for later ones together. */
class HeldMemoryTest {
    @Test
    void aLeaseTakesTheArrayAnEarlierOneLeft() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(1000);
        byte[] first;
        try (HeldMemory.Lease lease = pool.lease(400)) {
            assertThat(pool.free()).isEqualTo(600);
            first = lease.array(300);
            assertThat(first).hasSize(300);
            assertThat(lease.array(200)).isSameAs(first);
        }
        assertThat(pool.kept()).isEqualTo(300);
        assertThat(pool.free()).isEqualTo(1000);
        try (HeldMemory.Lease lease = pool.lease(400)) {
            assertThat(pool.kept()).isZero();
            assertThat(lease.array(100)).isSameAs(first);
            // larger than the kept one: a new array, which the pool keeps instead
            assertThat(lease.array(350)).hasSize(350).isNotSameAs(first);
        }
        assertThat(pool.kept()).isEqualTo(350);
    }

    @Test
    void aLeaseTakesTheLargestKeptArrayThatFitsInIt() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(1000);
        HeldMemory.Lease a = pool.lease(300);
        HeldMemory.Lease b = pool.lease(600);
        byte[] small = a.array(200);
        byte[] large = b.array(500);
        a.close();
        b.close();
        assertThat(pool.kept()).isEqualTo(700);
        try (HeldMemory.Lease lease = pool.lease(300)) {
            // the 500-byte array does not fit in 300; it stays kept, within the capacity (300 taken + 500 kept)
            assertThat(lease.array(1)).isSameAs(small);
            assertThat(pool.kept()).isEqualTo(500);
        }
        try (HeldMemory.Lease lease = pool.lease(1000)) {
            assertThat(lease.array(1)).isSameAs(large);
            // 1,000 taken: the other kept array was let go
            assertThat(pool.kept()).isZero();
        }
    }

    @Test
    void keptArraysAreLetGoWhenALeaseNeedsTheirRoom() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(1000);
        try (HeldMemory.Lease lease = pool.lease(900)) {
            lease.array(900);
        }
        assertThat(pool.kept()).isEqualTo(900);
        try (HeldMemory.Lease lease = pool.lease(500)) {
            // too large for this lease, and 500 taken + 900 kept would pass the capacity
            assertThat(pool.kept()).isZero();
            assertThat(lease.array(10)).hasSize(10);
        }
        assertThat(pool.kept()).isEqualTo(10);
    }

    @Test
    void aLeaseGivesNoMoreThanItTookAndEndsOnce() throws InterruptedIOException {
        HeldMemory pool = new HeldMemory(100);
        HeldMemory.Lease lease = pool.lease(500);
        assertThat(lease.bytes()).isEqualTo(100);
        assertThatThrownBy(() -> lease.array(101)).isInstanceOf(IllegalArgumentException.class);
        lease.close();
        lease.close();
        assertThat(pool.free()).isEqualTo(100);
    }

    @Test
    void aLeaseWaitsUntilAnotherEnds() throws Exception {
        HeldMemory pool = new HeldMemory(100);
        HeldMemory.Lease other = pool.lease(80);
        long start = System.nanoTime();
        CompletableFuture<Void> end = CompletableFuture.runAsync(other::close,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        try (HeldMemory.Lease lease = pool.lease(50)) {
            assertThat(System.nanoTime() - start).isGreaterThan(150_000_000L);
            assertThat(pool.free()).isEqualTo(50);
        }
        end.join();
    }
}
