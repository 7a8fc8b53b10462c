package io.github.imagehygiene.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class FuturesTest {
    @Test
    void whatTheWorkThrewIsThrownAsItWas() {
        ImageReadException oneLine = new ImageReadException("Cannot read layer 2 of app.tar: truncated gzip stream");
        CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
            throw oneLine;
        }, task -> Futures.daemon(task, "test").start());
        assertThatThrownBy(() -> Futures.joined(failed)).isSameAs(oneLine);

        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        assertThatThrownBy(() -> Futures.joined(CompletableFuture.failedFuture(error))).isSameAs(error);

        // a checked exception cannot be rethrown as itself: it stays wrapped, its cause kept
        IOException io = new IOException("disk full");
        assertThatThrownBy(() -> Futures.joined(CompletableFuture.failedFuture(io)))
                .isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void aValueIsReturnedAndTheThreadIsADaemon() {
        Thread[] ran = new Thread[1];
        CompletableFuture<String> done = CompletableFuture.supplyAsync(() -> {
            ran[0] = Thread.currentThread();
            return "sbom";
        }, task -> Futures.daemon(task, "image-hygiene-sbom").start());
        assertThat(Futures.joined(done)).isEqualTo("sbom");
        assertThat(ran[0].isDaemon()).isTrue();
        assertThat(ran[0].getName()).isEqualTo("image-hygiene-sbom");
    }
}
