package io.github.imagehygiene.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Walks the headers of a tar file by seeking from one to the next, never reading member data: an outer image archive
 * of many gigabytes is indexed in a few reads per member. Commons Compress parses each header (ustar, GNU, base-256
 * sizes); PAX and GNU long names are applied here. Member names are UTF-8 whatever the platform's encoding (bytes that
 * are not UTF-8 read as '?').
 */
final class TarHeaders {
    /** More members than any image archive has; bounds the index a hostile archive can make us keep. */
    static final int MAX_ENTRIES = 100_000;
    /** PAX and GNU long-name blocks larger than this are not real headers. */
    static final int MAX_EXTENDED_HEADER = 1 << 20;
    static final int FILE = 0;
    static final int LINK = 1;
    private static final int BLOCK = 512;
    private static final int MAX_LINK_HOPS = 16;
    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8);

    private TarHeaders() {
    }

    /** Receives the regular files and links of an archive, in archive order. */
    interface Visitor {
        /**
         * @param path   the normalised member path
         * @param type   {@link #FILE} or {@link #LINK}
         * @param offset where a file's data starts
         * @param size   a file's size
         * @param link   a link's normalised target, or null when it leads out of the archive
         */
        void member(String path, int type, long offset, long size, String link);
    }

    static void walk(FileChannel channel, long length, Deadline deadline, Visitor visitor) throws IOException {
        byte[] header = new byte[BLOCK];
        long pos = 0;
        int count = 0;
        String longName = null;
        String paxPath = null;
        String paxLink = null;
        long paxSize = -1;
        while (true) {
            deadline.check("indexing the archive");
            int n = readAt(channel, pos, header);
            if (n == 0 && pos == 0) {
                return; // an empty file
            }
            if (n < BLOCK) {
                // cut within a header, a member's padding, or before the end-of-archive blocks every writer adds
                throw new IOException("Truncated TAR archive");
            }
            if (isZeros(header)) {
                return;
            }
            if (!checksumOk(header)) {
                throw new IOException("no tar header at byte " + pos + " (checksum mismatch)");
            }
            if (++count > MAX_ENTRIES) {
                throw new IOException("more than " + MAX_ENTRIES + " members; not an image archive");
            }
            TarArchiveEntry e;
            try {
                e = new TarArchiveEntry(header, UTF8);
            } catch (IllegalArgumentException ex) {
                throw new IOException("invalid tar header at byte " + pos + ": " + ParallelScan.describe(ex), ex);
            }
            long data = pos + BLOCK;
            if (e.isOldGNUSparse()) {
                // old GNU sparse headers may be followed by extension blocks before the data
                boolean extended = e.isExtended();
                while (extended) {
                    if (readAt(channel, data, header) < BLOCK) {
                        throw new IOException("Truncated TAR archive");
                    }
                    extended = header[504] != 0;
                    data += BLOCK;
                }
            }
            long size = e.getSize();
            boolean extendedHeader = e.isPaxHeader() || e.isGNULongNameEntry() || e.isGNULongLinkEntry();
            if (!extendedHeader && !e.isGlobalPaxHeader() && paxSize >= 0) {
                size = paxSize;
            }
            if (size < 0 || size > length - data) {
                throw new IOException("Truncated TAR archive");
            }
            if (extendedHeader) {
                if (size > MAX_EXTENDED_HEADER) {
                    throw new IOException("an extended header of " + size + " bytes at byte " + pos);
                }
                byte[] block = new byte[(int) size];
                if (readAt(channel, data, block) < size) {
                    throw new IOException("Truncated TAR archive");
                }
                if (e.isPaxHeader()) {
                    Map<String, String> pax = Pax.parse(block, pos);
                    paxPath = pax.getOrDefault("path", paxPath);
                    paxLink = pax.getOrDefault("linkpath", paxLink);
                    String s = pax.get("size");
                    if (s != null) {
                        try {
                            paxSize = Long.parseLong(s.trim());
                        } catch (NumberFormatException ex) {
                            throw new IOException("invalid PAX size '" + s + "' at byte " + pos, ex);
                        }
                    }
                } else if (e.isGNULongNameEntry()) {
                    longName = decodeName(block);
                } else {
                    paxLink = decodeName(block);
                }
            } else if (!e.isGlobalPaxHeader()) {
                String rawName = paxPath != null ? paxPath : longName != null ? longName : e.getName();
                String rawLink = paxLink != null ? paxLink : e.getLinkName();
                String path = ArchivePaths.normalise(rawName);
                if (path != null && !path.isEmpty()) {
                    byte flag = e.getLinkFlag();
                    if ((flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
                            || flag == TarConstants.LF_CONTIG) && !e.isSparse()) {
                        visitor.member(path, FILE, data, size, null);
                    } else if (flag == TarConstants.LF_SYMLINK) {
                        visitor.member(path, LINK, 0, 0, symlinkTarget(path, rawLink));
                    } else if (flag == TarConstants.LF_LINK) {
                        String target = ArchivePaths.resolve(rawLink);
                        visitor.member(path, LINK, 0, 0, target == null || target.isEmpty() ? null : target);
                    }
                }
                longName = null;
                paxPath = null;
                paxLink = null;
                paxSize = -1;
            }
            pos = data + (size + BLOCK - 1) / BLOCK * BLOCK;
        }
    }

    /** A symlink's target as a member path, or null when it leads out of the archive (absolute, or too many ".."). */
    static String symlinkTarget(String linkPath, String target) {
        if (target == null || target.isEmpty() || target.startsWith("/")) {
            return null;
        }
        int slash = linkPath.lastIndexOf('/');
        String resolved = ArchivePaths.resolve((slash < 0 ? "" : linkPath.substring(0, slash + 1)) + target);
        return resolved == null || resolved.isEmpty() ? null : resolved;
    }

    /**
     * The member a path names after following links; null when a link leads out of the archive. A path that names
     * nothing (or a chain of links that never ends) comes back as it is, for a "missing" message.
     */
    static String resolve(String path, Set<String> files, Map<String, String> links) {
        String current = path;
        for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
            if (files.contains(current) || !links.containsKey(current)) {
                return current;
            }
            current = links.get(current);
            if (current == null) {
                return null;
            }
        }
        return path;
    }

    private static String decodeName(byte[] block) throws IOException {
        int end = block.length;
        while (end > 0 && block[end - 1] == 0) {
            end--;
        }
        return UTF8.decode(java.util.Arrays.copyOf(block, end));
    }

    private static boolean checksumOk(byte[] header) {
        try {
            return TarUtils.verifyCheckSum(header);
        } catch (IllegalArgumentException e) {
            return false; // the checksum field itself is not a number
        }
    }

    private static boolean isZeros(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads up to {@code buf.length} bytes at {@code pos}; returns how many were there. */
    static int readAt(FileChannel channel, long pos, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long p = pos;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        return bb.position();
    }

    /** PAX extended headers: records of "LENGTH KEY=VALUE\n". */
    static final class Pax {
        private Pax() {
        }

        static Map<String, String> parse(byte[] block, long at) throws IOException {
            Map<String, String> out = new java.util.HashMap<>();
            int i = 0;
            while (i < block.length && block[i] != 0) {
                int start = i;
                long len = 0;
                while (i < block.length && block[i] >= '0' && block[i] <= '9' && len < Integer.MAX_VALUE) {
                    len = len * 10 + (block[i++] - '0');
                }
                if (i >= block.length || block[i] != ' ' || len <= i - start || start + len > block.length
                        || block[(int) (start + len - 1)] != '\n') {
                    throw new IOException("invalid PAX header at byte " + at);
                }
                int end = (int) (start + len - 1);
                int eq = -1;
                for (int j = i + 1; j < end; j++) {
                    if (block[j] == '=') {
                        eq = j;
                        break;
                    }
                }
                if (eq < 0) {
                    throw new IOException("invalid PAX header at byte " + at);
                }
                out.put(new String(block, i + 1, eq - i - 1, StandardCharsets.UTF_8),
                        new String(block, eq + 1, end - eq - 1, StandardCharsets.UTF_8));
                i = (int) (start + len);
            }
            return out;
        }
    }
}
