package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.JavaLayering;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.analysis.inventory.JarIndex;
import io.github.imagehygiene.analysis.inventory.JavaArchivesCollector;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.rules.Blame;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code javaLayering}: the Java application is layered so that a code change re-pushes only a small top layer (see
 * {@link JavaLayering}). Reports a fat jar (Spring Boot, shaded) in one layer with the sizes of the layers it would
 * split into, a layer that changes often below one that rarely changes, and dependencies mixed with application
 * classes in one layer; recognises Spring Boot's extracted layers, Jib's layers and lib folders as layered. Once the
 * base image's layers are known, what lies in them alone is the base's: counted apart, not as a finding.
 */
public final class JavaLayeringRule extends Rule {
    public static final String ID = "javaLayering";
    private static final String ORDER = "dependencies, spring-boot-loader, snapshot-dependencies, then application";

    private final PathGlobs ignore;

    public JavaLayeringRule(HygieneSettings hygiene) {
        super(ID, Level.WARN);
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public List<ContentCollector<?>> collectors() {
        return List.of(JavaArchivesCollector.INSTANCE);
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        JavaLayering.Result r = JavaLayering.of(analysis, ignore);
        Blame blame = Blame.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        int inBase = 0;
        for (JavaLayering.FatJar jar : r.fatJars()) {
            if (!blame.counts(jar.layer())) {
                inBase++;
                continue;
            }
            breaches.add(Breach.atPath(jar.path(), fatJar(analysis, jar)).inLayer(jar.layer(),
                    blame.origin(jar.layer())));
        }
        Map<JavaLayering.Role, List<JavaLayering.Inversion>> byOften = new LinkedHashMap<>();
        for (JavaLayering.Inversion inv : r.inversions()) {
            if (!blame.counts(inv.oftenLayer()) && !blame.counts(inv.rarelyLayer())) {
                inBase++;
                continue;
            }
            byOften.computeIfAbsent(inv.often(), k -> new ArrayList<>()).add(inv);
        }
        for (List<JavaLayering.Inversion> group : byOften.values()) {
            JavaLayering.Inversion first = group.get(0);
            List<String> above = new ArrayList<>();
            long bytes = 0;
            for (JavaLayering.Inversion inv : group) {
                above.add(inv.rarely().label() + " in #" + inv.rarelyLayer() + " (" + Text.bytes(inv.rarelyBytes())
                        + ")");
                bytes += inv.rarelyBytes();
            }
            breaches.add(Breach.of("order:" + first.often().label(), first.often().label() + " in layer "
                    + Text.layer(analysis, first.oftenLayer()) + " sits below " + String.join(" and ", above)
                    + ": every change to the " + first.often().label() + " rebuilds and re-pushes the "
                    + Text.bytes(bytes) + " above it; copy rarely-changing layers first: " + ORDER)
                    .inLayer(first.oftenLayer(), blame.origin(first.oftenLayer())));
        }
        for (JavaLayering.Mixed m : r.mixed()) {
            if (!blame.counts(m.layer())) {
                inBase++;
                continue;
            }
            breaches.add(Breach.of("mixed:layer:" + m.layer(), "layer " + Text.layer(analysis, m.layer())
                    + " holds both dependencies (" + Text.bytes(m.dependencyBytes()) + ") and application classes or"
                    + " resources (" + Text.bytes(m.applicationBytes()) + "): every code change re-pushes the"
                    + " dependencies; COPY them in separate instructions, rarely-changing first: " + ORDER)
                    .inLayer(m.layer(), blame.origin(m.layer())));
        }
        return Outcome.of(summary(r) + (inBase == 0 ? "" : blame.notCounted(count(inBase, "more issue",
                "more issues"))), breaches);
    }

    private static String fatJar(ImageAnalysis a, JavaLayering.FatJar jar) {
        JarIndex index = jar.index();
        long application = 0;
        List<String> parts = new ArrayList<>();
        for (JarIndex.WouldBeLayer l : jar.layers()) {
            if (l.name().equals("application")) {
                application += l.bytes();
            }
            parts.add(l.name() + " " + Text.bytes(l.bytes()) + (l.entries() == 0 ? ""
                    : " (" + Text.plural(l.entries(), "file", "files") + ")"));
        }
        long rest = index.bytes() - application;
        String head = jar.path() + " (" + Text.bytes(index.size()) + ") in layer " + Text.layer(a, jar.layer())
                + " is a " + jar.kind();
        if (index.isSpringBoot()) {
            String name = jar.path().substring(jar.path().lastIndexOf('/') + 1);
            return head + ": one layer whose " + Text.bytes(rest) + " of libraries and launcher every code change"
                    + " pushes again; split it into "
                    + (index.layersIndex() != null ? "the layers its BOOT-INF/layers.idx defines" : "Spring Boot's layers")
                    + ": " + String.join(", ", parts) + "; extract it in a build stage with 'java -Djarmode=tools -jar "
                    + name + " extract --layers --launcher' (Spring Boot before 3.3: -Djarmode=layertools ... extract)"
                    + " and COPY each folder with its own instruction in that order, or build the image with Jib";
        }
        return head + " (" + Text.plural(index.mavenArtifacts().size(), "artifact", "artifacts")
                + " merged): one layer whose " + Text.bytes(rest) + " of dependencies every code change pushes again;"
                + " would-be layers: " + String.join(", ", parts) + "; ship the dependencies as jars in a layer of"
                + " their own (e.g. maven-dependency-plugin copy-dependencies to lib/, COPY lib/ before the"
                + " application jar, run with -cp 'app.jar:lib/*'), or build the image with Jib";
    }

    private static String summary(JavaLayering.Result r) {
        List<String> parts = new ArrayList<>();
        if (!r.fatJars().isEmpty()) {
            parts.add(Text.plural(r.fatJars().size(), "fat jar", "fat jars") + " in one layer");
        }
        if (r.layout() != null) {
            List<String> roles = new ArrayList<>();
            r.layout().placements().forEach((role, p) -> {
                List<String> layers = new ArrayList<>();
                p.bytesByLayer().keySet().forEach(l -> layers.add("#" + l));
                roles.add(role.label() + " " + String.join("+", layers));
            });
            String state = !r.mixed().isEmpty() ? "not layered" : !r.inversions().isEmpty() ? "misordered"
                    : "layered";
            parts.add(state + " (" + r.layout().name() + ": " + String.join(", ", roles) + ")");
        }
        return parts.isEmpty() ? "no Java application layers found" : String.join("; ", parts);
    }
}
