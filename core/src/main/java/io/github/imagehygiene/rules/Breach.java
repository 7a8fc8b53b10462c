package io.github.imagehygiene.rules;

import java.util.List;

import io.github.imagehygiene.analysis.Origin;

/**
 * What a rule found wrong, before a level is applied: the message and where it is. The gate turns it into a
 * {@link io.github.imagehygiene.findings.Finding} at the rule's level, with its fingerprint.
 *
 * @param message what is wrong, actual vs limit, and what to change
 * @param subject what it is about: a path, a package purl, a config key ({@code env:API_TOKEN}), {@code image}
 * @param path    the file or directory in the image, exactly as stored; null when it is about none
 * @param layer   the 1-based layer that added it; 0 when it is about no one layer
 * @param origin  whose it is; null when it is about the image as a whole
 * @param ids     the ids it is known by, for suppressions by id (a vulnerability's CVE, GHSA and distribution ids);
 *                empty for most
 */
public record Breach(String message, String subject, String path, int layer, Origin origin, List<String> ids) {
    /** The subject of findings about the image as a whole (its size, its layer count). */
    public static final String IMAGE = "image";

    public Breach {
        if (message == null || subject == null) {
            throw new IllegalArgumentException("a breach needs a message and a subject");
        }
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** A breach known by no id. */
    public Breach(String message, String subject, String path, int layer, Origin origin) {
        this(message, subject, path, layer, origin, List.of());
    }

    /** The same, known by these ids. */
    public Breach knownAs(List<String> allIds) {
        return new Breach(message, subject, path, layer, origin, allIds);
    }

    /** A breach about the image as a whole. */
    public static Breach ofImage(String message) {
        return new Breach(message, IMAGE, null, 0, null);
    }

    /** A breach about a subject that is no path (a config key, a package, a base image). */
    public static Breach of(String subject, String message) {
        return new Breach(message, subject, null, 0, null);
    }

    /** A breach about a path in the image; the path is its subject. */
    public static Breach atPath(String path, String message) {
        return new Breach(message, path, path, 0, null);
    }

    /** The same, located in a layer. */
    public Breach inLayer(int index, Origin whose) {
        return new Breach(message, subject, path, index, whose, ids);
    }

    /** The same, whose it is (config values: the history entry that set them). */
    public Breach origin(Origin whose) {
        return new Breach(message, subject, path, layer, whose, ids);
    }

    /** The same, about a narrower subject ("/etc/shadow:root" for one account of a file). */
    public Breach withSubject(String narrower) {
        return new Breach(message, narrower, path, layer, origin, ids);
    }

    /** The same, about a path in the image (the subject stays). */
    public Breach path(String inImage) {
        return new Breach(message, subject, inImage, layer, origin, ids);
    }
}
