package io.github.imagehygiene.image;

/** Where the image was read from, as named in report.json. */
public enum ImageFormat {
    /** A {@code docker save} archive (legacy or Docker 25+) or Jib's {@code buildTar} output. */
    DOCKER_ARCHIVE("docker-archive"),
    /** An OCI image layout in a tar file. */
    OCI_ARCHIVE("oci-archive"),
    /** An OCI image layout directory. */
    OCI_DIR("oci-dir"),
    /** Streamed from a Docker daemon ({@code docker://NAME}). */
    DOCKER_DAEMON("docker-daemon");

    private final String id;

    ImageFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
