package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.BuildTools;
import io.github.imagehygiene.analysis.hygiene.HygieneSettings;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Blame;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code noBuildTools}: the runtime image carries no build tools (a JDK where a JRE would do, C compilers, make, git,
 * Maven or Gradle distributions; see {@link BuildTools}). Each finding names the tool, where it is, its bytes and
 * the layers that added it, and says how a multi-stage build leaves it behind. Once the base image's layers are
 * known, a tool only they added is the base's: counted apart, not as a finding.
 */
public final class NoBuildToolsRule extends Rule {
    public static final String ID = "noBuildTools";

    private final PathGlobs ignore;

    public NoBuildToolsRule(HygieneSettings hygiene) {
        super(ID, Level.WARN);
        this.ignore = hygiene.ignorePaths();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        Blame blame = Blame.of(analysis);
        List<Breach> breaches = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long inBase = 0;
        for (BuildTools.Tool t : BuildTools.of(analysis).tools(ignore)) {
            if (!t.bytesByLayer().isEmpty() && t.bytesByLayer().keySet().stream().noneMatch(blame::counts)) {
                inBase += t.bytes(); // the base ships it: only another base leaves it out
                continue;
            }
            names.add(t.kind().label() + " " + Text.bytes(t.bytes()));
            int layer = Text.mainLayer(t.bytesByLayer(), 0);
            breaches.add(Breach.atPath(t.location(), t.kind().label() + " is in the runtime image: " + t.location()
                    + " (" + Text.bytes(t.bytes()) + ", " + Text.plural(t.files(), "file", "files") + "; "
                    + String.join(", ", t.evidence()) + ")" + (t.bytesByLayer().isEmpty() ? ""
                            : ", added by " + Text.layersWithBytes(analysis, t.bytesByLayer())) + "; " + fix(t.kind()))
                    .inLayer(layer, blame.origin(layer)));
        }
        return Outcome.of((names.isEmpty() ? "no build tools" : String.join(", ", names))
                + (inBase == 0 ? "" : blame.notCounted(Text.bytes(inBase) + " more")), breaches);
    }

    static String fix(BuildTools.Kind kind) {
        switch (kind) {
            case JDK:
                return "a JRE runs the application: compile in a build stage (FROM a JDK image AS build) and start"
                        + " the final stage FROM a JRE image (e.g. eclipse-temurin:17-jre) or a runtime made with"
                        + " jlink --add-modules <only what you use>";
            case C_COMPILER:
                return "compile in a build stage and COPY --from=build only the binaries (multi-stage build)";
            case MAKE:
                return "run make in a build stage and COPY --from=build only its output (multi-stage build)";
            case GIT:
                return "fetch sources in a build stage (or COPY them from the build context); git is not needed to"
                        + " run the application";
            case MAVEN:
            case GRADLE:
                return "build in a separate stage (FROM maven:... AS build / FROM gradle:... AS build) and COPY"
                        + " --from=build only the jar, or let Jib build the image (no build tool in it)";
            default:
                throw new IllegalStateException(kind.name());
        }
    }
}
