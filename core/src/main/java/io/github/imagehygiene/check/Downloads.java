package io.github.imagehygiene.check;

import io.github.imagehygiene.analysis.vulnerability.VulnerabilityDatabase;
import io.github.imagehygiene.analysis.vulnerability.VulnerabilityDatabaseException;
import io.github.imagehygiene.common.LogSink;
import io.github.imagehygiene.settings.CheckSettings;

/** How a check fetches an http(s) vulnerability database into its cache. */
final class Downloads {
    private Downloads() {
    }

    static VulnerabilityDatabase.Fetcher fetcher(CheckSettings settings, LogSink log) {
        return family -> {
            throw new VulnerabilityDatabaseException(settings.vulnerabilities().url() + "/" + family
                    + "/all.zip cannot be fetched: downloads are not available yet");
        };
    }
}
