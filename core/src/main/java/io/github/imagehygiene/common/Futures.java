package io.github.imagehygiene.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work made on a thread of its own (the SBOM beside the rules, report files beside report.json), joined. */
public final class Futures {
    private Futures() {
    }

    /**
     * The value, or what the work threw, as it threw it (a one-line {@link ImageHygieneException} stays one), not
     * wrapped in a {@link CompletionException}.
     */
    public static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** A daemon thread of this name: a build that ends early does not wait for it. */
    public static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
