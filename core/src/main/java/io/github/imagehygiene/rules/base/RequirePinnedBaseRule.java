package io.github.imagehygiene.rules.base;

import java.util.List;
import java.util.Locale;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.Evidence;
import io.github.imagehygiene.analysis.base.ImageReference;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code requirePinnedBase}: how the build must pin its base. {@code TAG}: a tag other than {@code latest} (or a
 * digest); {@code DIGEST}: {@code @sha256:…}. Judged on what the image's annotations/labels and the build name (a
 * fingerprint only knows an archive's tag, not what the build wrote); {@code scratch} needs no pin.
 */
public final class RequirePinnedBaseRule extends Rule {
    public static final String ID = "requirePinnedBase";
    private final Mode mode;

    /** What counts as pinned. */
    public enum Mode {
        TAG, DIGEST
    }

    public RequirePinnedBaseRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.mode = policy.requirePinnedBase();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        if (mode == null) {
            return Outcome.notSet((base.known() ? base.name() : "base unknown") + ", no pinning required");
        }
        if (!base.known()) {
            return Outcome.pass(BaseText.UNKNOWN);
        }
        if (base.reference().isScratch()) {
            return Outcome.pass("scratch needs no pin");
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
                return Outcome.pass(r.normalised() + " pinned by digest");
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
            return Outcome.pass("only the fingerprint names " + base.name() + "; how the build pins it is unknown");
        }
        String name = written.normalised() + " (from " + where.source() + ")";
        if (mode == Mode.TAG && tagged) {
            return Outcome.pass(written.normalised() + " pinned by tag");
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
        return Outcome.breach(written.normalised() + " not pinned by " + mode.name().toLowerCase(Locale.ROOT),
                Breach.of("base:" + written.normalised(), "base image " + name + " " + problem + " (requirePinnedBase "
                        + mode + "); " + fix + BaseText.conflicts(base)));
    }
}
