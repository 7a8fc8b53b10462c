package io.github.imagehygiene.analysis.base;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.image.HistoryEntry;
import io.github.imagehygiene.image.Image;
import io.github.imagehygiene.image.LayerDescriptor;
import io.github.imagehygiene.layer.LayeredFilesystem;

/**
 * The base image of an analysed image, with the evidence for it, most trusted first:
 * <ol>
 * <li>annotations, then config labels, {@code org.opencontainers.image.base.name} / {@code .base.digest};</li>
 * <li>the project's build configuration: Jib's {@code <from><image>}, docker-maven-plugin's {@code <build><from>},
 * the Dockerfile's final stage;</li>
 * <li>the layer fingerprint: the known base (baseImages, and Jib's {@code tar://} base) whose diff_ids are the
 * longest prefix of the image's;</li>
 * <li>the final filesystem: the operating system and the Java runtime.</li>
 * </ol>
 * The name is the one of the most trusted evidence that names a registry image (or {@code scratch}); evidence naming
 * another image is reported as a conflict, never dropped. Computed once per analysis: {@link #of}.
 */
public final class BaseImage {
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

    private final ImageReference reference;
    private final Evidence nameSource;
    private final List<Evidence> agreeing;
    private final String digest;
    private final List<Evidence> evidence;
    private final List<String> conflicts;
    private final KnownBase fingerprint;
    private final BaseLayers layers;
    private final OperatingSystem os;
    private final JavaRuntime java;
    private final EolTable eolTable;
    private final EolTable.Row eol;

    private BaseImage(ImageReference reference, Evidence nameSource, List<Evidence> agreeing, String digest,
            List<Evidence> evidence, List<String> conflicts, KnownBase fingerprint, BaseLayers layers,
            OperatingSystem os, JavaRuntime java, EolTable eolTable, EolTable.Row eol) {
        this.reference = reference;
        this.nameSource = nameSource;
        this.agreeing = List.copyOf(agreeing);
        this.digest = digest;
        this.evidence = List.copyOf(evidence);
        this.conflicts = List.copyOf(conflicts);
        this.fingerprint = fingerprint;
        this.layers = layers;
        this.os = os;
        this.java = java;
        this.eolTable = eolTable;
        this.eol = eol;
    }

    /** The base image of an analysis, identified once with the {@link BaseImageSettings} it was built with. */
    public static BaseImage of(ImageAnalysis analysis) {
        return analysis.derived(BaseImage.class, a -> identify(a, a.settings(BaseImageSettings.class,
                BaseImageSettings.NONE)));
    }

    /** A piece of evidence that names an image, and what it names. */
    private record Named(Evidence evidence, ImageReference reference) {
    }

    static BaseImage identify(ImageAnalysis analysis, BaseImageSettings settings) {
        Image image = analysis.image();
        BuildHints build = settings.build();
        List<Evidence> evidence = new ArrayList<>();
        List<Named> named = new ArrayList<>();
        List<Evidence> digests = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();

        // a. annotations, then labels
        addName(evidence, named, "annotation " + BASE_NAME, image.annotations().get(BASE_NAME));
        addDigest(evidence, digests, "annotation " + BASE_DIGEST, image.annotations().get(BASE_DIGEST));
        addName(evidence, named, "label " + BASE_NAME, image.config().labels().get(BASE_NAME));
        addDigest(evidence, digests, "label " + BASE_DIGEST, image.config().labels().get(BASE_DIGEST));

        // b. the build configuration
        if (build.jibFromImage() != null && !build.jibFromImage().isBlank()) {
            addName(evidence, named, build.jibFromImageSource() != null ? build.jibFromImageSource()
                    : BuildHints.JIB_PLUGIN, build.jibFromImage());
        }
        if (build.dockerMavenPluginFrom() != null && !build.dockerMavenPluginFrom().isBlank()) {
            addName(evidence, named, BuildHints.DOCKER_MAVEN_PLUGIN, build.dockerMavenPluginFrom());
        }
        Dockerfiles.Base dockerfile = null;
        if (build.dockerfile() != null) {
            dockerfile = settings.dockerfileBase() != null ? settings.dockerfileBase()
                    : Dockerfiles.finalBase(build.dockerfile());
            String source = "Dockerfile " + display(build.dockerfile(), build.basedir()) + ":" + dockerfile.line()
                    + (dockerfile.chain().size() > 1 || dockerfile.chain().get(0).charAt(0) != '#'
                            ? " (stage " + String.join(" <- ", dockerfile.chain()) + ")" : "");
            addName(evidence, named, source, dockerfile.reference());
            for (String arg : dockerfile.unresolved()) {
                conflicts.add(source + ": ARG " + arg + " has no value, Docker substitutes an empty string");
            }
        }

        // c. the fingerprint
        BaseImageSettings.KnownBases read = analysis.settings(BaseImageSettings.KnownBases.class, null);
        if (read == null) {
            read = settings.readKnownBases(image.platform());
        }
        List<KnownBase> known = new ArrayList<>(read.bases());
        for (Named n : List.copyOf(named)) {
            if (n.reference().kind() == ImageReference.Kind.FILE) {
                // Jib's tar:// base, read before the layers were; another tar:// (a label) is read now
                String path = n.reference().written().substring(BaseImageSettings.TAR_PREFIX.length());
                known.add(read.jibTar() != null && n.reference().written().equals(build.jibFromImage()) ? read.jibTar()
                        : KnownBase.read(null, path, build.basedir(), settings.dockerHost(), image.platform(),
                                n.evidence().source() + " " + n.reference().written()));
            }
        }
        List<String> diffIds = new ArrayList<>();
        analysis.layers().forEach(l -> diffIds.add(l.diffId()));
        KnownBase match = null;
        int matched = 0;
        for (KnownBase k : known) {
            int n = k.prefixOf(diffIds);
            if (n > matched) {
                matched = n;
                match = k;
            }
        }
        if (match != null) {
            addName(evidence, named, "fingerprint (" + (matched == 1 ? "layer 1" : "layers 1-" + matched)
                    + " = the diff_ids of " + match.source() + ")", match.name());
        }

        // the name: the most trusted evidence that names a registry image or scratch
        Named chosen = null;
        for (Named n : named) {
            if (n.reference() != null && n.reference().kind() != ImageReference.Kind.FILE) {
                chosen = n;
                break;
            }
        }
        List<Evidence> agreeing = new ArrayList<>();
        if (chosen != null) {
            for (Named n : named) {
                if (n.reference() == null) {
                    conflicts.add(n.evidence().source() + " says '" + n.evidence().value()
                            + "', which is not an image reference");
                } else if (n.reference().kind() == ImageReference.Kind.FILE) {
                    if (match == null || !n.reference().written().endsWith(match.source())) {
                        conflicts.add(n.evidence().source() + " says " + n.reference().written()
                                + ", whose layers are not the image's bottom layers");
                    }
                } else if (n == chosen || agrees(chosen.reference(), n.reference())) {
                    agreeing.add(n.evidence());
                } else {
                    conflicts.add(n.evidence().source() + " says " + n.reference().normalised() + ", "
                            + chosen.evidence().source() + " says " + chosen.reference().normalised());
                }
            }
        }
        String digest = null;
        for (Evidence d : digests) {
            if (digest == null) {
                digest = d.value();
            } else if (!digest.equals(d.value())) {
                conflicts.add(d.source() + " says " + d.value() + ", " + digests.get(0).source() + " says " + digest);
            }
        }
        if (chosen != null && chosen.reference().digest() != null) {
            if (digest != null && !digest.equals(chosen.reference().digest())) {
                conflicts.add(chosen.evidence().source() + " pins " + chosen.reference().digest() + ", "
                        + digests.get(0).source() + " says " + digest);
            }
            digest = digest == null ? chosen.reference().digest() : digest;
        }
        if (digest == null && match != null && chosen != null && agreeing.stream()
                .anyMatch(e -> e.source().startsWith("fingerprint"))) {
            digest = match.digest();
        }
        if (chosen == null && match == null) {
            for (KnownBase k : known) {
                for (Named n : named) {
                    ImageReference kr = ImageReference.parse(k.name());
                    if (kr != null && n.reference() != null && kr.sameRepository(n.reference())) {
                        conflicts.add("baseImages lists " + k.name() + " (" + k.source() + "), but its diff_ids are"
                                + " not the image's bottom layers");
                    }
                }
            }
        }

        // base vs own layers
        BaseLayers baseLayers = split(analysis, match, matched, chosen, dockerfile);
        if (match != null && chosen != null && chosen.reference().isScratch()) {
            conflicts.add(chosen.evidence().source() + " says scratch, but layers 1-" + matched + " are "
                    + match.name());
        }

        // d. the final filesystem
        LayeredFilesystem fs = analysis.filesystem();
        OperatingSystem os = OperatingSystem.of(fs);
        JavaRuntime java = JavaRuntime.of(fs, image.config().env());
        if (os != null) {
            evidence.addAll(os.evidence());
            conflicts.addAll(os.conflicts());
        }
        if (java != null) {
            evidence.addAll(java.evidence());
        }
        EolTable table = settings.eolTable();
        EolTable.Row eol = os == null ? null : table.lookup(os.id(), os.versionId()).orElse(null);
        return new BaseImage(chosen == null ? null : chosen.reference(), chosen == null ? null : chosen.evidence(),
                agreeing, digest, evidence, conflicts, match, baseLayers, os, java, table, eol);
    }

    /** Same repository, and no two different written tags. */
    private static boolean agrees(ImageReference a, ImageReference b) {
        if (a.isScratch() || b.isScratch()) {
            return a.isScratch() && b.isScratch();
        }
        if (!a.sameRepository(b)) {
            return false;
        }
        if (a.tag() != null && b.tag() != null && !a.tag().equals(b.tag())) {
            return false;
        }
        return a.digest() == null || b.digest() == null || a.digest().equals(b.digest());
    }

    private static void addName(List<Evidence> evidence, List<Named> named, String source, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Evidence e = new Evidence(source, value.strip());
        evidence.add(e);
        named.add(new Named(e, ImageReference.parse(value)));
    }

    private static void addDigest(List<Evidence> evidence, List<Evidence> digests, String source, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Evidence e = new Evidence(source, value.strip());
        evidence.add(e);
        digests.add(e);
    }

    private static String display(Path file, Path basedir) {
        Path f = file.toAbsolutePath().normalize();
        if (basedir != null) {
            Path b = basedir.toAbsolutePath().normalize();
            if (f.startsWith(b)) {
                return b.relativize(f).toString().replace('\\', '/');
            }
        }
        return f.toString();
    }

    // ---- base vs own layers -----------------------------------------------------------------------------------------

    private static BaseLayers split(ImageAnalysis analysis, KnownBase match, int matched, Named chosen,
            Dockerfiles.Base dockerfile) {
        int n = analysis.layers().size();
        if (match != null) {
            return new BaseLayers(n, matched, BaseLayers.Method.FINGERPRINT, "the diff_ids of " + match.source());
        }
        if (chosen != null && chosen.reference().isScratch()) {
            return new BaseLayers(n, 0, BaseLayers.Method.SCRATCH, chosen.evidence().source() + " says scratch");
        }
        List<LayerDescriptor> layers = analysis.image().layers();
        int jib = 0;
        for (int i = layers.size() - 1; i >= 0 && kind(layers.get(i).history()).equals("JIB"); i--) {
            jib++;
        }
        if (jib > 0) {
            return new BaseLayers(n, n - jib, BaseLayers.Method.HISTORY, "history: layers " + (n - jib + 1) + "-" + n
                    + " are Jib's, the ones below its base's");
        }
        if (dockerfile != null && (chosen == null || agreesWithDockerfile(chosen, dockerfile))) {
            int base = matchDockerfile(layers, dockerfile.instructions());
            if (base >= 0) {
                return new BaseLayers(n, base, BaseLayers.Method.HISTORY, "history: the top " + (n - base)
                        + " layers match the Dockerfile's " + dockerfile.layerInstructions().size()
                        + " RUN/COPY/ADD instructions");
            }
        }
        return BaseLayers.unknown(n);
    }

    private static boolean agreesWithDockerfile(Named chosen, Dockerfiles.Base dockerfile) {
        ImageReference r = ImageReference.parse(dockerfile.reference());
        return r != null && agrees(chosen.reference(), r);
    }

    /**
     * Matches the Dockerfile's layer-making instructions against the history of the top layers; the number of base
     * layers below them, or -1 when the history does not fit. WORKDIR makes a layer in some builders only.
     */
    static int matchDockerfile(List<LayerDescriptor> layers, List<Dockerfiles.Instruction> instructions) {
        List<Dockerfiles.Instruction> own = new ArrayList<>();
        for (Dockerfiles.Instruction i : instructions) {
            if (List.of("RUN", "COPY", "ADD", "WORKDIR").contains(i.keyword())) {
                own.add(i);
            }
        }
        int li = layers.size() - 1;
        for (int ii = own.size() - 1; ii >= 0; ii--) {
            String keyword = own.get(ii).keyword();
            String kind = li >= 0 ? kind(layers.get(li).history()) : "";
            if (keyword.equals("WORKDIR")) {
                if (kind.equals("WORKDIR")) {
                    li--;
                }
                continue;
            }
            if (li < 0 || !kind.equals(keyword)) {
                return -1;
            }
            li--;
        }
        return li + 1;
    }

    /** The instruction a history entry records: RUN, COPY, ADD, WORKDIR..., JIB, or "" when it does not say. */
    static String kind(HistoryEntry h) {
        if (h == null || h.createdBy() == null || h.createdBy().isBlank()) {
            return "";
        }
        String s = h.createdBy().strip();
        if (s.startsWith("jib-")) {
            return "JIB";
        }
        if (s.startsWith("|")) {
            return "RUN"; // legacy builder: "|2 A=1 B=2 /bin/sh -c ..." (build args)
        }
        if (s.startsWith("/bin/sh -c ")) {
            s = s.substring("/bin/sh -c ".length()).strip();
            if (!s.startsWith("#(nop)")) {
                return "RUN";
            }
            s = s.substring("#(nop)".length()).strip();
        }
        int space = s.indexOf(' ');
        String word = (space < 0 ? s : s.substring(0, space)).toUpperCase(Locale.ROOT);
        return word.matches("[A-Z]+") ? word : "";
    }

    // ---- accessors ----------------------------------------------------------------------------------------------

    /** The base, normalised ({@code docker.io/library/debian:12}, {@code scratch}); null when nothing names it. */
    public String name() {
        return reference == null ? null : reference.normalised();
    }

    public ImageReference reference() {
        return reference;
    }

    public boolean known() {
        return reference != null;
    }

    /** The most trusted evidence naming the base; null when unknown. */
    public Evidence nameSource() {
        return nameSource;
    }

    /** Every evidence that names the same base, most trusted first. */
    public List<Evidence> nameEvidence() {
        return agreeing;
    }

    /** "label org.opencontainers.image.base.name, Dockerfile Dockerfile:3": the evidence a rule's message names. */
    public String nameEvidenceSummary() {
        List<String> sources = new ArrayList<>();
        agreeing.forEach(e -> sources.add(e.source()));
        return String.join(", ", sources);
    }

    /** The base's digest: from base.digest, the reference, or the fingerprinted archive; null when none says. */
    public String digest() {
        return digest;
    }

    /** All evidence, most trusted first, the operating system's and Java's files last. */
    public List<Evidence> evidence() {
        return evidence;
    }

    /** Evidence that disagrees with the chosen name or with itself, as sentences. */
    public List<String> conflicts() {
        return conflicts;
    }

    /** The known base whose diff_ids matched, or null. */
    public KnownBase fingerprint() {
        return fingerprint;
    }

    public BaseLayers layers() {
        return layers;
    }

    /** The operating system found, or null. */
    public OperatingSystem os() {
        return os;
    }

    /** The Java runtime found, or null. */
    public JavaRuntime java() {
        return java;
    }

    public EolTable eolTable() {
        return eolTable;
    }

    /** The EOL row of the operating system, when the table has it. */
    public Optional<EolTable.Row> eol() {
        return Optional.ofNullable(eol);
    }

    /** Where a file of a given layer is: "in the base image", "in your layers", or "in layer #n". */
    public String where(int layer) {
        String w = layers.where(layer);
        return w.isEmpty() ? "in layer #" + layer : w;
    }

    /** report.json's {@code baseImage}, {@code os} and {@code java} objects as ordered maps (null values kept). */
    public Map<String, Object> reportBaseImage() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("digest", digest);
        List<Map<String, Object>> ev = new ArrayList<>();
        for (Evidence e : evidence) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", e.source());
            x.put("value", e.value());
            ev.add(x);
        }
        m.put("evidence", ev);
        m.put("conflicts", conflicts);
        m.put("layers", layers.known() ? layers.baseCount() : null);
        m.put("layersBy", layers.method().id());
        return m;
    }

    /** report.json's {@code os}: {id, versionId, prettyName, eol}, or null when no operating system was found. */
    public Map<String, Object> reportOs() {
        if (os == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", os.id());
        m.put("versionId", os.versionId());
        m.put("prettyName", os.prettyName());
        m.put("eol", eol == null ? null : eol.eol().toString());
        m.put("distroless", os.distroless());
        m.put("eolTableDate", eolTable.date().toString());
        return m;
    }

    /** report.json's {@code java}: {vendor, version, jdk}, or null when no Java runtime was found. */
    public Map<String, Object> reportJava() {
        if (java == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vendor", java.vendor());
        m.put("version", java.version());
        m.put("jdk", java.jdk());
        m.put("home", java.home());
        return m;
    }

    /** The console summary's base-image lines (two-space indent, as the rest of the summary). */
    public List<String> consoleLines() {
        List<String> out = new ArrayList<>();
        out.add("  Base image: " + (reference == null ? "unknown" : name() + (digest == null ? "" : " " + digest))
                + "; " + layers.describe());
        for (Evidence e : evidence) {
            out.add("    " + e.source() + ": " + e.value());
        }
        for (String c : conflicts) {
            out.add("    conflict: " + c);
        }
        out.add("  OS: " + (os == null ? "none found" : os.describe() + (os.distroless() ? " (distroless)" : "")
                + ", " + (eol == null ? "not in the EOL table of " + eolTable.date()
                        : "end of life " + eol.eol() + " (EOL table of " + eolTable.date() + ")")));
        out.add("  Java: " + (java == null ? "none found" : java.describe() + " in " + java.home()));
        return out;
    }
}
