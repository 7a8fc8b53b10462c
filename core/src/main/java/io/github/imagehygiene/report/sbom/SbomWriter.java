package io.github.imagehygiene.report.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.LayerSummary;
import io.github.imagehygiene.analysis.inventory.Inventory;
import io.github.imagehygiene.analysis.vulnerability.Vulnerabilities;
import io.github.imagehygiene.analysis.inventory.OsRelease;
import io.github.imagehygiene.analysis.inventory.PackageType;
import io.github.imagehygiene.image.Image;

/**
 * Writes the image's inventory as a CycloneDX 1.6 JSON SBOM ({@code sbom.cdx.json}) with cyclonedx-core-java;
 * {@link #validate} checks a document against the specification's schema with the library's validator (the tests
 * check every SBOM they make; a run does not, the schema's validator costing more than the writing). The image is the
 * metadata component (its layers as properties); each package names the layer it came from
 * ({@code image-hygiene:layer:digest}) and where it was found (evidence occurrences). No timestamp, and a serial number
 * derived from the image digest: the same image gives the same bytes.
 */
public final class SbomWriter {
    public static final String FILE_NAME = "sbom.cdx.json";
    public static final Version SPEC = Version.VERSION_16;
    static final String NS = "image-hygiene:";

    private SbomWriter() {
    }

    /** The validator's complaints about a CycloneDX JSON document (empty when valid). */
    public static List<ParseException> validate(String json) throws IOException {
        return new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), SPEC);
    }

    /** The SBOM as JSON text. */
    public static String toJson(ImageAnalysis analysis, String toolName, String toolVersion) {
        try {
            return BomGeneratorFactory.createJson(SPEC, toBom(analysis, toolName, toolVersion)).toJsonString() + "\n";
        } catch (GeneratorException e) {
            throw new IllegalStateException("cannot write the SBOM: " + e.getMessage(), e);
        }
    }

    /** The SBOM model. */
    public static Bom toBom(ImageAnalysis analysis, String toolName, String toolVersion) {
        Image image = analysis.image();
        Inventory inventory = Inventory.from(analysis);
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((image.digest() + " " + image.configDigest())
                .getBytes(StandardCharsets.UTF_8)));
        Metadata metadata = new Metadata();
        metadata.setTimestamp(null); // reproducible: the same image gives the same bytes
        ToolInformation tools = new ToolInformation();
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName(toolName);
        tool.setVersion(toolVersion);
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        Component root = imageComponent(analysis);
        metadata.setComponent(root);
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        Map<String, String> refByLocation = new LinkedHashMap<>();
        Map<io.github.imagehygiene.analysis.inventory.Component, String> refOf = new java.util.IdentityHashMap<>();
        Map<String, List<String>> children = new LinkedHashMap<>();
        List<String> topLevel = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        OsRelease os = inventory.os();
        if (!os.id().isEmpty()) {
            Component osc = new Component();
            osc.setType(Component.Type.OPERATING_SYSTEM);
            osc.setName(os.id());
            if (!os.versionId().isEmpty()) {
                osc.setVersion(os.versionId());
            }
            if (!os.prettyName().isEmpty()) {
                osc.setDescription(os.prettyName());
            }
            osc.setBomRef(unique(refs, "os:" + os.distro()));
            components.add(osc);
            topLevel.add(osc.getBomRef());
        }
        for (io.github.imagehygiene.analysis.inventory.Component c : inventory.components()) {
            Component x = new Component();
            x.setType(c.type() == PackageType.MAVEN && c.location().matches(".*\\.(war|ear)$")
                    ? Component.Type.APPLICATION : Component.Type.LIBRARY);
            if (c.group() != null) {
                x.setGroup(c.group());
            }
            x.setName(c.name());
            if (c.version() != null) {
                x.setVersion(c.version());
            }
            if (c.purl() != null) {
                x.setPurl(c.purl());
            }
            x.setBomRef(unique(refs, c.type() == PackageType.MAVEN ? c.location()
                    : c.purl() != null ? c.purl() : c.type().purlType() + ":" + c.name() + "@" + c.version()));
            if (c.sha1() != null) {
                x.setHashes(List.of(new Hash(Hash.Algorithm.SHA1, c.sha1())));
            }
            if (!c.licenses().isEmpty()) {
                LicenseChoice choice = new LicenseChoice();
                for (String name : c.licenses()) {
                    License l = new License();
                    l.setName(name);
                    choice.addLicense(l);
                }
                x.setLicenses(choice);
            }
            Evidence evidence = new Evidence();
            Occurrence occurrence = new Occurrence();
            occurrence.setLocation(c.location());
            evidence.setOccurrences(List.of(occurrence));
            x.setEvidence(evidence);
            List<Property> props = new ArrayList<>();
            if (c.layer() > 0) {
                LayerSummary layer = analysis.layers().get(c.layer() - 1);
                props.add(new Property(NS + "layer:index", String.valueOf(c.layer())));
                props.add(new Property(NS + "layer:digest", layer.digest()));
                props.add(new Property(NS + "layer:diffId", layer.diffId()));
            }
            props.add(new Property(NS + "bytes", String.valueOf(c.bytes())));
            if (c.recordedSize() >= 0) {
                props.add(new Property(NS + "installedSize", String.valueOf(c.recordedSize())));
            }
            if (c.files() > 0 && c.type() != PackageType.MAVEN) {
                props.add(new Property(NS + "files", String.valueOf(c.files())));
            }
            if (!c.arch().isEmpty()) {
                props.add(new Property(NS + "arch", c.arch()));
            }
            if (!c.source().isEmpty() && !c.source().equals(c.name())) {
                props.add(new Property(NS + "sourcePackage", c.source()));
            }
            props.add(new Property(NS + "evidence", c.evidence()));
            x.setProperties(props);
            components.add(x);
            refOf.put(c, x.getBomRef());
            refByLocation.put(c.location(), x.getBomRef());
            if (c.parent() == null) {
                topLevel.add(x.getBomRef());
            } else {
                children.computeIfAbsent(c.parent(), p -> new ArrayList<>()).add(x.getBomRef());
            }
        }
        bom.setComponents(components);
        List<Dependency> dependencies = new ArrayList<>();
        Dependency rootDependency = new Dependency(root.getBomRef());
        topLevel.forEach(r -> rootDependency.addDependency(new Dependency(r)));
        dependencies.add(rootDependency);
        for (Map.Entry<String, List<String>> e : children.entrySet()) {
            String parentRef = refByLocation.get(e.getKey());
            if (parentRef != null) {
                Dependency d = new Dependency(parentRef);
                e.getValue().forEach(r -> d.addDependency(new Dependency(r)));
                dependencies.add(d);
            }
        }
        bom.setDependencies(dependencies);
        Vulnerabilities found = Vulnerabilities.from(analysis);
        if (found.checked()) {
            bom.setVulnerabilities(SbomVulnerabilities.of(found, refOf));
        }
        return bom;
    }

    private static String unique(Set<String> refs, String ref) {
        String r = ref;
        for (int i = 2; !refs.add(r); i++) {
            r = ref + "#" + i;
        }
        return r;
    }

    /** The image: name from its first tag (else its source), version its digest; layers as properties. */
    private static Component imageComponent(ImageAnalysis analysis) {
        Image image = analysis.image();
        Component c = new Component();
        c.setType(Component.Type.CONTAINER);
        String name = image.source();
        String tag = null;
        if (!image.repoTags().isEmpty()) {
            String t = image.repoTags().get(0);
            if (!t.contains(":") && !t.contains("/")) {
                // an OCI layout's ref name is a bare tag: the name comes from the file
                String file = image.source().substring(image.source().replace('\\', '/').lastIndexOf('/') + 1);
                t = file.replaceAll("(\\.oci)?(\\.tar)?(\\.gz)?$", "") + ":" + t;
            }
            int colon = t.lastIndexOf(':');
            name = colon > t.lastIndexOf('/') ? t.substring(0, colon) : t;
            tag = colon > t.lastIndexOf('/') ? t.substring(colon + 1) : null;
        }
        c.setName(name);
        c.setVersion(image.digest());
        c.setBomRef(image.digest());
        if (image.digest() != null && image.digest().startsWith("sha256:")) {
            String last = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
            try {
                java.util.TreeMap<String, String> q = new java.util.TreeMap<>();
                if (tag != null) {
                    q.put("tag", tag);
                }
                c.setPurl(new com.github.packageurl.PackageURL("oci", null, last, image.digest(),
                        q.isEmpty() ? null : q, null).canonicalize());
            } catch (com.github.packageurl.MalformedPackageURLException e) {
                // a name that makes no purl: the digest identifies the image
            }
        }
        List<Property> props = new ArrayList<>();
        props.add(new Property(NS + "image:source", image.source()));
        props.add(new Property(NS + "image:format", image.format().id()));
        props.add(new Property(NS + "image:platform", image.platform().toString()));
        props.add(new Property(NS + "image:configDigest", image.configDigest()));
        for (String t : image.repoTags()) {
            props.add(new Property(NS + "image:tag", t));
        }
        for (LayerSummary l : analysis.layers()) {
            String p = NS + "layer:" + l.index() + ":";
            props.add(new Property(p + "digest", l.digest()));
            props.add(new Property(p + "diffId", l.diffId()));
            props.add(new Property(p + "size", String.valueOf(l.size())));
            if (!l.instruction().isEmpty()) {
                props.add(new Property(p + "createdBy", l.instruction()));
            }
        }
        c.setProperties(props);
        return c;
    }
}
