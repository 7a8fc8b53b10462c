package io.github.imagehygiene.rules.hygiene;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.analysis.hygiene.Reclaimable;
import io.github.imagehygiene.common.ByteSize;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code maxReclaimable}: bytes stored in some layer but hidden in the final filesystem (overwritten, deleted by a
 * file or directory whiteout or an opaque directory, copied again by chmod/chown; see {@link Reclaimable}) must not
 * exceed the budget: a size ("50MB") or a share of the image's stored bytes ("5%"). Each stored copy counts once.
 */
public final class MaxReclaimableRule implements Rule {
    public static final String ID = "maxReclaimable";

    /**
     * A parsed budget: bytes or a share.
     *
     * @param bytes    the byte budget, or null
     * @param fraction the share of the image's stored bytes, 0..1, or null
     * @param text     as the user wrote it, normalised ("50 MB", "5 %")
     */
    public record Limit(ByteSize bytes, Double fraction, String text) {
        /**
         * Parses "50MB", "1.5GiB", "1048576" or "5%".
         *
         * @throws ConfigurationException naming {@code parameter} when the value is neither
         */
        public static Limit parse(String parameter, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.strip();
            if (v.endsWith("%")) {
                String number = v.substring(0, v.length() - 1).strip();
                BigDecimal percent;
                try {
                    percent = new BigDecimal(number);
                } catch (NumberFormatException e) {
                    percent = null;
                }
                if (percent == null || percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new ConfigurationException("Invalid value for " + parameter + ": '" + value
                            + "' is not a percentage between 0% and 100%; use a size (50MB) or a share (5%)");
                }
                return new Limit(null, percent.movePointLeft(2).doubleValue(),
                        percent.stripTrailingZeros().toPlainString() + " %");
            }
            ByteSize size = ByteSize.parse(parameter, v);
            return new Limit(size, null, size.toString());
        }
    }

    private final Limit limit;
    private final PathGlobs ignore;

    /** @param limit "50MB" or "5%", or null for no budget */
    public MaxReclaimableRule(String limit) {
        this(limit, List.of());
    }

    /**
     * @param limit       "50MB" or "5%", or null for no budget
     * @param ignorePaths globs of paths not counted
     */
    public MaxReclaimableRule(String limit, List<String> ignorePaths) {
        this.limit = Limit.parse(ID, limit);
        this.ignore = PathGlobs.of(ignorePaths);
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
        Reclaimable r = Reclaimable.of(analysis);
        List<Reclaimable.Item> items = r.items(ignore);
        long bytes = items.stream().mapToLong(Reclaimable.Item::bytes).sum();
        long image = r.imageContentBytes();
        double share = image == 0 ? 0 : (double) bytes / image;
        if (limit == null) {
            return RuleOutcome.notConfigured(Text.bytes(bytes) + " reclaimable (" + Text.percent(share)
                    + "), no budget set");
        }
        String what = Text.bytes(bytes) + " stored in layers but hidden in the final filesystem ("
                + Text.percent(share) + " of the " + Text.bytes(image) + " the layers store)";
        if (limit.bytes() != null) {
            ByteSize b = limit.bytes();
            String summary = b.formatLike(bytes) + " reclaimable of " + b;
            if (bytes <= b.bytes()) {
                return RuleOutcome.of(summary, List.of());
            }
            return RuleOutcome.of(summary, List.of(what + ", " + b.formatLike(bytes - b.bytes())
                    + " over the budget of " + b + largest(analysis, items)));
        }
        String summary = Text.percent(share) + " reclaimable (maximum " + limit.text() + ")";
        if (share <= limit.fraction()) {
            return RuleOutcome.of(summary, List.of());
        }
        return RuleOutcome.of(summary, List.of(what + ", above the maximum of " + limit.text()
                + largest(analysis, items)));
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
