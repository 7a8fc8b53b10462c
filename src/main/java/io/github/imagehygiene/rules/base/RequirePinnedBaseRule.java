package io.github.imagehygiene.rules.base;

import java.util.List;
import java.util.Locale;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.Evidence;
import io.github.imagehygiene.analysis.base.ImageReference;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code requirePinnedBase}: how the build must pin its base. {@code TAG}: a tag other than {@code latest} (or a
 * digest); {@code DIGEST}: {@code @sha256:…}. Judged on what the image's annotations/labels and the build name (a
 * fingerprint only knows an archive's tag, not what the build wrote); {@code scratch} needs no pin.
 */
public final class RequirePinnedBaseRule extends BaseRule {
    public static final String ID = "requirePinnedBase";
    private final Mode mode;

    /** What counts as pinned. */
    public enum Mode {
        TAG, DIGEST
    }

    /** @param mode {@code TAG} or {@code DIGEST} (any case), or null for no requirement */
    public RequirePinnedBaseRule(String mode) {
        if (mode == null || mode.isBlank()) {
            this.mode = null;
            return;
        }
        try {
            this.mode = Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid value for requirePinnedBase: '" + mode + "'; use TAG or DIGEST");
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.ERROR;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (mode == null) {
            return RuleOutcome.notConfigured((base.known() ? base.name() : "base unknown") + ", no pinning required");
        }
        if (!base.known()) {
            return RuleOutcome.of(UNKNOWN, List.of());
        }
        if (base.reference().isScratch()) {
            return RuleOutcome.of("scratch needs no pin", List.of());
        }
        ImageReference written = null;
        Evidence where = null;
        boolean tagged = false;
        for (Evidence e : base.nameEvidence()) {
            if (e.source().startsWith("fingerprint")) {
                continue;
            }
            ImageReference r = ImageReference.parse(e.value());
            if (r == null) {
                continue;
            }
            if (written == null) {
                written = r;
                where = e;
            }
            if (r.digest() != null) {
                return RuleOutcome.of(r.normalised() + " pinned by digest", List.of());
            }
            if (r.tag() != null && !r.tag().equals("latest")) {
                tagged = true;
                if (!written.equals(r) && written.tag() == null) {
                    written = r;
                    where = e;
                }
            }
        }
        if (written == null) {
            return RuleOutcome.of("only the fingerprint names " + base.name() + "; how the build pins it is unknown",
                    List.of());
        }
        String name = written.normalised() + " (from " + where.source() + ")";
        if (mode == Mode.TAG && tagged) {
            return RuleOutcome.of(written.normalised() + " pinned by tag", List.of());
        }
        String problem;
        if (written.tag() == null) {
            problem = "has no tag, so it is whatever latest is when the image is built";
        } else if (written.tag().equals("latest")) {
            problem = "uses the tag latest, which moves with every release";
        } else {
            problem = "is pinned by tag only; a tag can be moved to another image";
        }
        String fix = mode == Mode.TAG ? "name a version tag, e.g. " + written.repository().replaceFirst("^library/", "")
                + ":<version>" : "add the digest: " + written.repository().replaceFirst("^library/", "") + ":"
                        + written.effectiveTag() + "@sha256:…";
        return RuleOutcome.of(written.normalised() + " not pinned by " + mode.name().toLowerCase(Locale.ROOT),
                List.of("base image " + name + " " + problem + " (requirePinnedBase " + mode + "); " + fix
                        + conflicts(base)));
    }
}
