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
 * {@code osEndOfLife}: the operating system must not be past its end of life on the build date, by the bundled
 * (dated) EOL table or {@code eolData}. Active whenever the operating system is in the table.
 */
public final class OsEndOfLifeRule extends Rule {
    public static final String ID = "osEndOfLife";
    private final Clock clock;

    public OsEndOfLifeRule(BasePolicySettings policy) {
        super(ID, Level.ERROR);
        this.clock = policy.clock();
    }

    @Override
    public Outcome evaluate(ImageAnalysis analysis) {
        BaseImage base = BaseImage.of(analysis);
        String table = "EOL table of " + base.eolTable().date();
        if (base.os() == null) {
            return Outcome.notSet("no operating system found");
        }
        if (base.eol().isEmpty()) {
            return Outcome.notSet(base.os().describe() + " is not in the " + table
                    + " (eolData can name a newer table)");
        }
        EolTable.Row row = base.eol().get();
        LocalDate today = LocalDate.now(clock);
        long days = ChronoUnit.DAYS.between(today, row.eol());
        if (days >= 0) {
            return Outcome.pass(row.name() + " supported until " + row.eol() + " (" + table + ")");
        }
        return Outcome.breach(row.name() + " past its end of life " + row.eol() + " (" + table + ")",
                Breach.of(BaseText.subject(base.os()), "operating system " + BaseText.os(base) + " reached its end of"
                        + " life on " + row.eol() + ", " + (-days) + (days == -1 ? " day" : " days") + " before this"
                        + " build (" + today + "), by the " + table + "; move to a supported release")
                        .path(BaseText.path(base.os())).inLayer(base.os().layer(),
                                base.layers().origin(base.os().layer())));
    }
}
