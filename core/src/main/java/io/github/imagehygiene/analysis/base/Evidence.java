package io.github.imagehygiene.analysis.base;

/**
 * One thing that tells about the base image, as report.json lists it: where it was read and what it says.
 *
 * @param source where: {@code annotation org.opencontainers.image.base.name}, {@code jib-maven-plugin <from><image>},
 *               {@code Dockerfile Dockerfile:12}, {@code fingerprint}, {@code /etc/os-release}...
 * @param value  what it says, as written there (a reference, a file's key values)
 */
public record Evidence(String source, String value) {

    @Override
    public String toString() {
        return source + ": " + value;
    }
}
