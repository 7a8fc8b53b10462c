package io.github.imagehygiene.rules.base;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.EolTable;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.RuleOutcome;

/**
 * {@code osEndOfLife}: the operating system must not be past its end of life on the build date, by the bundled
 * (dated) EOL table or {@code eolData}. Active whenever the operating system is in the table.
 */
public final class OsEndOfLifeRule extends BaseRule {
    public static final String ID = "osEndOfLife";
    private final Clock clock;

    /** @param clock gives the build date (tests pass a fixed clock) */
    public OsEndOfLifeRule(Clock clock) {
        this.clock = clock;
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
        String table = "EOL table of " + base.eolTable().date();
        if (base.os() == null) {
            return RuleOutcome.notConfigured("no operating system found");
        }
        if (base.eol().isEmpty()) {
            return RuleOutcome.notConfigured(base.os().describe() + " is not in the " + table
                    + " (eolData can name a newer table)");
        }
        EolTable.Row row = base.eol().get();
        LocalDate today = LocalDate.now(clock);
        long days = ChronoUnit.DAYS.between(today, row.eol());
        if (days >= 0) {
            return RuleOutcome.of(row.name() + " supported until " + row.eol() + " (" + table + ")", List.of());
        }
        return RuleOutcome.of(row.name() + " past its end of life " + row.eol() + " (" + table + ")",
                List.of("operating system " + os(base) + " reached its end of life on " + row.eol() + ", " + (-days)
                        + (days == -1 ? " day" : " days") + " before this build (" + today + "), by the " + table
                        + "; move to a supported release"));
    }
}
