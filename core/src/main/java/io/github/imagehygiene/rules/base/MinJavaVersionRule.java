package io.github.imagehygiene.rules.base;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code minJavaVersion}: the Java runtime found in the image ({@code release} file's JAVA_VERSION) must be at least
 * this version: {@code 17} (any 17), {@code 17.0.10}. An image without a Java runtime passes (nothing to check).
 */
public final class MinJavaVersionRule extends Rule {
    public static final String ID = "minJavaVersion";
    private final String minimum;

    public MinJavaVersionRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.minimum = policy.minJavaVersion();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        JavaRuntime java = base.java();
        if (minimum == null) {
            return Outcome.notSet((java == null ? "no Java runtime found" : "Java " + java.version())
                    + ", no minimum set");
        }
        if (java == null) {
            return Outcome.pass("no Java runtime found");
        }
        if (JavaRuntime.compare(java.version(), minimum) >= 0) {
            return Outcome.pass("Java " + java.version() + " of at least " + minimum);
        }
        return Outcome.breach("Java " + java.version() + " older than " + minimum, Breach.of("java:" + java.version(),
                "Java runtime " + BaseText.java(base) + " is older than the minimum " + minimum)
                .path(BaseText.path(java)).inLayer(java.layer(), base.layers().origin(java.layer())));
    }
}
