package io.github.imagehygiene.analysis.inventory;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Maven's version order (https://maven.apache.org/pom.html#version-order-specification), as maven-artifact's
 * ComparableVersion implements it: tokens split at '.', '-' and digit/letter transitions, trailing null items trimmed
 * at each '-' level, qualifiers alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; "" = final = ga =
 * release &lt; sp &lt; others alphabetically. Written here because the core may not import org.apache.maven types
 * (ArchitectureTest); the tests compare it with maven-artifact's own ComparableVersion.
 */
public final class MavenVersion implements Comparable<MavenVersion> {
    private final String value;
    private final ListItem items;

    private MavenVersion(String value) {
        this.value = value;
        this.items = parse(value);
    }

    public static MavenVersion of(String version) {
        return new MavenVersion(version);
    }

    public static int compare(String a, String b) {
        return of(a).compareTo(of(b));
    }

    @Override
    public int compareTo(MavenVersion o) {
        return items.compareTo(o.items);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MavenVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return items.toString().hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    private interface Item {
        int INT = 0;
        int STRING = 1;
        int LIST = 2;

        int type();

        boolean isNull();

        int compareTo(Item other);
    }

    /** Numbers of any length (maven-artifact's Int, Long and BigInteger items compare alike). */
    private record NumberItem(BigInteger value) implements Item {
        static final NumberItem ZERO = new NumberItem(BigInteger.ZERO);

        public int type() {
            return INT;
        }

        public boolean isNull() {
            return value.signum() == 0;
        }

        public int compareTo(Item other) {
            if (other == null) {
                return isNull() ? 0 : 1;
            }
            return other.type() == INT ? value.compareTo(((NumberItem) other).value) : 1; // 1.1 > 1-sp, 1.1 > 1-1
        }
    }

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final String RELEASE_INDEX = String.valueOf(QUALIFIERS.indexOf(""));

    private record StringItem(String value) implements Item {
        static StringItem of(String value, boolean followedByDigit) {
            if (followedByDigit && value.length() == 1) {
                switch (value.charAt(0)) {
                    case 'a' -> value = "alpha";
                    case 'b' -> value = "beta";
                    case 'm' -> value = "milestone";
                    default -> {
                    }
                }
            }
            value = switch (value) {
                case "ga", "final", "release" -> "";
                case "cr" -> "rc";
                default -> value;
            };
            return new StringItem(value);
        }

        static String comparable(String q) {
            int i = QUALIFIERS.indexOf(q);
            return i == -1 ? QUALIFIERS.size() + "-" + q : String.valueOf(i);
        }

        public int type() {
            return STRING;
        }

        public boolean isNull() {
            return value.isEmpty();
        }

        public int compareTo(Item other) {
            if (other == null) {
                return comparable(value).compareTo(RELEASE_INDEX);
            }
            return other.type() == STRING ? comparable(value).compareTo(comparable(((StringItem) other).value))
                    : -1; // 1.any < 1.1, 1.any < 1-1
        }
    }

    private static final class ListItem extends ArrayList<Item> implements Item {
        public int type() {
            return LIST;
        }

        public boolean isNull() {
            return isEmpty();
        }

        /** Removes trailing null items (0, "", empty lists), stopping at the first other non-list item. */
        void normalize() {
            for (int i = size() - 1; i >= 0; i--) {
                Item last = get(i);
                if (last.isNull()) {
                    remove(i);
                } else if (!(last instanceof ListItem)) {
                    break;
                }
            }
        }

        public int compareTo(Item other) {
            if (other == null) {
                for (Item i : this) {
                    int r = i.compareTo(null);
                    if (r != 0) {
                        return r;
                    }
                }
                return 0;
            }
            return switch (other.type()) {
                case INT -> -1; // 1-1 < 1.0.x
                case STRING -> 1; // 1-1 > 1-sp
                default -> {
                    Iterator<Item> left = iterator();
                    Iterator<Item> right = ((ListItem) other).iterator();
                    while (left.hasNext() || right.hasNext()) {
                        Item l = left.hasNext() ? left.next() : null;
                        Item r = right.hasNext() ? right.next() : null;
                        int result = l == null ? (r == null ? 0 : -r.compareTo(null)) : l.compareTo(r);
                        if (result != 0) {
                            yield result;
                        }
                    }
                    yield 0;
                }
            };
        }
    }

    private static Item number(String digits) {
        String d = digits.replaceFirst("^0+(?=.)", "");
        return d.isEmpty() ? NumberItem.ZERO : new NumberItem(new BigInteger(d));
    }

    private static Item item(boolean digit, String buf) {
        return digit ? number(buf) : StringItem.of(buf, false);
    }

    private static ListItem parse(String raw) {
        String version = raw.toLowerCase(Locale.ENGLISH);
        ListItem items = new ListItem();
        ListItem list = items;
        Deque<ListItem> stack = new ArrayDeque<>();
        stack.push(list);
        boolean isDigit = false;
        int start = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                list.add(i == start ? NumberItem.ZERO : item(isDigit, version.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = push(list, stack);
                }
            } else if (Character.isDigit(c)) {
                if (!isDigit && i > start) {
                    // letters then digits ("rc1"): the qualifier (a, b, m spelled out) in a list of its own, so
                    // that ".X1" counts as "-X1"
                    if (!list.isEmpty()) {
                        list = push(list, stack);
                    }
                    list.add(StringItem.of(version.substring(start, i), true));
                    start = i;
                    list = push(list, stack);
                }
                isDigit = true;
            } else {
                if (isDigit && i > start) {
                    list.add(item(true, version.substring(start, i)));
                    start = i;
                    list = push(list, stack);
                }
                isDigit = false;
            }
        }
        if (version.length() > start) {
            if (!isDigit && !list.isEmpty()) { // 1.0.0.X1 < 1.0.0-X2: ".X" counts as "-X"
                list = push(list, stack);
            }
            list.add(item(isDigit, version.substring(start)));
        }
        while (!stack.isEmpty()) {
            stack.pop().normalize();
        }
        return items;
    }

    private static ListItem push(ListItem list, Deque<ListItem> stack) {
        ListItem next = new ListItem();
        list.add(next);
        stack.push(next);
        return next;
    }
}
