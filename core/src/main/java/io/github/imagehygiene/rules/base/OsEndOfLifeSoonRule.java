package io.github.imagehygiene.rules.base;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.imagehygiene.analysis.ImageAnalysis;
import io.github.imagehygiene.analysis.base.BaseImage;
import io.github.imagehygiene.analysis.base.EolTable;
import io.github.imagehygiene.findings.Level;
import io.github.imagehygiene.rules.Breach;
import io.github.imagehygiene.rules.Outcome;
import io.github.imagehygiene.rules.Rule;

/**
 * {@code osEndOfLifeSoon}: a warning when the operating system reaches its end of life within {@code eolWarningDays}
 * of the build date (WARN by default; past the end of life is {@code osEndOfLife}'s).
 */
public final class OsEndOfLifeSoonRule extends Rule {
    public static final String ID = "osEndOfLifeSoon";
    private final Integer warningDays;
    private final Clock clock;

    public OsEndOfLifeSoonRule(BasePolicySettings policy) {
        super(ID, Level.WARN);
        this.warningDays = policy.eolWarningDays();
        this.clock = policy.clock();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        String table = "EOL table of " + base.eolTable().date();
        if (warningDays == null) {
            return Outcome.notSet("no eolWarningDays set");
        }
        if (base.os() == null || base.eol().isEmpty()) {
            return Outcome.notSet(base.os() == null ? "no operating system found"
                    : base.os().describe() + " is not in the " + table);
        }
        EolTable.Row row = base.eol().get();
        LocalDate today = LocalDate.now(clock);
        long days = ChronoUnit.DAYS.between(today, row.eol());
        if (days < 0) {
            return Outcome.pass(row.name() + " already past its end of life " + row.eol() + " (see osEndOfLife)");
        }
        if (days > warningDays) {
            return Outcome.pass(row.name() + " end of life " + row.eol() + ", in " + days + " days (warning at "
                    + warningDays + ")");
        }
        return Outcome.breach(row.name() + " end of life " + row.eol() + ", in " + days + (days == 1 ? " day" : " days"),
                Breach.of(BaseText.subject(base.os()), "operating system " + BaseText.os(base) + " reaches its end of"
                        + " life on " + row.eol() + ", in " + days + (days == 1 ? " day" : " days") + " (eolWarningDays "
                        + warningDays + ", " + table + "); plan the move to a supported release")
                        .path(BaseText.path(base.os())).inLayer(base.os().layer(),
                                base.layers().origin(base.os().layer())));
    }
}
