package io.github.imagehygiene.common;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JacksonException;

/**
 * A YAML parse error as one line: SnakeYAML's own message spans lines and quotes the file's line under a caret,
 * cut at 75 characters, and a cut token is a secret the output's masking no longer knows. The problem, what it
 * was parsing and where are enough to find it.
 */
public final class YamlProblem {
    private YamlProblem() {
    }

    /** "expected <block end>, but found '-' (while parsing a block collection) at line 3, column 3". */
    public static String of(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException y && y.getProblem() != null) {
                Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                return y.getProblem() + (y.getContext() == null ? "" : " (" + y.getContext() + ")") + (mark == null
                        ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1));
            }
        }
        String m = String.valueOf(e.getOriginalMessage());
        int nl = m.indexOf('\n');
        m = (nl < 0 ? m : m.substring(0, nl)).strip();
        return m + (e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
}
