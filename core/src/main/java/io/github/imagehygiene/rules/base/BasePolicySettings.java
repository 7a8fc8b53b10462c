package io.github.imagehygiene.rules.base;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.imagehygiene.common.ConfigurationException;

/**
 * The base image policy, validated: which bases, operating systems and Java runtimes an image may have. Every list
 * may be empty (no policy of that kind).
 *
 * @param allowedBaseImages       glob patterns on the base's normalised reference
 * @param deniedBaseImages        pattern → reason, in the user's order
 * @param requirePinnedBase       how the base must be pinned, or null for no requirement
 * @param allowedOperatingSystems {@code ID}, {@code ID>=VERSION}, {@code distroless}, {@code none}...
 * @param eolWarningDays          days before the end of life to warn, or null for no warning
 * @param minJavaVersion          the oldest Java runtime allowed, e.g. {@code 17.0.10}, or null
 * @param allowedJavaVendors      glob patterns on the runtime's IMPLEMENTOR
 * @param clock                   the build date (tests fix it)
 */
public record BasePolicySettings(List<String> allowedBaseImages, Map<String, String> deniedBaseImages,
        RequirePinnedBaseRule.Mode requirePinnedBase, List<String> allowedOperatingSystems, Integer eolWarningDays,
        String minJavaVersion, List<String> allowedJavaVendors, Clock clock) {
    /** Warn this many days before the operating system's end of life, unless set. */
    public static final int DEFAULT_EOL_WARNING_DAYS = 90;
    /** No policy; end-of-life warnings at their default. */
    public static final BasePolicySettings NONE = parse(null, null, null, null, null, null, null, null);

    public BasePolicySettings {
        allowedBaseImages = nonEmpty("allowedBaseImages", "a pattern", allowedBaseImages);
        deniedBaseImages = deniedBaseImages == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(deniedBaseImages));
        if (deniedBaseImages.keySet().stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new ConfigurationException("Invalid value for deniedBaseImages: an image pattern is empty");
        }
        allowedOperatingSystems = nonEmpty("allowedOperatingSystems", "an operating system", allowedOperatingSystems);
        allowedOperatingSystems.forEach(AllowedOperatingSystemsRule::spec);
        if (eolWarningDays != null && eolWarningDays < 0) {
            throw new ConfigurationException("Invalid value for eolWarningDays: " + eolWarningDays
                    + "; it must be 0 or more");
        }
        if (minJavaVersion != null && !minJavaVersion.strip().matches("[0-9]+([._][0-9]+)*")) {
            throw new ConfigurationException("Invalid value for minJavaVersion: '" + minJavaVersion
                    + "'; use a version such as 17 or 17.0.10");
        }
        minJavaVersion = minJavaVersion == null ? null : minJavaVersion.strip();
        allowedJavaVendors = nonEmpty("allowedJavaVendors", "a vendor", allowedJavaVendors);
        clock = clock == null ? Clock.systemDefaultZone() : clock;
    }

    /**
     * From the parameters as written; null or blank values are unset, {@code eolWarningDays} then its default.
     *
     * @param requirePinnedBase {@code TAG} or {@code DIGEST}, any case
     */
    public static BasePolicySettings parse(List<String> allowedBaseImages, Map<String, String> deniedBaseImages,
            String requirePinnedBase, List<String> allowedOperatingSystems, Integer eolWarningDays,
            String minJavaVersion, List<String> allowedJavaVendors, Clock clock) {
        RequirePinnedBaseRule.Mode mode = null;
        if (requirePinnedBase != null && !requirePinnedBase.isBlank()) {
            try {
                mode = RequirePinnedBaseRule.Mode.valueOf(requirePinnedBase.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid value for requirePinnedBase: '" + requirePinnedBase
                        + "'; use TAG or DIGEST");
            }
        }
        return new BasePolicySettings(allowedBaseImages, deniedBaseImages, mode, allowedOperatingSystems,
                eolWarningDays == null ? DEFAULT_EOL_WARNING_DAYS : eolWarningDays,
                minJavaVersion == null || minJavaVersion.isBlank() ? null : minJavaVersion, allowedJavaVendors, clock);
    }

    /** Whether any base policy is set: an unknown base then matters ({@code unknownBase}). */
    public boolean policySet() {
        return !allowedBaseImages.isEmpty() || !deniedBaseImages.isEmpty() || requirePinnedBase != null;
    }

    private static List<String> nonEmpty(String parameter, String what, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw new ConfigurationException("Invalid value for " + parameter + ": " + what + " is empty");
            }
            out.add(v);
        }
        return List.copyOf(out);
    }
}
