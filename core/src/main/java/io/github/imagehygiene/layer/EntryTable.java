package io.github.imagehygiene.layer;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * The entries of one layer, packed: a layer of a million files must fit in a small heap. Each entry is a few bytes
 * in one array (type, path as the bytes it shares with the previous path plus the rest, then size, mode, uid, gid
 * and link target as variable-length numbers), with every 16th path stored whole so that any entry decodes from the
 * nearest such checkpoint. {@link FileEntry} objects are made on demand; iterating decodes front to back, each entry
 * once. Immutable once built, so safe to share between threads.
 */
final class EntryTable extends AbstractList<FileEntry> implements RandomAccess {
    private static final int CHECKPOINT = 16;
    private static final EntryType[] TYPES = EntryType.values();

    private byte[] data = new byte[256];
    private int length;
    private int[] offsets = new int[16];
    private int size;
    /** Builder state: the previous path's bytes. */
    private byte[] previous = new byte[64];
    private byte[] current = new byte[64];
    private int previousLength;
    private boolean built;

    /** Appends an entry; only while building. */
    void append(FileEntry e) {
        if (built) {
            throw new IllegalStateException("already built");
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, grow(offsets.length));
        }
        offsets[size] = length;
        String path = e.path();
        int pathLength = SortableBytes.length(path);
        String link = e.linkTarget();
        int linkLength = link == null ? 0 : SortableBytes.length(link);
        ensure(1 + 5 + 5 + pathLength + 10 * 4 + 5 + linkLength);
        data[length++] = (byte) e.type().ordinal();
        if (current.length < pathLength) {
            current = new byte[Math.max(pathLength, grow(current.length))];
        }
        byte[] scratch = current;
        SortableBytes.encode(path, scratch, 0);
        int prefix = 0;
        if (size % CHECKPOINT != 0) {
            int max = Math.min(previousLength, pathLength);
            while (prefix < max && previous[prefix] == scratch[prefix]) {
                prefix++;
            }
        }
        putInt(prefix);
        putInt(pathLength - prefix);
        System.arraycopy(scratch, prefix, data, length, pathLength - prefix);
        length += pathLength - prefix;
        current = previous;
        previous = scratch;
        previousLength = pathLength;
        putLong(zigzag(e.size()));
        putLong(zigzag(e.mode()));
        putLong(zigzag(e.uid()));
        putLong(zigzag(e.gid()));
        if (link == null) {
            putInt(0);
        } else {
            putInt(linkLength + 1);
            length = SortableBytes.encode(link, data, length);
        }
        size++;
    }

    /** Ends building: trims the arrays to what they hold. */
    EntryTable seal() {
        built = true;
        data = Arrays.copyOf(data, length);
        offsets = Arrays.copyOf(offsets, size);
        previous = null;
        current = null;
        return this;
    }

    /** Writes the sealed table as it is packed, for the {@link LayerCache}. */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        if (!built) {
            throw new IllegalStateException("not built");
        }
        out.writeInt(size);
        out.writeInt(length);
        out.write(data, 0, length);
        for (int i = 0; i < size; i++) {
            out.writeInt(offsets[i]);
        }
    }

    /** A sealed table as {@link #writeTo} wrote it; fails on counts and offsets that cannot be. */
    static EntryTable readFrom(java.io.DataInputStream in) throws java.io.IOException {
        EntryTable t = new EntryTable();
        int n = in.readInt();
        int bytes = in.readInt();
        long left = ValueCodec.left(in);
        // what the file has left bounds what it can ask for: its data, then four bytes an offset
        if (n < 0 || bytes < 0 || (n > 0 && bytes == 0) || bytes > left || 4L * n > left - bytes) {
            throw new java.io.IOException("an entry table of " + n + " entries in " + bytes + " bytes");
        }
        t.data = new byte[bytes];
        in.readFully(t.data);
        t.offsets = new int[n];
        int last = -1;
        for (int i = 0; i < n; i++) {
            int o = in.readInt();
            if (o <= last || o >= bytes) {
                throw new java.io.IOException("entry " + i + " at offset " + o);
            }
            t.offsets[i] = o;
            last = o;
        }
        t.length = bytes;
        t.size = n;
        t.built = true;
        t.previous = null;
        t.current = null;
        try {
            for (FileEntry e : t) {
                java.util.Objects.requireNonNull(e.path());
            }
        } catch (RuntimeException e) {
            throw new java.io.IOException("a damaged entry table: " + e, e);
        }
        return t;
    }

    /** Bytes held, for measurements. */
    long footprint() {
        return data.length + 4L * offsets.length + 64;
    }

    @Override
    public int size() {
        return size;
    }

    /** The type of entry {@code i}, without decoding the rest. */
    EntryType type(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return TYPES[data[offsets[i]]];
    }

    @Override
    public FileEntry get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        Cursor c = new Cursor(i - i % CHECKPOINT);
        while (c.index < i) {
            c.skip();
        }
        return c.next();
    }

    /** The size of entry {@code i}, without decoding its path. */
    long sizeOf(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        Cursor c = new Cursor(i);
        c.pos++; // the type
        c.readLong(); // the bytes shared with the previous path
        int suffix = (int) c.readLong(); // the rest of the path (read before pos moves past it)
        c.pos += suffix;
        return unzigzag(c.readLong());
    }

    /**
     * Entry {@code i} when the caller already knows its path (the layered filesystem keeps the paths in its tree):
     * decodes only the entry's own numbers, without walking from the last whole path.
     */
    FileEntry get(int i, String path) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        Cursor c = new Cursor(i);
        int type = data[c.pos++];
        c.readLong(); // the bytes shared with the previous path
        int suffix = (int) c.readLong(); // the rest of the path
        c.pos += suffix;
        return c.rest(path, type);
    }

    @Override
    public Iterator<FileEntry> iterator() {
        return new Cursor(0);
    }

    /** Decodes front to back, keeping the previous path. */
    private final class Cursor implements Iterator<FileEntry> {
        int index;
        int pos;
        byte[] path = new byte[64];
        int pathLength;

        Cursor(int start) {
            index = start;
            pos = start < size ? offsets[start] : length;
        }

        @Override
        public boolean hasNext() {
            return index < size;
        }

        /** Reads the type and path of the next entry, leaving {@link #pos} at its numbers. */
        private int head() {
            int type = data[pos++];
            int prefix = (int) readLong();
            int suffix = (int) readLong();
            if (path.length < prefix + suffix) {
                path = Arrays.copyOf(path, Math.max(prefix + suffix, path.length * 2));
            }
            System.arraycopy(data, pos, path, prefix, suffix);
            pos += suffix;
            pathLength = prefix + suffix;
            return type;
        }

        void skip() {
            head();
            for (int k = 0; k < 4; k++) {
                readLong();
            }
            int link = (int) readLong();
            pos += link == 0 ? 0 : link - 1;
            index++;
        }

        @Override
        public FileEntry next() {
            if (index >= size) {
                throw new NoSuchElementException();
            }
            int type = head();
            FileEntry e = rest(SortableBytes.decode(path, 0, pathLength), type);
            index++;
            return e;
        }

        /** The entry whose numbers start at {@link #pos}, with the path and type already read. */
        FileEntry rest(String entryPath, int type) {
            long entrySize = unzigzag(readLong());
            int mode = (int) unzigzag(readLong());
            long uid = unzigzag(readLong());
            long gid = unzigzag(readLong());
            int link = (int) readLong();
            String target = null;
            if (link > 0) {
                target = SortableBytes.decode(data, pos, link - 1);
                pos += link - 1;
            }
            return new FileEntry(entryPath, TYPES[type], entrySize, mode, uid, gid, target);
        }

        private long readLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = data[pos++];
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }
    }

    private void ensure(int extra) {
        if (length + extra > data.length) {
            data = Arrays.copyOf(data, Math.max(length + extra, grow(data.length)));
        }
    }

    private static int grow(int n) {
        long next = n + (n >> 1) + 16L;
        if (next > Integer.MAX_VALUE - 16) {
            if (n >= Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("layer entry table larger than 2 GiB");
            }
            return Integer.MAX_VALUE - 16;
        }
        return (int) next;
    }

    private void putInt(int v) {
        putLong(v & 0xffffffffL);
    }

    private void putLong(long v) {
        long x = v;
        while ((x & ~0x7fL) != 0) {
            data[length++] = (byte) (x & 0x7f | 0x80);
            x >>>= 7;
        }
        data[length++] = (byte) x;
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    private static long unzigzag(long v) {
        return v >>> 1 ^ -(v & 1);
    }
}
