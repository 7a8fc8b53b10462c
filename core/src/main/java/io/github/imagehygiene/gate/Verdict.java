package io.github.imagehygiene.gate;

/** FAIL when any rule at level ERROR found a breach. */
public enum Verdict {
    PASS, FAIL
}
