package io.github.imagehygiene.image;

import java.util.List;
import java.util.Map;

/**
 * An image as its archive describes it: where it came from, its manifest and config, and its layers (not read yet).
 *
 * @param source       what the user named (path or docker:// reference)
 * @param format       the archive format detected from content
 * @param digest       the manifest digest when the format has a manifest blob, else the config digest (the image
 *                     ID, as {@code docker images} shows it)
 * @param configDigest the sha256 of the config blob
 * @param platform     the platform of the selected manifest
 * @param repoTags     tags recorded in the archive, sorted
 * @param annotations  index and manifest annotations, manifest's winning
 * @param config       the parsed config
 * @param layers       the layers bottom first
 */
public record Image(String source, ImageFormat format, String digest, String configDigest, Platform platform,
        List<String> repoTags, Map<String, String> annotations, ImageConfig config, List<LayerDescriptor> layers) {
}
