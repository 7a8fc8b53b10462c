package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.analysis.hygiene.Reclaimable;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.SizeLimit;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Blame;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code maxReclaimable}: bytes stored in some layer but hidden in the final filesystem (overwritten, deleted by a
 * file or directory whiteout or an opaque directory, copied again by chmod/chown; see {@link Reclaimable}) must not
 * exceed the budget: a size ("50MB") or a share of the image's stored bytes ("5%"). Each stored copy counts once.
 * Once the base image's layers are known, only copies the build's own layers added count.
 */
public final class MaxReclaimableRule extends Rule {
    public static final String ID = "maxReclaimable";

    private final SizeLimit limit;
    private final PathGlobs ignore;

    public MaxReclaimableRule(HygieneSettings hygiene) {
        super(ID, Level.ERROR);
        this.limit = hygiene.maxReclaimable();
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Reclaimable r = Reclaimable.of(analysis);
        Blame blame = Blame.of(analysis);
        List<Reclaimable.Item> items = new ArrayList<>();
        long inBase = 0;
        for (Reclaimable.Item i : r.items(ignore)) {
            // a copy the base's layers added stays stored whatever the build deletes: only the base can drop it
            if (blame.counts(i.addedIn())) {
                items.add(i);
            } else {
                inBase += i.bytes();
            }
        }
        long bytes = items.stream().mapToLong(Reclaimable.Item::bytes).sum();
        long image = r.imageContentBytes();
        double share = image == 0 ? 0 : (double) bytes / image;
        String scope = blame.excludesBase() ? " in your layers" : "";
        String storedIn = blame.excludesBase() ? " in your layers" : " in layers";
        String notCounted = inBase == 0 ? "" : blame.notCounted(Text.bytes(inBase) + " more reclaimable");
        if (limit == null) {
            return Outcome.notSet(Text.bytes(bytes) + " reclaimable" + scope + " (" + Text.percent(share)
                    + "), no budget set");
        }
        String what = Text.bytes(bytes) + " stored" + storedIn + " but hidden in the final filesystem ("
                + Text.percent(share) + " of the " + Text.bytes(image) + " the layers store)";
        if (limit.bytes() != null) {
            ByteSize b = limit.bytes();
            String summary = b.formatLike(bytes) + " reclaimable" + scope + " of " + b + notCounted;
            if (bytes <= b.bytes()) {
                return Outcome.pass(summary);
            }
            return Outcome.breach(summary, Breach.ofImage(what + ", " + b.formatLike(bytes - b.bytes())
                    + " over the budget of " + b + largest(analysis, items) + notCounted));
        }
        String summary = Text.percent(share) + " reclaimable" + scope + " (maximum " + limit.text() + ")" + notCounted;
        if (share <= limit.fraction()) {
            return Outcome.pass(summary);
        }
        return Outcome.breach(summary, Breach.ofImage(what + ", above the maximum of " + limit.text()
                + largest(analysis, items) + notCounted));
    }

    /** "; largest: PATH 20.0 KB added by #2 (...), overwritten by #3 (...), ...; FIX". */
    static String largest(ImageAnalysis a, List<Reclaimable.Item> items) {
        List<String> parts = new ArrayList<>();
        Set<Reclaimable.How> hows = EnumSet.noneOf(Reclaimable.How.class);
        for (int i = 0; i < Math.min(3, items.size()); i++) {
            Reclaimable.Item x = items.get(i);
            parts.add(x.path() + " " + Text.bytes(x.bytes()) + " added by " + Text.layer(a, x.addedIn()) + ", "
                    + x.how().phrase() + " " + Text.layer(a, x.hiddenIn()));
            hows.add(x.how());
        }
        if (items.size() > 3) {
            long rest = items.subList(3, items.size()).stream().mapToLong(Reclaimable.Item::bytes).sum();
            parts.add(Text.plural(items.size() - 3, "more file", "more files") + " (" + Text.bytes(rest) + ")");
        }
        List<String> fixes = new ArrayList<>();
        if (hows.contains(Reclaimable.How.DELETED) || hows.contains(Reclaimable.How.DIRECTORY_DELETED)
                || hows.contains(Reclaimable.How.OPAQUE)) {
            fixes.add("delete files in the same RUN that creates them (a later rm only hides them), or build in a"
                    + " separate stage and COPY only what the image needs");
        }
        if (hows.contains(Reclaimable.How.OVERWRITTEN)) {
            fixes.add("write each file once, in its final form");
        }
        if (hows.contains(Reclaimable.How.METADATA)) {
            fixes.add("set mode and owner when adding files (COPY --chmod/--chown, or chmod/chown in the same RUN)"
                    + " instead of in a later layer, which stores every file it touches again");
        }
        return "; largest: " + String.join(", ", parts) + (fixes.isEmpty() ? "" : "; " + String.join("; ", fixes));
    }
}
