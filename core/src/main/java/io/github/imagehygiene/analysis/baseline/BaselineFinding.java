package io.github.imagehygiene.analysis.baseline;

/**
 * A finding of the baseline, as its report.json lists it (or its own check found it).
 *
 * @param fingerprint stable across rebuilds: what "new" and "gone" compare
 * @param rule        the rule id
 * @param level       ERROR or WARN
 * @param message     what it said
 */
public record BaselineFinding(String fingerprint, String rule, String level, String message) {
}
