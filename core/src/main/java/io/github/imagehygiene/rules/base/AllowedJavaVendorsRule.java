package io.github.imagehygiene.rules.base;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.JavaRuntime;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code allowedJavaVendors}: the Java runtime's IMPLEMENTOR must match one of these glob patterns, ignoring case:
 * {@code Amazon.com Inc.}, {@code Eclipse Adoptium}, {@code *Corretto*}. An image without a Java runtime passes.
 */
public final class AllowedJavaVendorsRule extends Rule {
    public static final String ID = "allowedJavaVendors";
    private final List<String> vendors;

    public AllowedJavaVendorsRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.vendors = policy.allowedJavaVendors().isEmpty() ? null : policy.allowedJavaVendors();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        JavaRuntime java = base.java();
        if (vendors == null) {
            return Outcome.notSet((java == null ? "no Java runtime found"
                    : "Java vendor " + (java.vendor() == null ? "unknown" : java.vendor())) + ", no allow-list set");
        }
        if (java == null) {
            return Outcome.pass("no Java runtime found");
        }
        if (java.vendor() != null) {
            for (String v : vendors) {
                if (glob(v).matcher(java.vendor().toLowerCase(Locale.ROOT)).matches()) {
                    return Outcome.pass(java.vendor() + " matches " + v.strip());
                }
            }
        }
        String vendor = java.vendor() == null ? "has no IMPLEMENTOR in its release file" : "is by " + java.vendor();
        return Outcome.breach((java.vendor() == null ? "unknown vendor" : java.vendor()) + " matches none of "
                + vendors.size() + " allowed", Breach.of("java-vendor:" + (java.vendor() == null ? "" : java.vendor()),
                        "Java runtime " + BaseText.java(base) + " " + vendor + ", none of the allowed vendors: "
                        + String.join(", ", vendors)).path(BaseText.path(java))
                        .inLayer(java.layer(), base.layers().origin(java.layer())));
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
