package io.github.imagehygiene.rules.base;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code allowedJavaVendors}: the Java runtime's IMPLEMENTOR must match one of these glob patterns, ignoring case:
 * {@code Amazon.com Inc.}, {@code Eclipse Adoptium}, {@code *Corretto*}. An image without a Java runtime passes.
 */
public final class AllowedJavaVendorsRule extends BaseRule {
    public static final String ID = "allowedJavaVendors";
    private final List<String> vendors;

    /** @param vendors glob patterns, or null (or empty) for any vendor */
    public AllowedJavaVendorsRule(List<String> vendors) {
        this.vendors = vendors == null || vendors.isEmpty() ? null : List.copyOf(vendors);
        if (this.vendors != null && this.vendors.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new ConfigurationException("Invalid value for allowedJavaVendors: a vendor is empty");
        }
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
        if (vendors == null) {
            return RuleOutcome.notConfigured((java == null ? "no Java runtime found"
                    : "Java vendor " + (java.vendor() == null ? "unknown" : java.vendor())) + ", no allow-list set");
        }
        if (java == null) {
            return RuleOutcome.of("no Java runtime found", List.of());
        }
        if (java.vendor() != null) {
            for (String v : vendors) {
                if (glob(v).matcher(java.vendor().toLowerCase(Locale.ROOT)).matches()) {
                    return RuleOutcome.of(java.vendor() + " matches " + v.strip(), List.of());
                }
            }
        }
        String vendor = java.vendor() == null ? "has no IMPLEMENTOR in its release file" : "is by " + java.vendor();
        return RuleOutcome.of((java.vendor() == null ? "unknown vendor" : java.vendor()) + " matches none of "
                + vendors.size() + " allowed", List.of("Java runtime " + java(base) + " " + vendor
                        + ", none of the allowed vendors: " + String.join(", ", vendors)));
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
