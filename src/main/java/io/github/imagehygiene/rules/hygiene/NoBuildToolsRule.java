package io.github.imagehygiene.rules.hygiene;

import java.util.ArrayList;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.hygiene.BuildTools;
import io.github.imagehygiene.analysis.hygiene.PathGlobs;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code noBuildTools}: the runtime image carries no build tools (a JDK where a JRE would do, C compilers, make, git,
 * Maven or Gradle distributions; see {@link BuildTools}). Each finding names the tool, where it is, its bytes and
 * the layers that added it, and says how a multi-stage build leaves it behind.
 */
public final class NoBuildToolsRule implements Rule {
    public static final String ID = "noBuildTools";

    private final PathGlobs ignore;

    public NoBuildToolsRule() {
        this(List.of());
    }

    /** @param ignorePaths globs: a tool whose location matches is not reported; matching files are not counted */
    public NoBuildToolsRule(List<String> ignorePaths) {
        this.ignore = PathGlobs.of(ignorePaths);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.WARN;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        List<String> breaches = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BuildTools.Tool t : BuildTools.of(analysis).tools(ignore)) {
            names.add(t.kind().label() + " " + Text.bytes(t.bytes()));
            breaches.add(t.kind().label() + " is in the runtime image: " + t.location() + " (" + Text.bytes(t.bytes())
                    + ", " + Text.plural(t.files(), "file", "files") + "; " + String.join(", ", t.evidence())
                    + ")" + (t.bytesByLayer().isEmpty() ? "" : ", added by " + Text.layersWithBytes(analysis,
                    t.bytesByLayer())) + "; " + fix(t.kind()));
        }
        return RuleOutcome.of(names.isEmpty() ? "no build tools" : String.join(", ", names), breaches);
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
