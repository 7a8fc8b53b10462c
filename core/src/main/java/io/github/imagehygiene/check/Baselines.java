package io.github.imagehygiene.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.BaselineFinding;
import io.github.imagehygiene.analysis.baseline.BaselineSettings;
import io.github.imagehygiene.analysis.baseline.Snapshot;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.findings.Masking;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.image.Platform;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * The baseline a run compares with, read once for all its platforms: a report.json this plugin wrote (one report, or
 * one per platform when it was written with {@code platform=all}), read back; or an image, whose platforms this
 * image has are each checked with the same settings (its own findings included), from one reading of it, writing
 * nothing. Both give the same {@link Snapshot} per platform. Each platform of this image compares with the same
 * platform of the baseline, never another; a platform the baseline lacks is said to be new.
 */
final class Baselines {
    /** One platform of the baseline. */
    private record Side(Snapshot snapshot, List<BaselineFinding> findings) {
    }

    private final BaselineSettings settings;
    private final String kind;
    private String source;
    /** Every platform of the baseline, in its order; null for one of an image baseline not checked (not needed). */
    private final Map<String, Side> platforms = new LinkedHashMap<>();
    private Masking masking = Masking.PATTERNS_ONLY;

    private Baselines(BaselineSettings settings, String kind, String source) {
        this.settings = settings;
        this.kind = kind;
        this.source = source;
    }

    /**
     * The baseline, or null when none is set. A report is read now: one that is not a report of this plugin fails
     * before any image is read. An image is read by {@link #readImage}, once this image's platforms are known.
     */
    static Baselines open(CheckSettings settings) {
        BaselineSettings b = settings.baseline();
        if (!b.set()) {
            return null;
        }
        if (!b.isReport()) {
            return new Baselines(b, "image", b.location());
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Path.of(b.location()).toFile());
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the baseline " + b.location() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        Baselines out = new Baselines(b, "report", root.path("image").path("source").asText());
        for (JsonNode r : Snapshot.reportsIn(root, b.location())) {
            List<BaselineFinding> findings = new ArrayList<>();
            for (JsonNode f : r.path("findings")) {
                findings.add(new BaselineFinding(f.path("fingerprint").asText(), f.path("rule").asText(),
                        f.path("level").asText(), f.path("message").asText()));
            }
            Snapshot snapshot = Snapshot.fromReport(r);
            out.platforms.putIfAbsent(snapshot.platform(), new Side(snapshot, List.copyOf(findings)));
        }
        return out;
    }

    /**
     * An image baseline: its platforms listed, and each that this image has ({@code wanted}) checked, in one reading
     * of it. A report baseline is read already.
     */
    void readImage(CheckSettings checkSettings, List<Platform> wanted) {
        if (!kind.equals("image")) {
            return;
        }
        ImageCheck.BaselineImage image;
        try {
            image = ImageCheck.checkBaselineImage(checkSettings, wanted, (platform, result) -> {
                List<BaselineFinding> findings = new ArrayList<>();
                for (Finding f : result.findings()) {
                    findings.add(new BaselineFinding(f.fingerprint(), f.rule(), f.level().name(), f.message()));
                }
                platforms.put(platform.toString(), new Side(Snapshot.of(result.analysis()), List.copyOf(findings)));
            });
        } catch (io.github.imagehygiene.common.ImageReadException e) {
            // a file that is no JSON object is read as an image: say which parameter named it, and what it takes
            throw new io.github.imagehygiene.common.ImageReadException("Cannot read the baseline "
                    + settings.location() + " (baseline): " + e.getMessage() + "; a baseline is a report.json of"
                    + " this plugin (the baseline goal writes one) or an image", e);
        }
        for (Platform p : image.platforms()) {
            platforms.putIfAbsent(p.toString(), null);
        }
        masking = image.masking();
    }

    /**
     * The baseline image's secret values (its ENV, labels, build arguments): its layers' history and its findings'
     * messages appear in this run's reports, and are masked with them. A report was masked when written.
     */
    Masking masking() {
        return masking;
    }

    /**
     * What one platform of this image compares with: the baseline's image of the same platform (the same os/arch,
     * a variant only where both name one), or the fact that it has none.
     *
     * @param keys how paths and purls are matched: masked as report.json writes them
     */
    Baseline forPlatform(Platform platform, UnaryOperator<String> keys) {
        String match = match(platform, platforms.keySet());
        Side side = match == null ? null : platforms.get(match);
        return new Baseline(settings.location(), kind, side == null ? source : side.snapshot().source(),
                platform.toString(), side == null ? null : side.snapshot(), List.copyOf(platforms.keySet()),
                side == null ? List.of() : side.findings(), settings.newFindingsOnly(), keys);
    }

    /** The baseline's platform that is {@code platform}: the same, else one that either names without a variant. */
    static String match(Platform platform, java.util.Collection<String> among) {
        if (among.contains(platform.toString())) {
            return platform.toString();
        }
        for (String p : among) {
            Platform other = Platform.parse(p);
            if (other != null && (platform.matches(other) || other.matches(platform))) {
                return p;
            }
        }
        return null;
    }
}
