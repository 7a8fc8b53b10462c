package io.github.imagehygiene.rules.base;

import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code minJavaVersion}: the Java runtime found in the image ({@code release} file's JAVA_VERSION) must be at least
 * this version: {@code 17} (any 17), {@code 17.0.10}. An image without a Java runtime passes (nothing to check).
 */
public final class MinJavaVersionRule extends BaseRule {
    public static final String ID = "minJavaVersion";
    private final String minimum;

    /** @param minimum e.g. {@code 17} or {@code 17.0.10}, or null for no minimum */
    public MinJavaVersionRule(String minimum) {
        if (minimum != null && !minimum.isBlank() && !minimum.strip().matches("[0-9]+([._][0-9]+)*")) {
            throw new ConfigurationException("Invalid value for minJavaVersion: '" + minimum
                    + "'; use a version such as 17 or 17.0.10");
        }
        this.minimum = minimum == null || minimum.isBlank() ? null : minimum.strip();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Level defaultLevel() {
        return Level.ERROR;
    }

    @Override
    public RuleOutcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        JavaRuntime java = base.java();
        if (minimum == null) {
            return RuleOutcome.notConfigured((java == null ? "no Java runtime found" : "Java " + java.version())
                    + ", no minimum set");
        }
        if (java == null) {
            return RuleOutcome.of("no Java runtime found", List.of());
        }
        if (JavaRuntime.compare(java.version(), minimum) >= 0) {
            return RuleOutcome.of("Java " + java.version() + " of at least " + minimum, List.of());
        }
        return RuleOutcome.of("Java " + java.version() + " older than " + minimum,
                List.of("Java runtime " + java(base) + " is older than the minimum " + minimum));
    }
}
