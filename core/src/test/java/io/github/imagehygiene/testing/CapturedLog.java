package io.github.imagehygiene.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.imagehygiene.common.LogSink;

/**
 * A log that keeps every line, as Maven would print it ({@code [WARNING] } and {@code [DEBUG] } prefixes, info lines
 * as they are), and each level's lines apart.
 */
public final class CapturedLog implements LogSink {
    private final List<String> all = Collections.synchronizedList(new ArrayList<>());
    private final List<String> info = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        info.add(message);
        all.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
        all.add("[WARNING] " + message);
    }

    @Override
    public void debug(String message) {
        all.add("[DEBUG] " + message);
    }

    /** Every line in order, warnings and debug lines prefixed. */
    public List<String> lines() {
        return List.copyOf(all);
    }

    public List<String> info() {
        return List.copyOf(info);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
