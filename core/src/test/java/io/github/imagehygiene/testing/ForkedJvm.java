package io.github.imagehygiene.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a JVM of its own, with the test classpath and options of the test's choosing (a
 * small heap, a working folder): for what must be measured or bounded apart from the test JVM.
 */
public final class ForkedJvm {
    private ForkedJvm() {
    }

    /** What the forked JVM did. */
    public record Result(int exitCode, String output) {
        public List<String> lines() {
            return output.lines().toList();
        }
    }

    /**
     * @param workDir   the child's working folder
     * @param jvmOptions e.g. "-Xmx256m"
     * @param mainClass the class to run
     * @param args      its arguments
     */
    public static Result run(Path workDir, List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the test JVM's layer cache (none, as the build sets it) unless the test names one: a child leaves the
        // user's cache alone too
        String cache = System.getProperty("imageHygiene.layerCache");
        if (cache != null && jvmOptions.stream().noneMatch(o -> o.startsWith("-DimageHygiene.layerCache="))) {
            command.add("-DimageHygiene.layerCache=" + cache);
        }
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("forked-jvm", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("forked JVM did not finish: " + command);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The test classpath, with relative entries made absolute (the child runs elsewhere). */
    static String classpath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                out.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }
}
