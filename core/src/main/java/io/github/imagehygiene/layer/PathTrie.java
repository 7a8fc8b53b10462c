package io.github.imagehygiene.layer;

import java.util.Arrays;

/**
 * Paths interned as nodes of a tree of path components, for analyses that keep a few numbers per path over millions
 * of paths: a node is an {@code int}, so per-path data lives in primitive arrays indexed by node, not in maps keyed by
 * strings. Names sit in one byte pool, children are found through a hash table on (parent, name) and listed through
 * first-child / next-sibling links. The root is node {@link #ROOT}, path "/". Not thread-safe while it grows.
 */
public final class PathTrie {
    public static final int ROOT = 0;
    private static final byte SLASH = '/';

    private int count = 1;
    private int[] parent;
    private int[] nameAt;
    private int[] firstChild;
    private int[] nextSibling;
    private byte[] names;
    private int namesLength = 1; // the root's empty name
    private int[] table;
    private int used;
    /** Nodes taken out of their parent's child list by {@link #detachChildren}; {@link #find} puts them back. */
    private java.util.BitSet detached = new java.util.BitSet();
    private byte[] scratch = new byte[256];

    /** A trie sized for about {@code expectedNodes} nodes (it grows past that). */
    public PathTrie(int expectedNodes) {
        int capacity = Math.max(16, expectedNodes + 1);
        parent = new int[capacity];
        nameAt = new int[capacity];
        firstChild = new int[capacity];
        nextSibling = new int[capacity];
        parent[ROOT] = -1;
        firstChild[ROOT] = -1;
        nextSibling[ROOT] = -1;
        // 16 bytes a name (file names are about that long) to start with: growing a large pool costs a second copy
        // of it for a moment, in the heap the caller sized for the first
        names = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024L, 16L * capacity))];
        // a hash table filled to at most three quarters: room for the expected nodes without growing
        table = new int[Integer.highestOneBit(Math.max(16, capacity + capacity / 3)) * 2];
    }

    /** Nodes so far, the root included; nodes are numbered 0 to size() - 1. */
    public int size() {
        return count;
    }

    /**
     * The node of an absolute path ("/" is the root; a path that is not canonical is normalised first); with
     * {@code create}, made with its missing parents when absent, else -1 when absent.
     */
    public int find(String rawPath, boolean create) {
        String path = LayeredFilesystem.canonical(rawPath) ? rawPath : LayerScanner.normalise(rawPath);
        int len = SortableBytes.length(path);
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        SortableBytes.encode(path, scratch, 0);
        int current = ROOT;
        int start = 1;
        while (start < len && current >= 0) {
            int end = start;
            while (end < len && scratch[end] != SLASH) {
                end++;
            }
            current = child(current, scratch, start, end - start, create);
            start = end + 1;
        }
        return current;
    }

    /**
     * The sibling of {@code n} whose name is n's name without its first {@code skip} bytes (n's name must be longer);
     * with {@code create}, made when absent, else -1 when absent.
     */
    public int siblingWithout(int n, int skip, boolean create) {
        int at = nameAt[n];
        int len = LayeredFilesystem.nameLength(names, at);
        if (skip >= len) {
            throw new IllegalArgumentException("name too short");
        }
        int start = LayeredFilesystem.nameStart(names, at) + skip;
        byte[] name = Arrays.copyOfRange(names, start, start + len - skip); // the pool may move while creating
        return child(parent[n], name, 0, name.length, create);
    }

    /** Whether n's name starts with an ASCII prefix. */
    public boolean nameStartsWith(int n, String asciiPrefix) {
        int at = nameAt[n];
        int len = LayeredFilesystem.nameLength(names, at);
        if (len < asciiPrefix.length()) {
            return false;
        }
        int start = LayeredFilesystem.nameStart(names, at);
        for (int i = 0; i < asciiPrefix.length(); i++) {
            if (names[start + i] != (byte) asciiPrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The parent of a node; -1 for the root. */
    public int parent(int n) {
        return parent[n];
    }

    /** The first child of a node, -1 when none; children come in no particular order. */
    public int firstChild(int n) {
        return firstChild[n];
    }

    /** The next child of n's parent, -1 when none. */
    public int nextSibling(int n) {
        return nextSibling[n];
    }

    /** The absolute path of a node. */
    public String path(int n) {
        return LayeredFilesystem.path(n, parent, nameAt, names);
    }

    /**
     * Frees what only growing and walking children need: after this, {@link #path} and {@link #parent} still work,
     * {@link #find}, {@link #siblingWithout} and the child links do not.
     */
    public void freeze() {
        parent = Arrays.copyOf(parent, count);
        nameAt = Arrays.copyOf(nameAt, count);
        names = Arrays.copyOf(names, namesLength);
        firstChild = null;
        nextSibling = null;
        table = null;
        scratch = null;
        detached = null;
    }

    private int child(int dir, byte[] b, int off, int len, boolean create) {
        int found = LayeredFilesystem.lookup(table, parent, nameAt, names, dir, b, off, len);
        if (found >= 0 && create && detached.get(found)) {
            // back in use: listed under its parent again (the parent was relinked by the step before)
            detached.clear(found);
            nextSibling[found] = firstChild[dir];
            firstChild[dir] = found;
        }
        return found >= 0 || !create ? found : create(dir, b, off, len);
    }

    /** Lists a detached node (and its detached parents) under its parent again: it is in use once more. */
    public void attach(int n) {
        for (int p = n; p != ROOT && detached.get(p); p = parent[p]) {
            detached.clear(p);
            nextSibling[p] = firstChild[parent[p]];
            firstChild[parent[p]] = p;
        }
    }

    /**
     * Takes a node's children out of its child list, so that walks no longer visit them; the nodes stay (with their
     * numbers and their own children) and {@link #find} with {@code create} lists a node again, with its parents.
     * For analyses that know a whole subtree is gone (deleted by a whiteout): without it, a directory deleted and
     * refilled with new names in every layer would be walked with all the names it ever held.
     */
    public void detachChildren(int dir) {
        for (int c = firstChild[dir]; c >= 0; c = nextSibling[c]) {
            detached.set(c);
        }
        firstChild[dir] = -1;
    }

    private int create(int dir, byte[] b, int off, int len) {
        if (count == parent.length) {
            int cap = count + (count >> 1) + 16;
            parent = Arrays.copyOf(parent, cap);
            nameAt = Arrays.copyOf(nameAt, cap);
            firstChild = Arrays.copyOf(firstChild, cap);
            nextSibling = Arrays.copyOf(nextSibling, cap);
        }
        if (count >= 1 << 30) {
            throw new IllegalStateException("more than 2^30 paths");
        }
        int n = count++;
        if (namesLength + 5 + len > names.length) {
            names = Arrays.copyOf(names, Math.max(namesLength + 5 + len, names.length + (names.length >> 1)));
        }
        nameAt[n] = namesLength;
        int v = len;
        while ((v & ~0x7f) != 0) {
            names[namesLength++] = (byte) (v & 0x7f | 0x80);
            v >>>= 7;
        }
        names[namesLength++] = (byte) v;
        System.arraycopy(b, off, names, namesLength, len);
        namesLength += len;
        parent[n] = dir;
        firstChild[n] = -1;
        nextSibling[n] = firstChild[dir];
        firstChild[dir] = n;
        if (4L * (used + 1) > 3L * table.length) {
            int[] old = table;
            table = new int[old.length * 2];
            for (int slot : old) {
                if (slot != 0) {
                    place(slot - 1);
                }
            }
        }
        place(n);
        used++;
        return n;
    }

    private void place(int n) {
        int at = nameAt[n];
        int mask = table.length - 1;
        int i = LayeredFilesystem.hash(parent[n], names, LayeredFilesystem.nameStart(names, at),
                LayeredFilesystem.nameLength(names, at)) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = n + 1;
    }
}
