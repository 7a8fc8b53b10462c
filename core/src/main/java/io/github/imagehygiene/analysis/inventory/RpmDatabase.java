package io.github.imagehygiene.analysis.inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * rpm's package databases, read in pure Java from their bytes: SQLite {@code rpmdb.sqlite} (rpm ≥ 4.16: Fedora,
 * RHEL 9, Amazon Linux 2023, CBL-Mariner), Berkeley DB hash {@code Packages} (RHEL ≤ 8, CentOS, Amazon Linux 2) and
 * NDB {@code Packages.db} (SUSE). The format is told by magic bytes, never by the file name. Packages come in
 * database order (what {@code rpm -qa} prints).
 */
public final class RpmDatabase {
    /** The formats, as told by their magic bytes. */
    public enum Format {
        SQLITE, BERKELEY_DB, NDB
    }

    private RpmDatabase() {
    }

    /** The format of a database file, or null when it is none of the three. */
    public static Format detect(byte[] db) {
        if (db.length >= 16 && new String(db, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
            return Format.SQLITE;
        }
        if (db.length >= 32 && le32(db, 0) == NDB_MAGIC) {
            return Format.NDB;
        }
        if (db.length >= 512 && (le32(db, 12) == BDB_HASH_MAGIC || be32(db, 12) == BDB_HASH_MAGIC)) {
            return Format.BERKELEY_DB;
        }
        return null;
    }

    /** Every package of the database, in database order. */
    public static List<OsPackage> read(byte[] db) {
        List<OsPackage> out = new ArrayList<>();
        for (byte[] blob : headers(db)) {
            out.add(RpmHeader.parse(blob));
        }
        return out;
    }

    /** The header blobs of the database, in database order. */
    public static List<byte[]> headers(byte[] db) {
        Format format = detect(db);
        if (format == null) {
            throw new IllegalArgumentException("not an rpm database (neither SQLite, Berkeley DB hash nor NDB)");
        }
        return switch (format) {
            case SQLITE -> SqliteTable.blobs(db, "Packages", 1);
            case BERKELEY_DB -> berkeleyDb(db);
            case NDB -> ndb(db);
        };
    }

    // --- NDB (rpm's lib/backend/ndb): 32-byte header, slot pages of 16-byte slots, blobs in 16-byte blocks -------
    private static final int NDB_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int NDB_SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int NDB_BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int NDB_PAGE = 4096;
    private static final int NDB_BLOCK = 16;

    private static List<byte[]> ndb(byte[] db) {
        int version = le32(db, 4);
        long slotPages = le32(db, 12) & 0xFFFFFFFFL;
        if (version != 0 || slotPages == 0 || slotPages > 2048 || slotPages * NDB_PAGE > db.length) {
            throw new IllegalArgumentException("unsupported NDB database (version " + version + ", " + slotPages
                    + " slot pages)");
        }
        List<byte[]> out = new ArrayList<>();
        // The header takes the place of the first two slots.
        for (long at = 32; at + 16 <= slotPages * NDB_PAGE; at += 16) {
            int slot = (int) at;
            if (le32(db, slot) != NDB_SLOT_MAGIC) {
                throw new IllegalArgumentException("NDB slot at " + slot + " has a bad magic");
            }
            int pkgIndex = le32(db, slot + 4);
            if (pkgIndex == 0) {
                continue; // free slot
            }
            long blob = (le32(db, slot + 8) & 0xFFFFFFFFL) * NDB_BLOCK;
            if (blob + 16 > db.length || le32(db, (int) blob) != NDB_BLOB_MAGIC || le32(db, (int) blob + 4) != pkgIndex) {
                throw new IllegalArgumentException("NDB blob of package " + pkgIndex + " is missing or damaged");
            }
            long length = le32(db, (int) blob + 12) & 0xFFFFFFFFL;
            if (blob + 16 + length > db.length) {
                throw new IllegalArgumentException("NDB blob of package " + pkgIndex + " runs past the file's end");
            }
            out.add(java.util.Arrays.copyOfRange(db, (int) blob + 16, (int) (blob + 16 + length)));
        }
        return out;
    }

    // --- Berkeley DB hash (db_page.h): metadata page 0, hash pages of key/value items, values off-page --------------
    private static final int BDB_HASH_MAGIC = 0x061561;
    private static final int BDB_PAGE_HEADER = 26;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_OFFPAGE = 3;

    private static List<byte[]> berkeleyDb(byte[] db) {
        boolean little = le32(db, 12) == BDB_HASH_MAGIC;
        int pageSize = u32(db, 20, little);
        long lastPage = u32(db, 32, little) & 0xFFFFFFFFL;
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("Berkeley DB with an invalid page size " + pageSize);
        }
        lastPage = Math.min(lastPage, db.length / pageSize - 1);
        List<byte[]> out = new ArrayList<>();
        for (int p = 1; p <= lastPage; p++) {
            int page = p * pageSize;
            int type = db[page + 25] & 0xFF;
            if (type != P_HASH && type != P_HASH_UNSORTED) {
                continue;
            }
            int entries = u16(db, page + 20, little);
            for (int i = 1; i < entries; i += 2) { // items alternate key, value
                int offset = u16(db, page + BDB_PAGE_HEADER + 2 * i, little);
                if (offset <= 0 || offset >= pageSize) {
                    continue;
                }
                int item = page + offset;
                int itemType = db[item] & 0xFF;
                if (itemType == H_OFFPAGE) {
                    out.add(overflow(db, pageSize, u32(db, item + 4, little) & 0xFFFFFFFFL,
                            u32(db, item + 8, little) & 0xFFFFFFFFL, little));
                } else if (itemType == H_KEYDATA) {
                    int previous = i == 0 ? pageSize : u16(db, page + BDB_PAGE_HEADER + 2 * (i - 1), little);
                    int length = previous - offset - 1;
                    if (length >= 16 && looksLikeHeader(db, item + 1, length)) {
                        out.add(java.util.Arrays.copyOfRange(db, item + 1, item + 1 + length));
                    }
                }
            }
        }
        return out;
    }

    private static byte[] overflow(byte[] db, int pageSize, long first, long total, boolean little) {
        if (total > db.length) {
            throw new IllegalArgumentException("Berkeley DB item of " + total + " bytes in a smaller file");
        }
        byte[] out = new byte[(int) total];
        int filled = 0;
        long pageNo = first;
        int hops = 0;
        while (pageNo != 0 && filled < total) {
            long page = pageNo * pageSize;
            if (page + pageSize > db.length || ++hops > db.length / pageSize) {
                throw new IllegalArgumentException("Berkeley DB overflow chain leaves the file at page " + pageNo);
            }
            if ((db[(int) page + 25] & 0xFF) != P_OVERFLOW) {
                throw new IllegalArgumentException("Berkeley DB page " + pageNo + " is not an overflow page");
            }
            int used = Math.min(u16(db, (int) page + 22, little), pageSize - BDB_PAGE_HEADER);
            int n = (int) Math.min(used, total - filled);
            System.arraycopy(db, (int) page + BDB_PAGE_HEADER, out, filled, n);
            filled += n;
            pageNo = u32(db, (int) page + 16, little) & 0xFFFFFFFFL;
        }
        if (filled != total) {
            throw new IllegalArgumentException("Berkeley DB overflow chain holds " + filled + " of " + total + " bytes");
        }
        return out;
    }

    private static boolean looksLikeHeader(byte[] db, int at, int length) {
        long il = be32(db, at) & 0xFFFFFFFFL;
        long dl = be32(db, at + 4) & 0xFFFFFFFFL;
        return il > 0 && 8 + 16 * il + dl <= length;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int u32(byte[] b, int at, boolean little) {
        return little ? le32(b, at) : be32(b, at);
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
