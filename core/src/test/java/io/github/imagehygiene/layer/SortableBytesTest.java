package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Paths packed as bytes come back as the same strings and sort as the strings do. */
class SortableBytesTest {
    private static final List<String> PATHS = List.of("", "/", "/usr/bin/perl", "/etc/a.txt", "/etc/a/b",
            "/data/café", "/data/caf\uFFFD-\uFFFD\uFFFD.txt", "/opt/日本語/ファイル", "/x/\u0000/y",
            "/lone/\uD800", "/lone/\uDC00x", "/pair/\uD83D\uDE00", "/ascii/~\u007F", "/latin/\u0080\u00FF", "/\uFFFF");

    @Test
    void decodingGivesBackTheStringEncoded() {
        for (String p : PATHS) {
            byte[] b = SortableBytes.encode(p);
            assertThat(b).hasSize(SortableBytes.length(p));
            assertThat(SortableBytes.decode(b, 0, b.length)).isEqualTo(p);
            // within a larger array, as the entry table holds them
            byte[] framed = new byte[b.length + 6];
            System.arraycopy(b, 0, framed, 3, b.length);
            framed[0] = (byte) 0xe2;
            framed[framed.length - 1] = (byte) 0xff;
            assertThat(SortableBytes.decode(framed, 3, b.length)).isEqualTo(p);
        }
    }

    @Test
    void bytesSortAsTheStrings() {
        for (String a : PATHS) {
            for (String b : PATHS) {
                byte[] x = SortableBytes.encode(a);
                byte[] y = SortableBytes.encode(b);
                assertThat(Integer.signum(SortableBytes.compare(x, 0, x.length, y, 0, y.length)))
                        .as("%s vs %s", a, b).isEqualTo(Integer.signum(a.compareTo(b)));
            }
        }
    }
}
