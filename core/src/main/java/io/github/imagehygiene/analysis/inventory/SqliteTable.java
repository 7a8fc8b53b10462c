package io.github.imagehygiene.analysis.inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one column of one table of a SQLite 3 database file, in rowid order, from its bytes: just the table b-tree
 * (interior and leaf pages, overflow chains) and the record format of https://www.sqlite.org/fileformat.html. Enough
 * for rpm's {@code rpmdb.sqlite} ({@code Packages(hnum INTEGER PRIMARY KEY, blob BLOB)}); no SQL, no indexes, no
 * write-ahead log (a checkpointed database, as images ship them).
 */
final class SqliteTable {
    /** Bytes of the integer serial types 1 to 6. */
    private static final int[] INT_WIDTH = {0, 1, 2, 3, 4, 6, 8};
    private final byte[] db;
    private final int pageSize;
    private final int usable;
    private final Set<Long> visited = new HashSet<>();

    private SqliteTable(byte[] db) {
        this.db = db;
        if (db.length < 100 || !new String(db, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
            throw new IllegalArgumentException("not a SQLite 3 database");
        }
        int size = u16(16);
        this.pageSize = size == 1 ? 65536 : size;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("SQLite database with an invalid page size " + pageSize);
        }
        this.usable = pageSize - (db[20] & 0xFF);
        int encoding = u32(56);
        if (encoding > 1) {
            throw new IllegalArgumentException("SQLite database not in UTF-8 (text encoding " + encoding + ")");
        }
    }

    /** The values of column {@code column} (0-based, as declared) of every row of {@code table}, in rowid order. */
    static List<byte[]> blobs(byte[] db, String table, int column) {
        SqliteTable t = new SqliteTable(db);
        long root = -1;
        for (List<Object> row : t.rows(1)) {
            // sqlite_schema: type, name, tbl_name, rootpage, sql
            if ("table".equals(row.get(0)) && row.size() > 3 && table.equalsIgnoreCase(String.valueOf(row.get(1)))
                    && row.get(3) instanceof Long page) {
                root = page;
            }
        }
        if (root < 1) {
            throw new IllegalArgumentException("SQLite database has no table " + table);
        }
        t.visited.clear();
        List<byte[]> out = new ArrayList<>();
        for (List<Object> row : t.rows(root)) {
            if (column < row.size() && row.get(column) instanceof byte[] blob) {
                out.add(blob);
            }
        }
        return out;
    }

    private List<List<Object>> rows(long root) {
        List<List<Object>> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private void walk(long pageNo, List<List<Object>> out) {
        if (pageNo < 1 || (long) pageNo * pageSize > db.length || !visited.add(pageNo)) {
            throw new IllegalArgumentException("SQLite b-tree points to a bad or repeated page " + pageNo);
        }
        int page = (int) ((pageNo - 1) * pageSize);
        int header = pageNo == 1 ? page + 100 : page;
        int type = db[header] & 0xFF;
        int cells = u16(header + 3);
        if (type == 0x05) { // interior table page: left children in order, then the right-most child
            for (int i = 0; i < cells; i++) {
                int cell = page + u16(header + 12 + 2 * i);
                walk(u32(cell) & 0xFFFFFFFFL, out);
            }
            walk(u32(header + 8) & 0xFFFFFFFFL, out);
        } else if (type == 0x0D) { // leaf table page
            for (int i = 0; i < cells; i++) {
                int cell = page + u16(header + 8 + 2 * i);
                long[] payload = varint(cell);
                long[] rowid = varint(cell + (int) payload[1]);
                out.add(record(payload(cell + (int) payload[1] + (int) rowid[1], payload[0])));
            }
        } else {
            throw new IllegalArgumentException("SQLite page " + pageNo + " is not a table b-tree page (type " + type
                    + ")");
        }
    }

    /** A leaf cell's payload: the part stored locally, then the overflow chain. */
    private byte[] payload(int at, long size) {
        if (size > db.length) {
            throw new IllegalArgumentException("SQLite record of " + size + " bytes in a smaller file");
        }
        int total = (int) size;
        int maxLocal = usable - 35;
        int local = total;
        if (total > maxLocal) {
            int minLocal = (usable - 12) * 32 / 255 - 23;
            local = minLocal + (total - minLocal) % (usable - 4);
            if (local > maxLocal) {
                local = minLocal;
            }
        }
        byte[] out = new byte[total];
        System.arraycopy(db, at, out, 0, local);
        int filled = local;
        long next = local < total ? u32(at + local) & 0xFFFFFFFFL : 0;
        Set<Long> seen = new HashSet<>();
        while (filled < total) {
            if (next < 1 || next * pageSize > db.length || !seen.add(next)) {
                throw new IllegalArgumentException("SQLite overflow chain points to a bad page " + next);
            }
            int page = (int) ((next - 1) * pageSize);
            int n = Math.min(usable - 4, total - filled);
            System.arraycopy(db, page + 4, out, filled, n);
            filled += n;
            next = u32(page) & 0xFFFFFFFFL;
        }
        return out;
    }

    /** A record: header of serial types, then the values (null, Long, Double, String or byte[]). */
    private static List<Object> record(byte[] r) {
        List<Object> values = new ArrayList<>();
        long[] headerSize = varint(r, 0);
        int h = (int) headerSize[1];
        int body = (int) headerSize[0];
        while (h < headerSize[0]) {
            long[] type = varint(r, h);
            h += (int) type[1];
            long t = type[0];
            int len;
            Object value;
            if (t == 0 || t == 8 || t == 9) {
                len = 0;
                value = t == 0 ? null : (long) (t - 8);
            } else if (t >= 1 && t <= 6) {
                len = INT_WIDTH[(int) t];
                long v = r[body]; // sign-extended big-endian
                for (int i = 1; i < len; i++) {
                    v = (v << 8) | (r[body + i] & 0xFF);
                }
                value = v;
            } else if (t == 7) {
                len = 8;
                long v = 0;
                for (int i = 0; i < 8; i++) {
                    v = (v << 8) | (r[body + i] & 0xFF);
                }
                value = Double.longBitsToDouble(v);
            } else if (t >= 12) {
                len = (int) ((t - (t % 2 == 0 ? 12 : 13)) / 2);
                value = t % 2 == 0 ? java.util.Arrays.copyOfRange(r, body, body + len)
                        : new String(r, body, len, StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException("SQLite record with reserved serial type " + t);
            }
            values.add(value);
            body += len;
        }
        return values;
    }

    private long[] varint(int at) {
        return varint(db, at);
    }

    /** {value, length in bytes} of the varint at {@code at}. */
    private static long[] varint(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int x = b[at + i] & 0xFF;
            v = (v << 7) | (x & 0x7F);
            if ((x & 0x80) == 0) {
                return new long[] {v, i + 1};
            }
        }
        return new long[] {(v << 8) | (b[at + 8] & 0xFF), 9};
    }

    private int u16(int at) {
        return (db[at] & 0xFF) << 8 | (db[at + 1] & 0xFF);
    }

    private int u32(int at) {
        return RpmDatabase.be32(db, at);
    }
}
