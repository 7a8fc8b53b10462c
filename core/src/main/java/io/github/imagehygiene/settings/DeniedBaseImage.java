package io.github.imagehygiene.settings;

/** One {@code <deniedBaseImage>}: an image pattern and why it is denied. */
public class DeniedBaseImage {
    /** Glob pattern on the normalised reference, e.g. {@code openjdk:*}. */
    private String image;
    /** Why, repeated in the breach, e.g. {@code deprecated upstream, no security updates}. */
    private String reason;

    public String getImage() {
        return image;
    }

    public String getReason() {
        return reason;
    }
}
