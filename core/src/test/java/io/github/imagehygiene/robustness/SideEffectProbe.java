package io.github.imagehygiene.robustness;

import java.io.FilePermission;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.imagehygiene.check.ImageCheck;
import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.settings.CheckSettings;
import io.github.imagehygiene.gate.CheckResult;

/**
 * Run by {@link NoSideEffectsTest} in a JVM of its own: checks each image with a security manager that sees every
 * file the JVM's Java code writes, creates or deletes, and prints those outside the report folder ("WRITE path").
 *
 * <p>Arguments: REPORT_DIR IMAGE...
 */
public final class SideEffectProbe {
    private SideEffectProbe() {
    }

    public static void main(String[] args) {
        Path reportDir = Path.of(args[0]).toAbsolutePath().normalize();
        List<String> writes = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
        @SuppressWarnings("removal")
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
                if (!(perm instanceof FilePermission) || inside.get()) {
                    return;
                }
                String actions = perm.getActions();
                if (!actions.contains("write") && !actions.contains("delete")) {
                    return;
                }
                inside.set(true);
                try {
                    Path p = Path.of(perm.getName()).toAbsolutePath().normalize();
                    if (!p.startsWith(reportDir)) {
                        writes.add(actions + " " + p);
                    }
                } finally {
                    inside.set(false);
                }
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
                checkPermission(perm);
            }
        };
        System.setSecurityManager(recorder);
        for (int i = 1; i < args.length; i++) {
            String image = args[i];
            try {
                CheckResult r = new ImageCheck(CheckSettings.builder().image(image)
                        .reportDirectory(reportDir.resolve("r" + i)).toolVersion("test").build(), LogSink.NONE).run();
                System.out.println("checked " + Path.of(image).getFileName() + ": " + r.verdict());
            } catch (ImageHygieneException e) {
                System.out.println("refused " + Path.of(image).getFileName() + ": " + e.getClass().getSimpleName());
            }
        }
        for (String w : writes) {
            System.out.println("WRITE " + w);
        }
        System.out.println("done");
    }
}
