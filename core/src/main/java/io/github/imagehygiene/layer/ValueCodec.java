package io.github.imagehygiene.layer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.imagehygiene.common.DataStrings;

/**
 * Writes and reads the values a {@link ContentCollector} keeps, for the {@link LayerCache}, exactly: derived once per
 * value type from its declaration (records, sealed interfaces of records, enums, strings, numbers, booleans, byte
 * arrays, lists, sets and maps of these), never from the classes a file names, so a cache file cannot make the JVM
 * create anything else. A type outside that set has no codec ({@link #forCollector} says why), and the layer cache
 * then stays out of the way of the collectors it cannot keep.
 *
 * <p>{@link #schema()} spells the whole structure (record and component names, types); it is part of the cache key,
 * so a changed value type reads no file written for the old one.
 */
final class ValueCodec {
    private final Node root;

    private ValueCodec(Node root) {
        this.root = root;
    }

    /** The codec of what a collector keeps, from its {@code ContentCollector<T>} declaration. */
    static ValueCodec forCollector(ContentCollector<?> collector) throws Unsupported {
        Type t = valueType(collector.getClass());
        if (t == null) {
            throw new Unsupported(collector.getClass().getName() + " does not declare its value type");
        }
        return new ValueCodec(node(t, new ArrayList<>()));
    }

    /** What makes a collector's values uncacheable. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    String schema() {
        StringBuilder sb = new StringBuilder();
        root.describe(sb, new ArrayList<>());
        return sb.toString();
    }

    void write(DataOutputStream out, Object value) throws IOException {
        root.write(out, value);
    }

    Object read(DataInputStream in) throws IOException {
        return root.read(in);
    }

    /** The T of {@code ContentCollector<T>} as the class declares it, through sub-interfaces and superclasses. */
    private static Type valueType(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Type i : k.getGenericInterfaces()) {
                Type t = valueType(i);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Type valueType(Type declared) {
        if (declared instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (raw == ContentCollector.class) {
                return p.getActualTypeArguments()[0];
            }
            Type inner = valueType(raw);
            if (inner instanceof java.lang.reflect.TypeVariable<?> v) {
                java.lang.reflect.TypeVariable<?>[] params = raw.getTypeParameters();
                for (int i = 0; i < params.length; i++) {
                    if (params[i].equals(v)) {
                        return p.getActualTypeArguments()[i];
                    }
                }
            }
            return inner;
        }
        return declared instanceof Class<?> raw && ContentCollector.class.isAssignableFrom(raw) ? valueType(raw)
                : null;
    }

    /** @param building the records above, so a recursive type is refused rather than looping */
    private static Node node(Type type, List<Class<?>> building) throws Unsupported {
        if (type instanceof WildcardType w && w.getLowerBounds().length == 0 && w.getUpperBounds().length == 1) {
            return node(w.getUpperBounds()[0], building);
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return new ListNode(node(args[0], building), false);
            }
            if (raw == Set.class) {
                return new ListNode(node(args[0], building), true);
            }
            if (raw == Map.class) {
                return new MapNode(node(args[0], building), node(args[1], building));
            }
            throw new Unsupported("values of type " + type.getTypeName() + " cannot be cached");
        }
        if (!(type instanceof Class<?> c)) {
            throw new Unsupported("values of type " + type.getTypeName() + " cannot be cached");
        }
        if (c == String.class) {
            return Scalar.STRING;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Scalar.BOOLEAN;
        }
        if (c == Integer.class || c == int.class) {
            return Scalar.INT;
        }
        if (c == Long.class || c == long.class) {
            return Scalar.LONG;
        }
        if (c == Double.class || c == double.class) {
            return Scalar.DOUBLE;
        }
        if (c == byte[].class) {
            return Scalar.BYTES;
        }
        if (c.isEnum()) {
            return new EnumNode(c);
        }
        if (c.isRecord()) {
            if (building.contains(c)) {
                throw new Unsupported("the record " + c.getName() + " contains itself");
            }
            building.add(c);
            try {
                return new RecordNode(c, building);
            } finally {
                building.remove(building.size() - 1);
            }
        }
        if (c.isSealed() && c.isInterface()) {
            Class<?>[] permitted = c.getPermittedSubclasses().clone();
            Arrays.sort(permitted, Comparator.comparing(Class::getName));
            Node[] nodes = new Node[permitted.length];
            for (int i = 0; i < permitted.length; i++) {
                nodes[i] = node(permitted[i], building);
            }
            return new SealedNode(c, permitted, nodes);
        }
        throw new Unsupported("values of type " + c.getName() + " cannot be cached");
    }

    /** One type's writer and reader; every value is preceded by whether it is null. */
    private interface Node {
        void write(DataOutputStream out, Object value) throws IOException;

        Object read(DataInputStream in) throws IOException;

        void describe(StringBuilder sb, List<Class<?>> seen);
    }

    private enum Scalar implements Node {
        STRING, BOOLEAN, INT, LONG, DOUBLE, BYTES;

        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            out.writeBoolean(value != null);
            if (value == null) {
                return;
            }
            switch (this) {
                case STRING -> DataStrings.write(out, (String) value);
                case BOOLEAN -> out.writeBoolean((Boolean) value);
                case INT -> out.writeInt((Integer) value);
                case LONG -> out.writeLong((Long) value);
                case DOUBLE -> out.writeDouble((Double) value);
                case BYTES -> {
                    byte[] b = (byte[]) value;
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
        }

        @Override
        public Object read(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            return switch (this) {
                case STRING -> readString(in);
                case BOOLEAN -> in.readBoolean();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case DOUBLE -> in.readDouble();
                case BYTES -> {
                    byte[] b = new byte[length(in)];
                    in.readFully(b);
                    yield b;
                }
            };
        }

        @Override
        public void describe(StringBuilder sb, List<Class<?>> seen) {
            sb.append(name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private record EnumNode(Class<?> type) implements Node {
        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                DataStrings.write(out, ((Enum<?>) value).name());
            }
        }

        @Override
        public Object read(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            String name = readString(in);
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new IOException("no constant " + name + " in " + type.getName());
        }

        @Override
        public void describe(StringBuilder sb, List<Class<?>> seen) {
            // the constants: a renamed or removed one changes the schema
            sb.append(type.getName()).append(Arrays.toString(type.getEnumConstants()));
        }
    }

    private static final class RecordNode implements Node {
        private final Class<?> type;
        private final Method[] accessors;
        private final Node[] components;
        private final String[] names;
        private final Constructor<?> constructor;

        RecordNode(Class<?> type, List<Class<?>> building) throws Unsupported {
            this.type = type;
            RecordComponent[] rc = type.getRecordComponents();
            accessors = new Method[rc.length];
            components = new Node[rc.length];
            names = new String[rc.length];
            Class<?>[] raw = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                accessors[i] = rc[i].getAccessor();
                accessors[i].setAccessible(true);
                components[i] = node(rc[i].getGenericType(), building);
                names[i] = rc[i].getName();
                raw[i] = rc[i].getType();
            }
            try {
                constructor = type.getDeclaredConstructor(raw);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException | RuntimeException e) {
                throw new Unsupported("the record " + type.getName() + " cannot be made: " + e);
            }
        }

        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            out.writeBoolean(value != null);
            if (value == null) {
                return;
            }
            for (int i = 0; i < accessors.length; i++) {
                Object v;
                try {
                    v = accessors[i].invoke(value);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IOException("cannot read " + type.getName() + "." + names[i] + ": " + e, e);
                }
                components[i].write(out, v);
            }
        }

        @Override
        public Object read(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].read(in);
                if (args[i] == null && accessors[i].getReturnType().isPrimitive()) {
                    throw new IOException("null for the primitive " + type.getName() + "." + names[i]);
                }
            }
            try {
                return constructor.newInstance(args);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                    | IllegalArgumentException e) {
                throw new IOException("cannot make a " + type.getName() + ": " + e, e);
            }
        }

        @Override
        public void describe(StringBuilder sb, List<Class<?>> seen) {
            sb.append(type.getName());
            if (seen.contains(type)) {
                return;
            }
            seen.add(type);
            sb.append('(');
            for (int i = 0; i < components.length; i++) {
                sb.append(i == 0 ? "" : ",").append(names[i]).append(':');
                components[i].describe(sb, seen);
            }
            sb.append(')');
        }
    }

    private record SealedNode(Class<?> type, Class<?>[] permitted, Node[] nodes) implements Node {
        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            if (value == null) {
                out.writeInt(-1);
                return;
            }
            // an instance, not the class itself: a permitted subtype may be a sealed interface (its records one
            // level down) or an enum whose constants have bodies (each its own class)
            for (int i = 0; i < permitted.length; i++) {
                if (permitted[i].isInstance(value)) {
                    out.writeInt(i);
                    nodes[i].write(out, value);
                    return;
                }
            }
            throw new IOException(value.getClass().getName() + " is not a permitted " + type.getName());
        }

        @Override
        public Object read(DataInputStream in) throws IOException {
            int i = in.readInt();
            if (i == -1) {
                return null;
            }
            if (i < 0 || i >= nodes.length) {
                throw new IOException("no subtype " + i + " of " + type.getName());
            }
            return nodes[i].read(in);
        }

        @Override
        public void describe(StringBuilder sb, List<Class<?>> seen) {
            sb.append(type.getName()).append('{');
            for (int i = 0; i < nodes.length; i++) {
                sb.append(i == 0 ? "" : "|");
                nodes[i].describe(sb, seen);
            }
            sb.append('}');
        }
    }

    private record ListNode(Node element, boolean set) implements Node {
        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            out.writeBoolean(value != null);
            if (value == null) {
                return;
            }
            java.util.Collection<?> c = (java.util.Collection<?>) value;
            out.writeInt(c.size());
            for (Object e : c) {
                element.write(out, e);
            }
        }

        @Override
        public Object read(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            int n = length(in);
            if (set) {
                Set<Object> s = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    s.add(element.read(in));
                }
                return Collections.unmodifiableSet(s);
            }
            List<Object> l = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                l.add(element.read(in));
            }
            return Collections.unmodifiableList(l);
        }

        @Override
        public void describe(StringBuilder sb, List<Class<?>> seen) {
            sb.append(set ? "set<" : "list<");
            element.describe(sb, seen);
            sb.append('>');
        }
    }

    private record MapNode(Node key, Node value) implements Node {
        @Override
        public void write(DataOutputStream out, Object v) throws IOException {
            out.writeBoolean(v != null);
            if (v == null) {
                return;
            }
            Map<?, ?> m = (Map<?, ?>) v;
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                key.write(out, e.getKey());
                value.write(out, e.getValue());
            }
        }

        @Override
        public Object read(DataInputStream in) throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            int n = length(in);
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(key.read(in), value.read(in));
            }
            return Collections.unmodifiableMap(m);
        }

        @Override
        public void describe(StringBuilder sb, List<Class<?>> seen) {
            sb.append("map<");
            key.describe(sb, seen);
            sb.append(',');
            value.describe(sb, seen);
            sb.append('>');
        }
    }

    /** A string of a value or of a cache file's header: any length an array can hold, within the bytes left. */
    static String readString(DataInputStream in) throws IOException {
        return DataStrings.read(in, (int) Math.min(Integer.MAX_VALUE / 2, left(in)));
    }

    /**
     * A count read from the file, refused when negative or larger than the bytes left (every counted item takes one
     * byte at least): a damaged or forged file, which would otherwise have an array of its choosing made.
     */
    static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > left(in)) {
            throw new IOException("a count of " + n + " with " + left(in) + " bytes left");
        }
        return n;
    }

    /** The bytes left to read in {@code in} when it is a {@link Input}, else as many as a long holds. */
    static long left(DataInputStream in) {
        return in instanceof Input bounded ? bounded.left() : Long.MAX_VALUE;
    }

    /** A cache file read knowing its size, so that what it says it holds is checked against what it has. */
    static final class Input extends DataInputStream {
        private final MeasuringInputStream counting;
        private final long size;

        Input(InputStream in, long size) {
            this(new MeasuringInputStream(in, null, null), size);
        }

        private Input(MeasuringInputStream counting, long size) {
            super(counting);
            this.counting = counting;
            this.size = size;
        }

        long left() {
            return Math.max(0, size - counting.count());
        }
    }
}
