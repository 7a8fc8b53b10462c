package io.github.imagehygiene.rules.base;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.EolTable;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code osEndOfLifeSoon}: a warning when the operating system reaches its end of life within {@code eolWarningDays}
 * of the build date (WARN by default; past the end of life is {@code osEndOfLife}'s).
 */
public final class OsEndOfLifeSoonRule extends BaseRule {
    public static final String ID = "osEndOfLifeSoon";
    private final Integer warningDays;
    private final Clock clock;

    /**
     * @param warningDays how many days before the end of life to warn, or null for no warning
     * @param clock       gives the build date
     */
    public OsEndOfLifeSoonRule(Integer warningDays, Clock clock) {
        if (warningDays != null && warningDays < 0) {
            throw new ConfigurationException("Invalid value for eolWarningDays: " + warningDays
                    + "; it must be 0 or more");
        }
        this.warningDays = warningDays;
        this.clock = clock;
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
        BaseImage base = BaseImage.of(analysis);
        String table = "EOL table of " + base.eolTable().date();
        if (warningDays == null) {
            return RuleOutcome.notConfigured("no eolWarningDays set");
        }
        if (base.os() == null || base.eol().isEmpty()) {
            return RuleOutcome.notConfigured(base.os() == null ? "no operating system found"
                    : base.os().describe() + " is not in the " + table);
        }
        EolTable.Row row = base.eol().get();
        LocalDate today = LocalDate.now(clock);
        long days = ChronoUnit.DAYS.between(today, row.eol());
        if (days < 0) {
            return RuleOutcome.of(row.name() + " already past its end of life " + row.eol() + " (see osEndOfLife)",
                    List.of());
        }
        if (days > warningDays) {
            return RuleOutcome.of(row.name() + " end of life " + row.eol() + ", in " + days + " days (warning at "
                    + warningDays + ")", List.of());
        }
        return RuleOutcome.of(row.name() + " end of life " + row.eol() + ", in " + days + (days == 1 ? " day" : " days"),
                List.of("operating system " + os(base) + " reaches its end of life on " + row.eol() + ", in " + days
                        + (days == 1 ? " day" : " days") + " (eolWarningDays " + warningDays + ", " + table
                        + "); plan the move to a supported release"));
    }
}
