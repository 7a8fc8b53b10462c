package io.github.imagehygiene.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The real tools tests compare with (dpkg-query, dpkg, apk): a missing one skips the test with a visible message, or
 * fails it under {@code -DimageHygiene.it.docker=required}, as .ci/run sets.
 */
public final class Tools {
    /** Threads that only wait for processes (the common pool may have a single thread on a small machine). */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tools-run");
        t.setDaemon(true);
        return t;
    });

    private Tools() {
    }

    /** The executable at {@code path}, else skipped (or failed when required). */
    public static Path require(String path, String what) {
        Path p = Path.of(path);
        if (!Files.isExecutable(p)) {
            skip(what + " (" + path + ") is absent");
        }
        return p;
    }

    /** Skips the test with a visible message ("SKIPPED: why"), or fails it when the tools are required. */
    public static void skip(String why) {
        String message = "SKIPPED: " + why;
        if ("required".equals(System.getProperty("imageHygiene.it.docker"))) {
            throw new IllegalStateException("imageHygiene.it.docker=required, but " + why);
        }
        System.err.println(message);
        assumeTrue(false, message);
    }

    /** Runs the commands side by side; their standard outputs as lines, one after the other in command order. */
    public static List<String> runAll(List<List<String>> commands) {
        List<CompletableFuture<List<String>>> running = commands.stream()
                .map(c -> CompletableFuture.supplyAsync(() -> run(c), POOL)).toList();
        List<String> out = new ArrayList<>();
        for (CompletableFuture<List<String>> r : running) {
            try {
                out.addAll(r.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        return out;
    }

    /** Runs a command; its standard output as lines, or an error with its standard error when it fails. */
    public static List<String> run(List<String> command) {
        try {
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int rc = p.waitFor();
                if (rc != 0) {
                    throw new IllegalStateException(command + " exited " + rc + ": " + Files.readString(err));
                }
                return out.lines().toList();
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
