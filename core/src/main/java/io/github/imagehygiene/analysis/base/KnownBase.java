package io.github.imagehygiene.analysis.base;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.imagehygiene.common.ImageHygieneException;
import io.github.imagehygiene.archive.ArchiveSource;
import io.github.imagehygiene.archive.ArchiveSources;
import io.github.imagehygiene.archive.ImageResolver;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.Platform;

/**
 * A base image known by its layers, for the fingerprint: the image under check is built on it when its diff_ids
 * start with the base's.
 *
 * @param name    what to call it: the name given, else the archive's first tag, else the location
 * @param source  where it was given: the archive path, or {@code diff_ids} for a list
 * @param diffIds its layers' diff_ids, bottom first
 * @param digest  the archive image's digest (manifest, else config), or null for a diff_id list
 */
public record KnownBase(String name, String source, List<String> diffIds, String digest) {
    private static final Pattern DIFF_ID = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern DIFF_ID_LIST = Pattern.compile(
            "sha256:[0-9a-f]{64}(?:[\\s,]++sha256:[0-9a-f]{64})*+");

    /**
     * Reads one {@code baseImages} entry: {@code [NAME=]LOCATION}, where LOCATION is anything the image reader takes
     * (an archive, an OCI layout folder, {@code PATH:TAG}, {@code docker://NAME}; only metadata is read), or
     * {@code NAME=sha256:…,sha256:…}, the base's diff_ids bottom first (commas or white space between them).
     *
     * @param platform the platform of the image under check, to pick the same one from a multi-platform base
     */
    public static KnownBase parse(String entry, Path basedir, String dockerHost, Platform platform) {
        Entry e = Entry.of(entry);
        if (e.diffIds()) {
            return new KnownBase(e.name(), "diff_ids", List.of(e.location().split("[\\s,]+")), null);
        }
        return read(e.name(), e.location(), basedir, dockerHost, platform, "baseImages entry '" + e.text() + "'");
    }

    /**
     * Checks one {@code baseImages} entry without reading it: its form, and that the file or folder it names exists
     * ({@code docker://} references are asked of the daemon only when read).
     *
     * @throws ConfigurationException naming the entry
     */
    public static void check(String entry, Path basedir) {
        Entry e = Entry.of(entry);
        String location = e.location();
        if (e.diffIds() || location.startsWith(ArchiveSources.DOCKER_PREFIX)) {
            return;
        }
        Path p = resolve(basedir, location);
        int colon = location.lastIndexOf(':');
        boolean tagged = colon > 1 && colon > location.lastIndexOf('/')
                && Files.exists(resolve(basedir, location.substring(0, colon)));
        if (!Files.exists(p) && !tagged) {
            throw new ConfigurationException("Cannot read the baseImages entry '" + e.text() + "': " + p
                    + ": no such file or folder");
        }
    }

    /** An entry split into {@code NAME=} and its location, its form checked. */
    private record Entry(String text, String name, String location, boolean diffIds) {
        static Entry of(String entry) {
            String e = entry == null ? "" : entry.strip();
            if (e.isEmpty()) {
                throw new ConfigurationException("Invalid baseImages entry: it is empty");
            }
            String name = null;
            String location = e;
            int eq = e.indexOf('=');
            if (eq > 0 && eq < e.length() - 1) {
                name = e.substring(0, eq).strip();
                location = e.substring(eq + 1).strip();
            }
            boolean diffIds = DIFF_ID_LIST.matcher(location).matches();
            if (diffIds && name == null) {
                throw new ConfigurationException("Invalid baseImages entry '" + e + "': name a diff_id list,"
                        + " e.g. debian:12=sha256:…");
            }
            if (!diffIds && location.startsWith("sha256:") && !DIFF_ID.matcher(location).lookingAt()) {
                throw new ConfigurationException("Invalid baseImages entry '" + e + "': a diff_id is sha256: and 64"
                        + " lower-case hex digits");
            }
            return new Entry(e, name, location, diffIds);
        }
    }

    /** Reads the metadata of an image archive (never its layers) as a known base. */
    public static KnownBase read(String name, String location, Path basedir, String dockerHost, Platform platform,
            String what) {
        String path = location;
        String tag = null;
        if (!location.startsWith(ArchiveSources.DOCKER_PREFIX)) {
            Path p = resolve(basedir, location);
            path = p.toString();
            int colon = location.lastIndexOf(':');
            if (!Files.exists(p) && colon > 1 && colon > location.lastIndexOf('/')
                    && Files.exists(resolve(basedir, location.substring(0, colon)))) {
                path = resolve(basedir, location.substring(0, colon)).toString();
                tag = location.substring(colon + 1);
            }
        }
        try (ArchiveSource<Object> source = ArchiveSources.open(path, dockerHost, (p, in) -> null)) {
            Image image;
            try {
                image = ImageResolver.resolve(source, platform, tag);
            } catch (ImageHygieneException ex) {
                if (platform == null) {
                    throw ex;
                }
                image = ImageResolver.resolve(source, null, tag);
            }
            String n = name != null ? name : !image.repoTags().isEmpty() ? image.repoTags().get(0) : location;
            return new KnownBase(n, location, image.config().diffIds(), image.digest());
        } catch (ConfigurationException ex) {
            throw ex;
        } catch (ImageHygieneException ex) {
            throw new ConfigurationException("Cannot read the " + what + ": " + ex.getMessage());
        }
    }

    private static Path resolve(Path basedir, String location) {
        Path p = Path.of(location);
        return basedir == null || p.isAbsolute() ? p : basedir.resolve(p);
    }

    /** How many of the image's bottom layers are this base's: its diff_id count when they are a prefix, else 0. */
    public int prefixOf(List<String> imageDiffIds) {
        if (diffIds.isEmpty() || diffIds.size() > imageDiffIds.size()) {
            return 0;
        }
        return imageDiffIds.subList(0, diffIds.size()).equals(diffIds) ? diffIds.size() : 0;
    }
}
