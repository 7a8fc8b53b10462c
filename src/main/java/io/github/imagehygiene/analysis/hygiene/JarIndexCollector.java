package io.github.imagehygiene.analysis.hygiene;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import io.github.imagehygiene.layer.ContentCollector;
import io.github.imagehygiene.layer.FileEntry;

/**
 * Indexes every {@code *.jar} and {@code *.war} during the layer pass: streams the zip with Commons Compress's
 * {@link ZipArchiveInputStream} (no extraction, nothing written, memory bounded by {@link JarIndex}'s limits) and
 * keeps only a {@link JarIndex}: names and sizes of nested jars, layers.idx, manifest attributes, Maven coordinates,
 * class and package counts, sizes by directory. Id {@value #ID}; stateless, so one shared {@link #INSTANCE}.
 * <p>
 * Another reader of the same jars (an SBOM's) should not be a second collector: the layer scanner hands a file over
 * 8 MB to one collector only. It can feed its own entry loop to a {@link JarIndex.Builder} instead, reading the small
 * text entries {@link JarIndex.Builder#wantsText(String)} names, so that one pass builds both.
 */
public final class JarIndexCollector implements ContentCollector<JarIndex> {
    public static final String ID = "jar-index";
    public static final JarIndexCollector INSTANCE = new JarIndexCollector();

    private JarIndexCollector() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean wants(String path, long size) {
        if (size <= 0) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jar") || lower.endsWith(".war");
    }

    @Override
    public JarIndex collect(FileEntry entry, InputStream content) throws IOException {
        // The layer's tar stream must stay open: the zip reader gets a view that ignores close().
        InputStream shielded = new FilterInputStream(content) {
            @Override
            public void close() {
            }
        };
        JarIndex.Builder index = new JarIndex.Builder();
        byte[] buffer = new byte[64 * 1024];
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(shielded, "UTF-8", true, true)) {
            ZipArchiveEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    index.entry(e.getName(), true, 0, null);
                    continue;
                }
                byte[] text = null;
                long size;
                if (JarIndex.Builder.wantsText(e.getName())) {
                    text = readBounded(zip, buffer);
                    size = text.length + drain(zip, buffer);
                } else {
                    size = drain(zip, buffer);
                }
                index.entry(e.getName(), false, size, text);
            }
        }
        return index.build(entry.path(), entry.size());
    }

    private static byte[] readBounded(InputStream in, byte[] buffer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        while (out.size() < JarIndex.Builder.TEXT_LIMIT
                && (n = in.read(buffer, 0, Math.min(buffer.length, JarIndex.Builder.TEXT_LIMIT - out.size()))) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads the rest of the current entry, returning how many bytes it had. */
    private static long drain(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
        }
        return total;
    }
}
