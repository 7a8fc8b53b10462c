package io.github.imagehygiene.analysis;

/**
 * Whose a layer, a file or a config value is: the base image's, the build's own, or unknown (no evidence tells where
 * the base ends). What a build controls is {@link #OWN}; the hygiene rules gate on it once the base is known.
 */
public enum Origin {
    BASE("base", "in the base image"),
    OWN("own", "in your layers"),
    UNKNOWN("unknown", "");

    private final String id;
    private final String where;

    Origin(String id, String where) {
        this.id = id;
        this.where = where;
    }

    /** As report.json says it: {@code base}, {@code own}, {@code unknown}. */
    public String id() {
        return id;
    }

    /** As messages say it: "in the base image", "in your layers"; "" when unknown. */
    public String where() {
        return where;
    }

    /** " (in the base image)", " (in your layers)"; "" when unknown: a message claims no owner it cannot tell. */
    public String inParens() {
        return where.isEmpty() ? "" : " (" + where + ")";
    }

    /** " (set in the base image)", " (set in your layers)"; "" when unknown. */
    public String setIn() {
        return where.isEmpty() ? "" : " (set " + where + ")";
    }
}
