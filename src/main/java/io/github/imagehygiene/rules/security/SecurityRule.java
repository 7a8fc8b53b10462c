package io.github.imagehygiene.rules.security;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Rule;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * A security rule: its breaches carry the path they are about and whose they are ({@link Breach}), so that findings
 * can say "in your layers" or "in the base image" and suppressions can match paths. {@link #evaluate} gives the rule
 * engine the messages; {@link #check} the located breaches, computed once per analysis.
 */
public abstract class SecurityRule implements Rule {
    private final String id;
    private final Level defaultLevel;
    private final String dockleCode;
    private ImageAnalysis lastAnalysis;
    private SecurityOutcome lastOutcome;

    /**
     * @param id           the rule id
     * @param defaultLevel its level unless the user sets one
     * @param dockleCode   the dockle check it matches (CIS-DI-0001...), or null
     */
    protected SecurityRule(String id, Level defaultLevel, String dockleCode) {
        this.id = id;
        this.defaultLevel = defaultLevel;
        this.dockleCode = dockleCode;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Level defaultLevel() {
        return defaultLevel;
    }

    /** The dockle check this rule matches, for users migrating from dockle; null when none does. */
    public final String dockleCode() {
        return dockleCode;
    }

    @Override
    public final RuleOutcome evaluate(ImageAnalysis analysis) {
        return check(analysis).toRuleOutcome();
    }

    /** The located outcome; computed once per analysis (the last one is kept). */
    public final synchronized SecurityOutcome check(ImageAnalysis analysis) {
        if (analysis != lastAnalysis) {
            lastOutcome = compute(analysis);
            lastAnalysis = analysis;
        }
        return lastOutcome;
    }

    /** The outcome already computed for this analysis (by {@link #evaluate} or {@link #check}), or null. */
    public final synchronized SecurityOutcome computed(ImageAnalysis analysis) {
        return analysis == lastAnalysis ? lastOutcome : null;
    }

    /** Measures the image; never null. */
    protected abstract SecurityOutcome compute(ImageAnalysis analysis);

    /** "1 file", "2 files". */
    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "0644", "4755": the permission bits in octal. */
    static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}
