package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.security.Origins.Origin;

/**
 * One breach of a security rule, located: the message (values masked), the path it is about (for path-based
 * suppressions; null for the image config) and whose it is.
 *
 * @param message what is wrong and what to do, as the finding shows it
 * @param path    the file, directory or VOLUME path; null when the breach is about the config as a whole
 * @param origin  the base image's or your own; null when neither applies
 */
public record Breach(String message, String path, Origin origin) {
}
