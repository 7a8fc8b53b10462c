package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.security.Origins;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.ImageConfig;
import io.github.imagehygiene.layer.LayerScanner;

/**
 * {@code noSensitiveVolumes} (dockle DKL-DI-0002): no VOLUME over the whole filesystem, the kernel's interfaces
 * (/proc, /sys, /dev and below) or the Docker socket. Such a volume invites mounting the host's counterpart there.
 */
public final class NoSensitiveVolumesRule extends Rule {
    public static final String ID = "noSensitiveVolumes";
    private final SecuritySettings settings;

    public NoSensitiveVolumesRule(SecuritySettings settings) {
        super(ID, Level.ERROR);
        this.settings = settings;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        ImageConfig config = analysis.image().config();
        Origins origins = Origins.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        for (String volume : config.volumes().stream().sorted().toList()) {
            String path = LayerScanner.normalise(volume);
            String why = why(path);
            if (why == null) {
                continue;
            }
            int h = lastVolume(origins, path);
            Origin origin = h >= 0 ? origins.ofHistory(h) : Origin.OWN;
            breaches.add(SecurityText.breach("VOLUME " + path + origin.inParens() + ": " + why + "; remove it from the"
                    + " VOLUME instruction", path, origin));
        }
        int n = config.volumes().size();
        String summary = n == 0 ? "no VOLUME" : breaches.isEmpty() ? count(n, "volume", "volumes") + ", none sensitive"
                : breaches.size() + " of " + count(n, "volume", "volumes") + " sensitive";
        return Outcome.of(summary, breaches);
    }

    /** Why a volume at this path is dangerous, or null when it is not. */
    static String why(String path) {
        if (path.equals("/")) {
            return "a volume over the whole filesystem invites mounting the host's root there";
        }
        if (path.endsWith("/docker.sock") || path.equals("/var/run/docker") || path.equals("/run/docker")) {
            return "mounting the Docker socket gives the container root on the host";
        }
        for (String dir : List.of("/proc", "/sys", "/dev")) {
            if (path.equals(dir) || path.startsWith(dir + "/")) {
                return "a volume at " + dir + " invites mounting the host's " + dir + ", the kernel's "
                        + (dir.equals("/dev") ? "devices" : "interfaces") + ", into the container";
            }
        }
        return null;
    }

    /** The last VOLUME instruction of the history naming this path. */
    private static int lastVolume(Origins origins, String path) {
        for (int h = origins.history().size() - 1; h >= 0; h--) {
            String text = Origins.instructionText(origins.history().get(h).createdBy());
            if (!text.startsWith("VOLUME")) {
                continue;
            }
            for (String token : text.substring("VOLUME".length()).split("[\\s\\[\\],\"]+")) {
                if (!token.isEmpty() && LayerScanner.normalise(token).equals(path)) {
                    return h;
                }
            }
        }
        return -1;
    }
}
