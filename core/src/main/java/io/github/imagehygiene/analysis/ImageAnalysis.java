package io.github.imagehygiene.analysis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.layer.LayerScan;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * Everything measured about one image; the input of every rule. Further analyses (efficiency, base image, packages)
 * are derived on demand, once, and shared by the rules that need them.
 */
public final class ImageAnalysis {
    /** Up to how many layer entries work may run two at once (see {@link #parallelWork()}). */
    public static final long PARALLEL_ENTRIES = 200_000;

    private final Image image;
    private final List<LayerSummary> layers;
    private volatile List<LayerScan> scans;
    private final long size;
    private final long compressedSize;
    private final boolean compressedEstimated;
    private final long contentSize;
    private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> locks = new ConcurrentHashMap<>();
    private final java.util.Set<String> collectorIds;
    private final Map<Class<?>, Object> settings;
    private LayeredFilesystem filesystem;

    /**
     * @param image               the image model
     * @param layers              per-layer numbers, bottom first
     * @param scans               per-layer entries and collected content, same order
     * @param size                uncompressed bytes, the sum of the layers' tar streams
     * @param compressedSize      what a registry push transfers
     * @param compressedEstimated whether some layer's compressed size is a gzip estimate
     * @param contentSize         sum of all entries' sizes
     */
    public ImageAnalysis(Image image, List<LayerSummary> layers, List<LayerScan> scans, long size,
            long compressedSize, boolean compressedEstimated, long contentSize) {
        this(image, layers, scans, size, compressedSize, compressedEstimated, contentSize, java.util.Set.of(),
                List.of());
    }

    /**
     * As above, naming the content collectors that ran during the layer pass, and with the settings the derived
     * analyses are built with (each a topic's record, e.g. the base image's; one per type).
     */
    public ImageAnalysis(Image image, List<LayerSummary> layers, List<LayerScan> scans, long size,
            long compressedSize, boolean compressedEstimated, long contentSize, java.util.Set<String> collectorIds,
            List<?> settings) {
        this.collectorIds = java.util.Set.copyOf(collectorIds);
        Map<Class<?>, Object> bySettingsType = new java.util.HashMap<>();
        for (Object s : settings) {
            if (bySettingsType.put(s.getClass(), s) != null) {
                throw new IllegalArgumentException("two settings of type " + s.getClass().getName());
            }
        }
        this.settings = Map.copyOf(bySettingsType);
        this.image = image;
        this.layers = List.copyOf(layers);
        this.scans = List.copyOf(scans);
        this.size = size;
        this.compressedSize = compressedSize;
        this.compressedEstimated = compressedEstimated;
        this.contentSize = contentSize;
    }

    public Image image() {
        return image;
    }

    public List<LayerSummary> layers() {
        return layers;
    }

    public List<LayerScan> scans() {
        List<LayerScan> s = scans;
        if (s == null) {
            throw released();
        }
        return s;
    }

    /**
     * Whether work on this analysis may run two at once (the SBOM beside the rules, the report files beside
     * report.json): not for an image of more than {@value #PARALLEL_ENTRIES} layer entries, where two sides deriving
     * analyses or holding their output at once would need more heap than the time saved.
     */
    public boolean parallelWork() {
        return scans().stream().mapToLong(s -> s.entries().size()).sum() <= PARALLEL_ENTRIES;
    }

    /**
     * Lets go of what the layers' entries and everything derived from them take (with {@code platform=all}, once a
     * platform's reports are made, so that one platform's layers are held at a time); what stays is the image, the
     * layers' numbers and the sizes. A derived analysis not made before cannot be made after.
     */
    public synchronized void release() {
        scans = null;
        filesystem = null;
        derived.clear();
    }

    private IllegalStateException released() {
        return new IllegalStateException("the layer data of " + image.source() + " (" + image.platform()
                + ") was released once its reports were made");
    }

    /** Uncompressed bytes: what {@code docker images} shows. */
    public long size() {
        return size;
    }

    public long compressedSize() {
        return compressedSize;
    }

    public boolean compressedEstimated() {
        return compressedEstimated;
    }

    public long contentSize() {
        return contentSize;
    }

    /** The ids of the content collectors that read this image: what they found is complete, what others would, absent. */
    public java.util.Set<String> collectorIds() {
        return collectorIds;
    }

    /**
     * The settings of one topic this analysis was built with, else {@code otherwise}: a derived analysis reads its
     * own (the base image's known bases, the hygiene's ignored paths) when it is computed.
     */
    public <T> T settings(Class<T> type, T otherwise) {
        Object s = settings.get(type);
        return s == null ? otherwise : type.cast(s);
    }

    /** The final filesystem, whiteouts applied; built on first use. */
    public synchronized LayeredFilesystem filesystem() {
        if (filesystem == null) {
            filesystem = LayeredFilesystem.build(scans());
        }
        return filesystem;
    }

    /**
     * A derived analysis, computed on first use and kept: {@code analysis.derived(Efficiency.class, Efficiency::of)}.
     * Computed once even when several threads ask at once (the rules and the SBOM run side by side); one analysis may
     * derive another while being derived (a lock per type, so that only a cycle could wait forever, and a cycle
     * would recurse forever on one thread too).
     */
    public <T> T derived(Class<T> type, Function<ImageAnalysis, T> compute) {
        Object value = derived.get(type);
        if (value == null) {
            synchronized (locks.computeIfAbsent(type, k -> new Object())) {
                value = derived.get(type);
                if (value == null) {
                    if (scans == null) {
                        throw released();
                    }
                    value = compute.apply(this);
                    derived.put(type, value);
                }
            }
        }
        return type.cast(value);
    }
}
