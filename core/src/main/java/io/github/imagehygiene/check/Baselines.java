package io.github.imagehygiene.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.imagehygiene.analysis.baseline.Baseline;
import io.github.imagehygiene.analysis.baseline.BaselineFinding;
import io.github.imagehygiene.analysis.baseline.BaselineSettings;
import io.github.imagehygiene.analysis.baseline.Snapshot;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.findings.Finding;
import io.github.imagehygiene.gate.CheckResult;
import io.github.imagehygiene.settings.CheckSettings;

/**
 * Reads the baseline a check compares with: a report.json this plugin wrote, read back; or an image, checked with the
 * same settings (its own findings included) but writing nothing. Both give the same {@link Snapshot}.
 */
final class Baselines {
    private Baselines() {
    }

    /** The baseline, or null when none is set. */
    static Baseline load(CheckSettings settings) {
        BaselineSettings b = settings.baseline();
        if (!b.set()) {
            return null;
        }
        if (b.isReport()) {
            JsonNode r;
            try {
                r = new ObjectMapper().readTree(Path.of(b.location()).toFile());
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read the baseline " + b.location() + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            List<BaselineFinding> findings = new ArrayList<>();
            for (JsonNode f : r.path("findings")) {
                findings.add(new BaselineFinding(f.path("fingerprint").asText(), f.path("rule").asText(),
                        f.path("level").asText(), f.path("message").asText()));
            }
            return new Baseline(b.location(), "report", Snapshot.fromReport(r, b.location()), findings,
                    b.newFindingsOnly());
        }
        CheckResult result = ImageCheck.run(settings.forBaselineImage(), LogSink.NONE);
        List<BaselineFinding> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            findings.add(new BaselineFinding(f.fingerprint(), f.rule(), f.level().name(), f.message()));
        }
        return new Baseline(b.location(), "image", Snapshot.of(result.analysis()), findings, b.newFindingsOnly());
    }
}
