package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.image.Image;

/**
 * {@code noLatestTag} (dockle DKL-DI-0006): neither the image nor its base may be named by {@code latest}, which
 * moves. The image's names are its recorded tags (repoTags), an OCI layout's ref name, and a {@code docker://}
 * reference; the base's name comes from the label or annotation {@code org.opencontainers.image.base.name}, and from
 * the base-image analysis. A name without a tag or a
 * digest means {@code latest}.
 */
public final class NoLatestTagRule extends Rule {
    public static final String ID = "noLatestTag";
    static final String BASE_NAME = "org.opencontainers.image.base.name";
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private final SecuritySettings settings;

    public NoLatestTagRule(SecuritySettings settings) {
        super(ID, Level.WARN);
        this.settings = settings;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Image image = analysis.image();
        List<Breach> breaches = new ArrayList<>();
        List<String> names = new ArrayList<>(image.repoTags());
        String ref = image.annotations().get(REF_NAME);
        if (ref != null && ref.strip().equals("latest")) {
            breaches.add(SecurityText.breach("the image is tagged latest (" + REF_NAME + "); tag it with a version, e.g. the"
                    + " project's version", null, null).withSubject("tag:latest"));
        }
        if (image.source().startsWith("docker://")) {
            names.add(image.source().substring("docker://".length()));
        }
        for (String name : names) {
            // An OCI layout's ref name is a bare tag ("1.0"), checked above; it is not a name without a tag.
            boolean bareRefName = name.equals(ref) && !name.contains(":") && !name.contains("/");
            if (!bareRefName && isLatest(name)) {
                breaches.add(SecurityText.breach("the image is named " + shown(name) + ", which moves with every build; tag"
                        + " it with a version, e.g. the project's version", null, null).withSubject("name:" + name));
            }
        }
        Map<String, String> bases = new LinkedHashMap<>();
        put(bases, image.config().labels().get(BASE_NAME), "label " + BASE_NAME);
        put(bases, image.annotations().get(BASE_NAME), "annotation " + BASE_NAME);
        BaseImage base = BaseImage.of(analysis);
        if (base.known()) {
            put(bases, base.name(), "base image analysis");
        }
        for (Map.Entry<String, String> b : bases.entrySet()) {
            // scratch is no image but the empty base: it cannot move
            if (!isScratch(b.getKey()) && isLatest(b.getKey())) {
                breaches.add(SecurityText.breach("the image is based on " + shown(b.getKey()) + " (" + b.getValue() + "),"
                        + " which moves: a rebuild may bring another base; pin it by version or digest", null,
                        null).withSubject("base:" + b.getKey()));
            }
        }
        String summary = (image.repoTags().isEmpty() ? "no tags" : "tags " + String.join(" ", image.repoTags()))
                + (bases.isEmpty() ? "" : "; base " + String.join(" ", bases.keySet()));
        return Outcome.of(summary, breaches);
    }

    private static boolean isScratch(String reference) {
        String r = reference.strip();
        return r.equals("scratch") || r.equals("docker.io/library/scratch");
    }

    private static void put(Map<String, String> bases, String name, String source) {
        if (name != null && !name.isBlank()) {
            bases.putIfAbsent(name.strip(), source);
        }
    }

    /** Whether a reference names latest: tagged :latest, or neither tagged nor pinned by digest. */
    static boolean isLatest(String reference) {
        String r = reference.strip();
        if (r.contains("@")) {
            return false;
        }
        int slash = r.lastIndexOf('/');
        int colon = r.lastIndexOf(':');
        return colon <= slash || r.substring(colon + 1).equals("latest");
    }

    private static String shown(String reference) {
        String r = reference.strip();
        int slash = r.lastIndexOf('/');
        int colon = r.lastIndexOf(':');
        return colon <= slash ? r + " (no tag: latest)" : r;
    }
}
