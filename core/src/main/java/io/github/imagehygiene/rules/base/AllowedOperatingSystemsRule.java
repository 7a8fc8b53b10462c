package io.github.imagehygiene.rules.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.analysis.base.OperatingSystem;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code allowedOperatingSystems}: the final filesystem's operating system must match one of these: an os-release
 * ID with an optional version condition ({@code debian>=12}, {@code amzn=2023}, {@code alpine>=3.20},
 * {@code ubuntu}), {@code distroless} (any distroless image), or {@code none} (no operating system files, e.g. an
 * image on scratch). {@code =} matches the version and its point releases (alpine=3.20 matches 3.20.3); versions
 * compare numerically.
 */
public final class AllowedOperatingSystemsRule extends Rule {
    public static final String ID = "allowedOperatingSystems";
    private static final Pattern SPEC = Pattern.compile("([a-z0-9._-]+)\\s*(?:(>=|<=|==|=|>|<)\\s*([0-9][0-9.]*))?");
    private final List<String> specs;
    private final List<Matcher> parsed;

    public AllowedOperatingSystemsRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.specs = policy.allowedOperatingSystems().isEmpty() ? null : policy.allowedOperatingSystems();
        this.parsed = new ArrayList<>();
        if (this.specs != null) {
            this.specs.forEach(s -> parsed.add(spec(s)));
        }
    }

    /**
     * One entry, parsed: {@code ID}, {@code ID=VERSION}, {@code ID>=VERSION} (also >, <, <=), distroless or none.
     *
     * @throws ConfigurationException naming the entry
     */
    static Matcher spec(String s) {
        Matcher m = SPEC.matcher(s == null ? "" : s.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigurationException("Invalid value for allowedOperatingSystems: '" + s + "'; use ID,"
                    + " ID=VERSION, ID>=VERSION (also >, <, <=), distroless or none, e.g. debian>=12");
        }
        return m;
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        OperatingSystem os = base.os();
        if (specs == null) {
            return Outcome.notSet((os == null ? "no operating system found" : os.describe())
                    + ", no allow-list set");
        }
        for (int i = 0; i < parsed.size(); i++) {
            if (matches(parsed.get(i), os)) {
                return Outcome.pass((os == null ? "no operating system" : os.describe()) + " matches "
                        + specs.get(i).strip());
            }
        }
        if (os == null) {
            return Outcome.breach("no operating system found", Breach.of(BaseText.subject(os), "no operating"
                    + " system found (no /etc/os-release, /usr/lib/os-release, /etc/alpine-release, /etc/system-release"
                    + " or /etc/debian_version) and none is not among the allowed operating systems: "
                    + String.join(", ", specs)));
        }
        return Outcome.breach(os.describe() + " matches none of " + specs.size() + " allowed",
                Breach.of(BaseText.subject(os), "operating system " + BaseText.os(base) + " matches none of the"
                        + " allowed operating systems: " + String.join(", ", specs)).path(BaseText.path(os))
                        .inLayer(os.layer(), base.layers().origin(os.layer())));
    }

    private static boolean matches(Matcher spec, OperatingSystem os) {
        String id = spec.group(1);
        if (id.equals("none")) {
            return os == null;
        }
        if (os == null) {
            return false;
        }
        if (id.equals("distroless")) {
            return os.distroless();
        }
        if (!id.equals(os.id())) {
            return false;
        }
        String op = spec.group(2);
        if (op == null) {
            return true;
        }
        String version = spec.group(3);
        if (os.versionId() == null) {
            return false;
        }
        int c = JavaRuntime.compare(os.versionId(), version);
        return switch (op) {
            case "=", "==" -> OperatingSystem.startsWithVersion(os.versionId(), version);
            case ">=" -> c >= 0 || OperatingSystem.startsWithVersion(os.versionId(), version);
            case ">" -> c > 0 && !OperatingSystem.startsWithVersion(os.versionId(), version);
            case "<=" -> c <= 0 || OperatingSystem.startsWithVersion(os.versionId(), version);
            case "<" -> c < 0;
            default -> false;
        };
    }
}
