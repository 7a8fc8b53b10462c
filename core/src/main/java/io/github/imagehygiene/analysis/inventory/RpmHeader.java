package io.github.imagehygiene.analysis.inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An rpm header blob as the package databases store it (without the 8-byte header magic): a count of index entries
 * and the data size, the index (tag, type, offset, count; big-endian), then the data store. Pure function over bytes.
 */
public final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int SIZE = 1009;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int OLDFILENAMES = 1027;
    static final int SOURCERPM = 1044;
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;
    static final int LONGSIZE = 5009;

    private static final int TYPE_INT16 = 3;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_INT64 = 5;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;

    private final byte[] blob;
    private final int dataStart;
    private final int dataLength;
    private final Map<Integer, int[]> index = new HashMap<>();

    private RpmHeader(byte[] blob) {
        this.blob = blob;
        if (blob.length < 8) {
            throw new IllegalArgumentException("rpm header of " + blob.length + " bytes");
        }
        int il = int32(0);
        int dl = int32(4);
        if (il < 1 || il > 100_000 || dl < 0 || 8L + 16L * il + dl > blob.length) {
            throw new IllegalArgumentException("not an rpm header (index " + il + ", data " + dl + ", blob "
                    + blob.length + " bytes)");
        }
        dataStart = 8 + 16 * il;
        dataLength = dl;
        for (int i = 0; i < il; i++) {
            int at = 8 + 16 * i;
            index.putIfAbsent(int32(at), new int[] {int32(at + 4), int32(at + 8), int32(at + 12)});
        }
    }

    /** The package a header describes. */
    public static OsPackage parse(byte[] blob) {
        RpmHeader h = new RpmHeader(blob);
        String name = h.string(NAME);
        if (name == null) {
            throw new IllegalArgumentException("rpm header without a NAME");
        }
        long[] epoch = h.ints(EPOCH);
        long[] size = h.ints(LONGSIZE);
        if (size.length == 0) {
            size = h.ints(SIZE);
        }
        String license = h.string(LICENSE);
        return new OsPackage(PackageType.RPM, name, epoch.length == 0 ? null : (int) epoch[0], orEmpty(h.string(VERSION)),
                orEmpty(h.string(RELEASE)), orEmpty(h.string(ARCH)), h.string(SOURCERPM), null,
                license == null ? List.of() : List.of(license), size.length == 0 ? -1 : size[0], h.files());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], or the old OLDFILENAMES. */
    private List<String> files() {
        List<String> base = strings(BASENAMES);
        if (base.isEmpty()) {
            return strings(OLDFILENAMES);
        }
        List<String> dirs = strings(DIRNAMES);
        long[] dirIndex = ints(DIRINDEXES);
        List<String> out = new ArrayList<>(base.size());
        for (int i = 0; i < base.size() && i < dirIndex.length; i++) {
            int d = (int) dirIndex[i];
            if (d >= 0 && d < dirs.size()) {
                out.add(dirs.get(d) + base.get(i));
            }
        }
        return out;
    }

    String string(int tag) {
        int[] e = index.get(tag);
        if (e == null || (e[0] != TYPE_STRING && e[0] != TYPE_I18NSTRING && e[0] != TYPE_STRING_ARRAY)) {
            return null;
        }
        List<String> all = readStrings(e[1], 1);
        return all.isEmpty() ? null : all.get(0);
    }

    List<String> strings(int tag) {
        int[] e = index.get(tag);
        if (e == null || (e[0] != TYPE_STRING_ARRAY && e[0] != TYPE_STRING && e[0] != TYPE_I18NSTRING)) {
            return List.of();
        }
        return readStrings(e[1], e[0] == TYPE_STRING ? 1 : e[2]);
    }

    long[] ints(int tag) {
        int[] e = index.get(tag);
        if (e == null) {
            return new long[0];
        }
        int width = switch (e[0]) {
            case TYPE_INT16 -> 2;
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> 0;
        };
        if (width == 0 || e[2] < 0 || e[1] < 0 || (long) e[1] + (long) width * e[2] > dataLength) {
            return new long[0];
        }
        long[] out = new long[e[2]];
        for (int i = 0; i < out.length; i++) {
            int at = dataStart + e[1] + i * width;
            out[i] = switch (width) {
                case 2 -> ((blob[at] & 0xFF) << 8) | (blob[at + 1] & 0xFF);
                case 4 -> int32(at) & 0xFFFFFFFFL;
                default -> ((long) int32(at) << 32) | (int32(at + 4) & 0xFFFFFFFFL);
            };
        }
        return out;
    }

    private List<String> readStrings(int offset, int count) {
        List<String> out = new ArrayList<>(Math.max(0, Math.min(count, 100_000)));
        int at = dataStart + offset;
        int end = dataStart + dataLength;
        for (int i = 0; i < count && offset >= 0 && at < end; i++) {
            int zero = at;
            while (zero < end && blob[zero] != 0) {
                zero++;
            }
            out.add(new String(blob, at, zero - at, StandardCharsets.UTF_8));
            at = zero + 1;
        }
        return out;
    }

    private int int32(int at) {
        return ((blob[at] & 0xFF) << 24) | ((blob[at + 1] & 0xFF) << 16) | ((blob[at + 2] & 0xFF) << 8)
                | (blob[at + 3] & 0xFF);
    }
}
