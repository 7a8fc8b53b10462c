package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Values of a sealed interface whose permitted subtypes are not all records: a sealed sub-interface (its records one
 * level down) and an enum whose constants have bodies (each constant its own class). Both were declared cacheable and
 * then failed every write ("... is not a permitted ..."), so such layers were read again on every run.
 */
class ValueCodecTest {
    sealed interface Top permits Leaf, Deep, Mode {
    }

    record Leaf(String name) implements Top {
    }

    sealed interface Deep extends Top permits Inner, Other {
    }

    record Inner(int x) implements Deep {
    }

    record Other(List<String> names) implements Deep {
    }

    enum Mode implements Top {
        PLAIN,
        SPECIAL {
            @Override
            public String toString() {
                return "special";
            }
        }
    }

    static final class TopCollector implements ContentCollector<List<Top>> {
        @Override
        public String id() {
            return "top";
        }

        @Override
        public boolean wants(String path, long size) {
            return false;
        }

        @Override
        public List<Top> collect(FileEntry entry, InputStream content) {
            return null;
        }
    }

    @Test
    void nestedSealedTypesAndEnumConstantsWithBodiesComeBackEqual() throws Exception {
        ValueCodec codec = ValueCodec.forCollector(new TopCollector());
        List<Top> values = Arrays.asList(new Leaf("a"), new Inner(7), new Other(List.of("x", "y")), Mode.SPECIAL,
                Mode.PLAIN, null);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(out, values);
        }
        Object read = codec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(values);
        assertThat(((List<?>) read).get(3)).isSameAs(Mode.SPECIAL);
    }

    @Test
    void theSchemaNamesEveryLevel() throws ValueCodec.Unsupported {
        String schema = ValueCodec.forCollector(new TopCollector()).schema();
        assertThat(schema).contains(Inner.class.getName()).contains(Other.class.getName())
                .contains(Leaf.class.getName()).contains(Mode.class.getName());
    }
}
