package io.github.imagehygiene.analysis.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * A version range in Maven's syntax: {@code [1.0,2.0)}, {@code (,1.0]}, {@code [1.2]}, {@code [2.0,)}, several joined
 * by commas ({@code (,1.0],[1.2,)}); bounds compare in the package's own version order ({@link Versions}).
 */
public final class VersionRange {
    private record Restriction(String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {
    }

    private final String spec;
    private final List<Restriction> restrictions;

    private VersionRange(String spec, List<Restriction> restrictions) {
        this.spec = spec;
        this.restrictions = List.copyOf(restrictions);
    }

    /** Whether a version spec is a range (starts with '[' or '('), not a plain version. */
    public static boolean isRange(String spec) {
        String s = spec.strip();
        return s.startsWith("[") || s.startsWith("(");
    }

    /** @throws IllegalArgumentException naming what is wrong with the spec */
    public static VersionRange parse(String spec) {
        String s = spec.strip();
        List<Restriction> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char open = s.charAt(i);
            if (open != '[' && open != '(') {
                throw new IllegalArgumentException("'" + spec + "': a range starts with '[' or '(' at " + i);
            }
            int close = i + 1;
            while (close < s.length() && s.charAt(close) != ']' && s.charAt(close) != ')') {
                close++;
            }
            if (close >= s.length()) {
                throw new IllegalArgumentException("'" + spec + "': unclosed range");
            }
            String body = s.substring(i + 1, close);
            boolean lowerIn = open == '[';
            boolean upperIn = s.charAt(close) == ']';
            int comma = body.indexOf(',');
            if (comma < 0) {
                if (!lowerIn || !upperIn || body.isBlank()) {
                    throw new IllegalArgumentException("'" + spec + "': a single version needs [ ], e.g. [1.2]");
                }
                out.add(new Restriction(body.strip(), true, body.strip(), true));
            } else {
                if (body.indexOf(',', comma + 1) >= 0) {
                    throw new IllegalArgumentException("'" + spec + "': a range has at most two bounds");
                }
                String lower = body.substring(0, comma).strip();
                String upper = body.substring(comma + 1).strip();
                if (lower.isEmpty() && lowerIn || upper.isEmpty() && upperIn) {
                    throw new IllegalArgumentException("'" + spec + "': an open bound takes '(' or ')'");
                }
                out.add(new Restriction(lower.isEmpty() ? null : lower, lowerIn, upper.isEmpty() ? null : upper,
                        upperIn));
            }
            i = close + 1;
            if (i < s.length()) {
                if (s.charAt(i) != ',') {
                    throw new IllegalArgumentException("'" + spec + "': ranges are separated by ','");
                }
                i++;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "': empty range");
        }
        return new VersionRange(spec.strip(), out);
    }

    /**
     * Why no version can lie in a part of this range in any of these types' orders ("lower bound 3.0 is above upper
     * bound 2.0"), or null: such a range matches nothing, so an entry written with it would deny nothing, silently.
     * A part is empty only when it is empty in every order given (an entry for any type names every order).
     */
    public String emptiness(java.util.Collection<PackageType> types) {
        for (Restriction r : restrictions) {
            if (r.lower() == null || r.upper() == null) {
                continue;
            }
            boolean empty = !types.isEmpty();
            for (PackageType t : types) {
                int c = cmp(t, r.lower(), r.upper());
                empty &= c > 0 || c == 0 && !(r.lowerInclusive() && r.upperInclusive());
            }
            if (empty) {
                return "lower bound " + r.lower() + (cmp(types.iterator().next(), r.lower(), r.upper()) == 0
                        ? " equals upper bound " + r.upper() + " and one of them is excluded"
                        : " is above upper bound " + r.upper());
            }
        }
        return null;
    }

    /** Whether {@code version} lies in the range, compared in {@code type}'s order. */
    public boolean contains(PackageType type, String version) {
        for (Restriction r : restrictions) {
            boolean aboveLower = r.lower() == null || cmp(type, version, r.lower()) > 0
                    || r.lowerInclusive() && cmp(type, version, r.lower()) == 0;
            boolean belowUpper = r.upper() == null || cmp(type, version, r.upper()) < 0
                    || r.upperInclusive() && cmp(type, version, r.upper()) == 0;
            if (aboveLower && belowUpper) {
                return true;
            }
        }
        return false;
    }

    private static int cmp(PackageType type, String a, String b) {
        return Integer.signum(Versions.compare(type, a, b));
    }

    @Override
    public String toString() {
        return spec;
    }
}
