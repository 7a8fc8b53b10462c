package io.github.imagehygiene.layer;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The filesystem a container sees: the layers applied bottom to top, whiteouts hiding what lower layers added. Each
 * visible path knows the layer that put it there.
 *
 * <p>Kept compact, since an image may hold millions of files: a tree of path components in primitive arrays (parent,
 * name, and the layer and entry index a visible path comes from), names in one byte pool, a hash table from (parent,
 * name) to node, and each directory's children pre-sorted so that {@link #nodes()} and {@link #below(String)} walk in
 * the order of the paths as strings. {@link Node} and {@link FileEntry} objects are made as they are asked for.
 * Immutable once built, so safe to share between threads.
 */
public final class LayeredFilesystem {
    private static final int ROOT = 0;
    private static final int DEAD = -2;
    private static final byte SLASH = '/';

    private final List<LayerScan> scans;
    private final int[] parent;
    private final int[] nameAt;
    private final byte[] names;
    private final int[] layerOf;
    private final int[] entryOf;
    private final int[] table;
    private final int[] childStart;
    private final int[] childKeys;
    private final int visible;

    /** A visible entry and the 1-based index of the layer it comes from. */
    public record Node(FileEntry entry, int layer) {
    }

    private LayeredFilesystem(List<LayerScan> scans, Builder b) {
        this.scans = scans;
        this.parent = b.parent;
        this.nameAt = b.nameAt;
        this.names = b.names;
        this.layerOf = b.layerOf;
        this.entryOf = b.entryOf;
        this.table = b.table;
        this.childStart = b.childStart;
        this.childKeys = b.childKeys;
        this.visible = b.visible;
    }

    public static LayeredFilesystem build(List<LayerScan> scans) {
        Builder b = new Builder();
        for (int i = 0; i < scans.size(); i++) {
            b.apply(scans.get(i).entries(), i + 1);
        }
        b.finish();
        return new LayeredFilesystem(List.copyOf(scans), b);
    }

    public Optional<Node> get(String path) {
        int n = canonical(path) ? find(path) : -1;
        return n < 0 || entryOf[n] < 0 ? Optional.empty() : Optional.of(node(n));
    }

    /** Every visible entry, by path. */
    public Collection<Node> nodes() {
        return new Walk(ROOT, true, visible);
    }

    /** The visible entries strictly below a directory, by path. */
    public Collection<Node> below(String dir) {
        int n = dir.isEmpty() ? ROOT : canonical(dir) ? find(dir) : -1;
        return n < 0 ? List.of() : new Walk(n, false, -1);
    }

    public int size() {
        return visible;
    }

    /**
     * What a collector kept of the visible file at {@code path}: from the layer that file comes from, so a file
     * replaced or deleted later does not count.
     */
    public <T> Optional<T> collected(ContentCollector<T> collector, String path) {
        int n = canonical(path) ? find(path) : -1;
        if (n < 0 || entryOf[n] < 0) {
            return Optional.empty();
        }
        for (Collected c : scans.get(layerOf[n] - 1).collected()) {
            if (c.collector().equals(collector.id()) && c.path().equals(path)) {
                @SuppressWarnings("unchecked")
                T value = (T) c.value();
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Everything a collector kept of files still visible, in path order. */
    public <T> List<T> collectedVisible(ContentCollector<T> collector) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            for (Collected c : scans.get(i).collected()) {
                if (!c.collector().equals(collector.id())) {
                    continue;
                }
                int n = canonical(c.path()) ? find(c.path()) : -1;
                if (n >= 0 && entryOf[n] >= 0 && layerOf[n] == i + 1) {
                    @SuppressWarnings("unchecked")
                    T value = (T) c.value();
                    out.add(value);
                }
            }
        }
        return out;
    }

    /** A path and the bytes it takes: a file's size, or a directory's files below it; the layer that added a file. */
    public record PathSize(String path, long size, int layer) {
    }

    /**
     * What takes the space in the final filesystem: the {@code n} largest regular files, the {@code n} largest
     * directories by the bytes of the regular files below them ("/" left out: it holds everything), and every
     * directory down to {@code depth} components that holds at least {@code minBytes} (for a chart). Largest first,
     * ties by path. Hard links count once, as their target; memory grows with the number of paths, not bytes.
     */
    public SpaceUse spaceUse(int fileCount, int n, int depth, long minBytes) {
        long[] below = new long[parent.length];
        // smallest first, and of equal ones the later path: the one to give up first (paths only built on a tie)
        java.util.PriorityQueue<long[]> files = new java.util.PriorityQueue<>(
                (a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : path((int) b[0]).compareTo(path((int) a[0])));
        long total = 0;
        for (int i = 1; i < parent.length; i++) {
            if (entryOf[i] < 0) {
                continue;
            }
            long size = fileSize(i);
            if (size <= 0) {
                continue;
            }
            total += size;
            for (int p = parent[i]; p > ROOT; p = parent[p]) {
                below[p] += size;
            }
            keep(files, i, size, fileCount);
        }
        java.util.PriorityQueue<long[]> dirs = new java.util.PriorityQueue<>(files.comparator());
        List<PathSize> chart = new ArrayList<>();
        for (int i = 1; i < parent.length; i++) {
            if (below[i] > 0) {
                keep(dirs, i, below[i], n);
                if (below[i] >= minBytes && depth(i) <= depth) {
                    chart.add(new PathSize(path(i), below[i], 0));
                }
            }
        }
        java.util.Comparator<PathSize> order = java.util.Comparator.comparingLong(PathSize::size).reversed()
                .thenComparing(PathSize::path);
        chart.sort(order);
        return new SpaceUse(total, drain(files, true, order), drain(dirs, false, order), List.copyOf(chart));
    }

    /**
     * @param totalBytes         the bytes of every regular file of the final filesystem
     * @param largestFiles       the largest regular files, with the layer that added each
     * @param largestDirectories the largest directories, by the bytes of the files below them
     * @param directories        the directories of a chart: down to the depth asked, at least the bytes asked
     */
    public record SpaceUse(long totalBytes, List<PathSize> largestFiles, List<PathSize> largestDirectories,
            List<PathSize> directories) {
    }

    /** The size of a visible node that is a regular file; -1 for any other entry. */
    private long fileSize(int n) {
        List<FileEntry> entries = scans.get(layerOf[n] - 1).entries();
        if (entries instanceof EntryTable table) {
            return table.type(entryOf[n]) == EntryType.FILE ? table.sizeOf(entryOf[n]) : -1;
        }
        FileEntry e = entries.get(entryOf[n]);
        return e.type() == EntryType.FILE ? e.size() : -1;
    }

    private static void keep(java.util.PriorityQueue<long[]> top, int node, long size, int n) {
        if (top.size() < n) {
            top.add(new long[] {node, size});
        } else if (n > 0 && top.comparator().compare(new long[] {node, size}, top.peek()) > 0) {
            top.poll();
            top.add(new long[] {node, size});
        }
    }

    private List<PathSize> drain(java.util.PriorityQueue<long[]> top, boolean files,
            java.util.Comparator<PathSize> order) {
        List<PathSize> out = new ArrayList<>();
        for (long[] t : top) {
            int node = (int) t[0];
            out.add(new PathSize(path(node), t[1], files ? layerOf[node] : 0));
        }
        out.sort(order);
        return List.copyOf(out);
    }

    private int depth(int n) {
        int d = 0;
        for (int p = n; p != ROOT; p = parent[p]) {
            d++;
        }
        return d;
    }

    private Node node(int n) {
        List<FileEntry> entries = scans.get(layerOf[n] - 1).entries();
        // a packed table decodes an entry fastest when told its path, which the tree holds
        FileEntry entry = entries instanceof EntryTable table ? table.get(entryOf[n], path(n))
                : entries.get(entryOf[n]);
        return new Node(entry, layerOf[n]);
    }

    private String path(int n) {
        return path(n, parent, nameAt, names);
    }

    /** The absolute path of node {@code n} of a tree of names (root 0), from the names up the tree. */
    static String path(int n, int[] parent, int[] nameAt, byte[] names) {
        if (n == ROOT) {
            return "/";
        }
        int length = 0;
        for (int p = n; p != ROOT; p = parent[p]) {
            length += 1 + nameLength(names, nameAt[p]);
        }
        byte[] out = new byte[length];
        int end = length;
        for (int p = n; p != ROOT; p = parent[p]) {
            int len = nameLength(names, nameAt[p]);
            end -= len;
            System.arraycopy(names, nameStart(names, nameAt[p]), out, end, len);
            out[--end] = SLASH;
        }
        return SortableBytes.decode(out, 0, length);
    }

    /** The node of a canonical path, visible or not; -1 when there is none. */
    private int find(String path) {
        byte[] bytes = SortableBytes.encode(path);
        int current = ROOT;
        int start = 1;
        while (start < bytes.length && current >= 0) {
            int end = start;
            while (end < bytes.length && bytes[end] != SLASH) {
                end++;
            }
            current = lookup(table, parent, nameAt, names, current, bytes, start, end - start);
            start = end + 1;
        }
        return current;
    }

    /** "/" or "/a/b": no empty, "." or ".." component, no trailing slash (what {@link LayerScanner} makes). */
    static boolean canonical(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        if (path.charAt(n - 1) == '/') {
            return false;
        }
        int start = 1;
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            int len = end - start;
            if (len == 0 || (len == 1 && path.charAt(start) == '.')
                    || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    // ---- hashing ---------------------------------------------------------------------------------------------------

    static int hash(int parentNode, byte[] b, int off, int len) {
        int h = parentNode * 0x9E3779B1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return h ^ h >>> 16;
    }

    static int nameLength(byte[] names, int at) {
        int v = 0;
        int shift = 0;
        int p = at;
        while (true) {
            byte x = names[p++];
            v |= (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
            shift += 7;
        }
    }

    static int nameStart(byte[] names, int at) {
        int p = at;
        while (names[p] < 0) {
            p++;
        }
        return p + 1;
    }

    static int lookup(int[] table, int[] parent, int[] nameAt, byte[] names, int parentNode, byte[] b, int off,
            int len) {
        int mask = table.length - 1;
        int i = hash(parentNode, b, off, len) & mask;
        while (true) {
            int slot = table[i];
            if (slot == 0) {
                return -1;
            }
            int n = slot - 1;
            if (parent[n] == parentNode) {
                int at = nameAt[n];
                int nameLen = nameLength(names, at);
                if (nameLen == len && Arrays.equals(names, nameStart(names, at), nameStart(names, at) + len, b, off,
                        off + len)) {
                    return n;
                }
            }
            i = (i + 1) & mask;
        }
    }

    // ---- walking in path order -------------------------------------------------------------------------------------

    /** The visible nodes of a subtree in path order: a depth-first walk over the pre-sorted child keys. */
    private final class Walk extends AbstractCollection<Node> {
        private final int top;
        private final boolean includeTop;
        private int size;

        Walk(int top, boolean includeTop, int size) {
            this.top = top;
            this.includeTop = includeTop;
            this.size = size;
        }

        @Override
        public int size() {
            if (size < 0) {
                int n = 0;
                for (Iterator<Node> it = iterator(); it.hasNext(); it.next()) {
                    n++;
                }
                size = n;
            }
            return size;
        }

        @Override
        public Iterator<Node> iterator() {
            return new Iterator<>() {
                private int[] stack = new int[32];
                private int depth;
                private int next = -1;

                {
                    if (includeTop && entryOf[top] >= 0) {
                        next = top;
                    }
                    push(top);
                }

                private void push(int dir) {
                    if (childStart[dir] == childStart[dir + 1]) {
                        return;
                    }
                    if (depth + 2 > stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[depth++] = childStart[dir];
                    stack[depth++] = childStart[dir + 1];
                }

                private void advance() {
                    while (next < 0 && depth > 0) {
                        int pos = stack[depth - 2];
                        int end = stack[depth - 1];
                        if (pos == end) {
                            depth -= 2;
                            continue;
                        }
                        stack[depth - 2] = pos + 1;
                        int key = childKeys[pos];
                        int child = key >>> 1;
                        if ((key & 1) == 0) {
                            if (entryOf[child] >= 0) {
                                next = child;
                            }
                        } else {
                            push(child);
                        }
                    }
                }

                @Override
                public boolean hasNext() {
                    advance();
                    return next >= 0;
                }

                @Override
                public Node next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int n = next;
                    next = -1;
                    return node(n);
                }
            };
        }
    }

    // ---- building --------------------------------------------------------------------------------------------------

    /** Applies layers to a tree in growable arrays, then sorts every directory's children. */
    private static final class Builder {
        int count = 1;
        int[] parent = {-1};
        int[] nameAt = {0};
        byte[] names = new byte[1024];
        int namesLength = 1; // the root's empty name
        int[] layerOf = {0};
        int[] entryOf = {-1};
        byte[] typeOf = {0};
        int[] hashOf = {0};
        int[] firstChild = {-1};
        int[] nextSibling = {-1};
        int[] prevSibling = {-1};
        int[] table = new int[1024];
        int used;
        int visible;
        int[] childStart;
        int[] childKeys;
        int[] stack = new int[64];
        byte[] pathBytes = new byte[256];

        void apply(List<FileEntry> entries, int layer) {
            EntryTable packed = entries instanceof EntryTable ? (EntryTable) entries : null;
            // A layer's whiteouts hide only what lower layers added, wherever they sit in the layer's tar.
            for (int i = 0; i < entries.size(); i++) {
                if (packed != null) {
                    EntryType t = packed.type(i);
                    if (t != EntryType.WHITEOUT && t != EntryType.OPAQUE_WHITEOUT) {
                        continue;
                    }
                }
                FileEntry e = entries.get(i);
                if (e.type() == EntryType.WHITEOUT) {
                    int n = find(e.path(), false);
                    if (n == ROOT) {
                        removeBelow(ROOT);
                        hide(ROOT);
                    } else if (n > 0) {
                        removeBelow(n);
                        detach(n);
                    }
                } else if (e.type() == EntryType.OPAQUE_WHITEOUT) {
                    int n = find(e.path(), false);
                    if (n >= 0) {
                        removeBelow(n);
                    }
                }
            }
            int i = 0;
            for (FileEntry e : entries) {
                int index = i++;
                if (e.isWhiteout()) {
                    continue;
                }
                int n = find(e.path(), true);
                if (entryOf[n] >= 0 && typeOf[n] == EntryType.DIRECTORY.ordinal() && e.type() != EntryType.DIRECTORY) {
                    removeBelow(n); // a file replacing a directory replaces its content too
                }
                if (entryOf[n] < 0) {
                    visible++;
                }
                entryOf[n] = index;
                layerOf[n] = layer;
                typeOf[n] = (byte) e.type().ordinal();
            }
        }

        private void hide(int n) {
            if (entryOf[n] >= 0) {
                entryOf[n] = -1;
                visible--;
            }
        }

        /** The node of a path; with {@code create}, made (with its missing parents, invisible) when absent. */
        int find(String rawPath, boolean create) {
            String path = canonical(rawPath) ? rawPath : LayerScanner.normalise(rawPath);
            int len = SortableBytes.length(path);
            if (pathBytes.length < len) {
                pathBytes = new byte[Math.max(len, pathBytes.length * 2)];
            }
            SortableBytes.encode(path, pathBytes, 0);
            int current = ROOT;
            int start = 1;
            while (start < len) {
                int end = start;
                while (end < len && pathBytes[end] != SLASH) {
                    end++;
                }
                int next = lookup(table, parent, nameAt, names, current, pathBytes, start, end - start);
                if (next < 0) {
                    if (!create) {
                        return -1;
                    }
                    next = create(current, pathBytes, start, end - start);
                }
                current = next;
                start = end + 1;
            }
            return current;
        }

        private int create(int dir, byte[] b, int off, int len) {
            if (count == parent.length) {
                int cap = count + (count >> 1) + 16;
                parent = Arrays.copyOf(parent, cap);
                nameAt = Arrays.copyOf(nameAt, cap);
                layerOf = Arrays.copyOf(layerOf, cap);
                entryOf = Arrays.copyOf(entryOf, cap);
                typeOf = Arrays.copyOf(typeOf, cap);
                hashOf = Arrays.copyOf(hashOf, cap);
                firstChild = Arrays.copyOf(firstChild, cap);
                nextSibling = Arrays.copyOf(nextSibling, cap);
                prevSibling = Arrays.copyOf(prevSibling, cap);
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
            layerOf[n] = 0;
            entryOf[n] = -1;
            typeOf[n] = 0;
            hashOf[n] = hash(dir, b, off, len);
            prevSibling[n] = -1;
            nextSibling[n] = firstChild[dir];
            if (firstChild[dir] >= 0) {
                prevSibling[firstChild[dir]] = n;
            }
            firstChild[dir] = n;
            firstChild[n] = -1;
            insert(n);
            return n;
        }

        private void insert(int n) {
            if (2 * (used + 1) > table.length) {
                int[] bigger = new int[table.length * 2];
                int mask = bigger.length - 1;
                for (int slot : table) {
                    if (slot != 0) {
                        int i = hashOf[slot - 1] & mask;
                        while (bigger[i] != 0) {
                            i = (i + 1) & mask;
                        }
                        bigger[i] = slot;
                    }
                }
                table = bigger;
            }
            int mask = table.length - 1;
            int i = hashOf[n] & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = n + 1;
            used++;
        }

        /** Takes a node out of the hash table (linear probing: later entries of its run shift back). */
        private void erase(int n) {
            int mask = table.length - 1;
            int i = hashOf[n] & mask;
            while (table[i] != n + 1) {
                i = (i + 1) & mask;
            }
            table[i] = 0;
            used--;
            int j = i;
            while (true) {
                j = (j + 1) & mask;
                int slot = table[j];
                if (slot == 0) {
                    return;
                }
                int k = hashOf[slot - 1] & mask;
                boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
                if (movable) {
                    table[i] = slot;
                    table[j] = 0;
                    i = j;
                }
            }
        }

        /** Removes everything below a node; each node is removed once, so whiteouts cost what was added. */
        private void removeBelow(int dir) {
            int depth = 0;
            for (int c = firstChild[dir]; c >= 0; c = nextSibling[c]) {
                stack = push(stack, depth++, c);
            }
            firstChild[dir] = -1;
            while (depth > 0) {
                int n = stack[--depth];
                for (int c = firstChild[n]; c >= 0; c = nextSibling[c]) {
                    stack = push(stack, depth++, c);
                }
                kill(n);
            }
        }

        private static int[] push(int[] stack, int at, int value) {
            int[] s = at == stack.length ? Arrays.copyOf(stack, stack.length * 2) : stack;
            s[at] = value;
            return s;
        }

        private void kill(int n) {
            erase(n);
            hide(n);
            parent[n] = DEAD;
            firstChild[n] = -1;
        }

        /** Unlinks a node from its directory and removes it. */
        private void detach(int n) {
            int p = parent[n];
            if (prevSibling[n] >= 0) {
                nextSibling[prevSibling[n]] = nextSibling[n];
            } else {
                firstChild[p] = nextSibling[n];
            }
            if (nextSibling[n] >= 0) {
                prevSibling[nextSibling[n]] = prevSibling[n];
            }
            kill(n);
        }

        /** Lays every live directory's children out in path order, and drops what only building needed. */
        void finish() {
            childStart = new int[count + 1];
            for (int n = 1; n < count; n++) {
                if (parent[n] >= 0) {
                    childStart[parent[n] + 1] += 2;
                }
            }
            for (int n = 0; n < count; n++) {
                childStart[n + 1] += childStart[n];
            }
            childKeys = new int[childStart[count]];
            int[] fill = Arrays.copyOf(childStart, count);
            for (int n = 1; n < count; n++) {
                if (parent[n] >= 0) {
                    childKeys[fill[parent[n]]++] = n << 1;
                    childKeys[fill[parent[n]]++] = n << 1 | 1;
                }
            }
            fill = null;
            int[] buffer = new int[16];
            for (int n = 0; n < count; n++) {
                int from = childStart[n];
                int to = childStart[n + 1];
                if (to - from > 2) {
                    if (buffer.length < to - from) {
                        buffer = new int[to - from];
                    }
                    sort(childKeys, from, to, buffer);
                }
            }
            parent = Arrays.copyOf(parent, count);
            nameAt = Arrays.copyOf(nameAt, count);
            names = Arrays.copyOf(names, namesLength);
            layerOf = Arrays.copyOf(layerOf, count);
            entryOf = Arrays.copyOf(entryOf, count);
            int size = Integer.highestOneBit(Math.max(16, used * 2 + 1)) * 2;
            if (size < table.length) {
                int[] smaller = new int[size];
                int mask = size - 1;
                for (int slot : table) {
                    if (slot != 0) {
                        int i = hashOf[slot - 1] & mask;
                        while (smaller[i] != 0) {
                            i = (i + 1) & mask;
                        }
                        smaller[i] = slot;
                    }
                }
                table = smaller;
            }
            typeOf = null;
            hashOf = null;
            firstChild = null;
            nextSibling = null;
            prevSibling = null;
        }

        /** Merge sort of child keys in path order. */
        private void sort(int[] a, int from, int to, int[] buffer) {
            if (to - from <= 8) {
                for (int i = from + 1; i < to; i++) {
                    int k = a[i];
                    int j = i - 1;
                    while (j >= from && compareKeys(a[j], k) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = k;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            sort(a, from, mid, buffer);
            sort(a, mid, to, buffer);
            if (compareKeys(a[mid - 1], a[mid]) <= 0) {
                return;
            }
            System.arraycopy(a, from, buffer, 0, mid - from);
            int i = 0;
            int iEnd = mid - from;
            int j = mid;
            int k = from;
            while (i < iEnd && j < to) {
                a[k++] = compareKeys(buffer[i], a[j]) <= 0 ? buffer[i++] : a[j++];
            }
            while (i < iEnd) {
                a[k++] = buffer[i++];
            }
        }

        /**
         * Orders a child's own path (key bit 0) and the block of paths below it (bit 1, its name followed by '/'),
         * as the strings compare: "/a" < "/a.txt" < "/a/b", since '.' sorts before '/'.
         */
        private int compareKeys(int x, int y) {
            int a = x >>> 1;
            int b = y >>> 1;
            int aStart = nameStart(names, nameAt[a]);
            int bStart = nameStart(names, nameAt[b]);
            int aLen = nameLength(names, nameAt[a]);
            int bLen = nameLength(names, nameAt[b]);
            int common = Math.min(aLen, bLen);
            int mismatch = Arrays.mismatch(names, aStart, aStart + common, names, bStart, bStart + common);
            if (mismatch >= 0) {
                return Integer.compare(names[aStart + mismatch] & 0xff, names[bStart + mismatch] & 0xff);
            }
            // one name is a prefix of the other: what follows it is the longer name's next byte, or '/' for a block
            int aKey = aLen + (x & 1);
            int bKey = bLen + (y & 1);
            for (int i = common; i < Math.min(aKey, bKey); i++) {
                int ca = i < aLen ? names[aStart + i] & 0xff : SLASH;
                int cb = i < bLen ? names[bStart + i] & 0xff : SLASH;
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
            }
            return Integer.compare(aKey, bKey);
        }
    }
}
