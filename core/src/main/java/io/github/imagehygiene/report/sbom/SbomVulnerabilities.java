package io.github.imagehygiene.report.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cyclonedx.model.Property;
import org.cyclonedx.model.vulnerability.Vulnerability;

import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.vulnerability.Rating;
import io.github.imagehygiene.analysis.vulnerability.Vulnerabilities;

/**
 * The SBOM's {@code vulnerabilities[]} (CycloneDX 1.6): one entry per vulnerability id, affecting every component
 * that carries it ({@code affects[].ref} = the component's bom-ref), rated as the check rated it, its aliases as
 * references and the fixed version as the recommendation.
 */
final class SbomVulnerabilities {
    private static final String NS = "imagehygiene:";

    private SbomVulnerabilities() {
    }

    static List<Vulnerability> of(Vulnerabilities found, Map<Component, String> refOf) {
        Map<String, List<io.github.imagehygiene.analysis.vulnerability.Vulnerability>> byId = new LinkedHashMap<>();
        for (io.github.imagehygiene.analysis.vulnerability.Vulnerability v : found.all()) {
            byId.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v);
        }
        List<Vulnerability> out = new ArrayList<>();
        byId.forEach((id, each) -> {
            io.github.imagehygiene.analysis.vulnerability.Vulnerability first = each.get(0);
            Vulnerability x = new Vulnerability();
            x.setBomRef("vulnerability:" + id);
            x.setId(id);
            x.setSource(source(id));
            List<Vulnerability.Reference> refs = new ArrayList<>();
            for (String alias : first.aliases()) {
                Vulnerability.Reference r = new Vulnerability.Reference();
                r.setId(alias);
                r.setSource(source(alias));
                refs.add(r);
            }
            if (!refs.isEmpty()) {
                x.setReferences(refs);
            }
            x.setRatings(List.of(rating(first.rating())));
            if (!first.summary().isEmpty()) {
                x.setDescription(first.summary());
            }
            List<Vulnerability.Affect> affects = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            List<Property> props = new ArrayList<>();
            for (io.github.imagehygiene.analysis.vulnerability.Vulnerability v : each) {
                String ref = refOf.get(v.component());
                if (ref == null) {
                    continue;
                }
                Vulnerability.Affect a = new Vulnerability.Affect();
                a.setRef(ref);
                Vulnerability.Version version = new Vulnerability.Version();
                version.setVersion(v.component().version());
                version.setStatus(Vulnerability.Version.Status.AFFECTED);
                a.setVersions(List.of(version));
                affects.add(a);
                if (v.fixable()) {
                    fixes.add("update " + v.name() + " to " + v.fixed());
                }
                props.add(new Property(NS + "origin", v.origin().id()));
            }
            x.setAffects(affects);
            if (!fixes.isEmpty()) {
                x.setRecommendation(String.join("; ", fixes.stream().distinct().toList()));
            }
            x.setProperties(props.stream().distinct().toList());
            out.add(x);
        });
        return out;
    }

    private static Vulnerability.Rating rating(Rating r) {
        Vulnerability.Rating x = new Vulnerability.Rating();
        x.setSeverity(switch (r.severity()) {
            case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
            case HIGH -> Vulnerability.Rating.Severity.HIGH;
            case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
            case LOW -> Vulnerability.Rating.Severity.LOW;
            case NONE -> Vulnerability.Rating.Severity.NONE;
            case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
        });
        if (r.score() != null) {
            x.setScore(r.score());
        }
        if (r.vector() != null) {
            x.setVector(r.vector());
            x.setMethod(r.vector().startsWith("CVSS:4.") ? Vulnerability.Rating.Method.CVSSV4
                    : r.vector().startsWith("CVSS:3.1") ? Vulnerability.Rating.Method.CVSSV31
                    : r.vector().startsWith("CVSS:3.") ? Vulnerability.Rating.Method.CVSSV3
                    : Vulnerability.Rating.Method.CVSSV2);
        } else {
            x.setMethod(Vulnerability.Rating.Method.OTHER);
        }
        return x;
    }

    /** The database an id comes from, by its prefix (the OSV schema's list). */
    private static Vulnerability.Source source(String id) {
        Vulnerability.Source s = new Vulnerability.Source();
        if (id.startsWith("CVE-")) {
            s.setName("NVD");
            s.setUrl("https://nvd.nist.gov/vuln/detail/" + id);
        } else if (id.startsWith("GHSA-")) {
            s.setName("GitHub");
            s.setUrl("https://github.com/advisories/" + id);
        } else {
            s.setName("OSV");
            s.setUrl("https://osv.dev/vulnerability/" + id);
        }
        return s;
    }
}
