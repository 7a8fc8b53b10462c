package io.github.imagehygiene.findings;

import io.github.imagehygiene.analysis.Origin;
import io.github.imagehygiene.common.OneLine;

/**
 * One breach of one rule, with where it is and what it is about, as facts (suppressions, reports and baselines read
 * these fields; none parses the message).
 *
 * @param rule        the rule id
 * @param level       ERROR or WARN
 * @param message     actual vs limit, and what to change; one line
 * @param path        the file or directory in the image it is about, exactly as stored; null when it is about none
 * @param layer       the 1-based index of the layer that added it; 0 when it is about no one layer
 * @param origin      whose it is: base, own or unknown; null when it is about the image as a whole
 * @param subject     what it is about: a path, a package purl, a config key ({@code env:API_TOKEN}), {@code image}
 * @param fingerprint stable across rebuilds: from the rule, the subject and the platform, never a digest
 * @param ids         the ids it is known by (a vulnerability's CVE and aliases), for suppressions by id; mostly empty
 */
public record Finding(String rule, Level level, String message, String path, int layer, Origin origin,
        String subject, String fingerprint, java.util.List<String> ids) {

    /** Messages quote paths and values from the image: kept to one line (see {@link OneLine}). */
    public Finding {
        message = OneLine.of(message);
        ids = ids == null ? java.util.List.of() : java.util.List.copyOf(ids);
    }

    /** A finding known by no id. */
    public Finding(String rule, Level level, String message, String path, int layer, Origin origin, String subject,
            String fingerprint) {
        this(rule, level, message, path, layer, origin, subject, fingerprint, java.util.List.of());
    }

    /** "[maxSize] image is ..." as the console and the failure list show it. */
    @Override
    public String toString() {
        return "[" + rule + "] " + message;
    }
}
