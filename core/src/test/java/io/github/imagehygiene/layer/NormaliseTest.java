package io.github.imagehygiene.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layer entry names resolved as a container runtime resolves them: Go's {@code path.Clean} of the name made absolute
 * (moby's and containerd's tar readers clean each name so, and keep it under the root). The rows are the cases of
 * {@code cleantests} in Go's {@code src/path/path_test.go}: its rooted cases with Go's own result; its relative ones,
 * whose result names nothing above where it starts, with that result made absolute ("." is the root).
 */
class NormaliseTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // rooted: Go's result as it stands
        "/abc|/abc", "/|/", "/abc/|/abc", "//abc|/abc", "///abc|/abc", "//abc//|/abc", "/./abc/def|/abc/def",
        "/abc/def/../..|/", "/abc/def/../../..|/",
        // relative: Go's result below the root
        "abc|/abc", "abc/def|/abc/def", "a/b/c|/a/b/c", ".|/", "abc/|/abc", "abc/def/|/abc/def", "a/b/c/|/a/b/c",
        "./|/", "abc//def//ghi|/abc/def/ghi", "abc//|/abc", "abc/./def|/abc/def", "abc/.|/abc",
        "abc/def/ghi/../jkl|/abc/def/jkl", "abc/def/../ghi/../jkl|/abc/jkl", "abc/def/..|/abc", "abc/def/../..|/",
        "abc/./../def|/def", "abc//./../def|/def"})
    void cleansAsGoDoes(String name, String cleaned) {
        assertThat(LayerScanner.normalise(name)).isEqualTo(cleaned);
    }

    /** Go's cases that climb above where they start: under a root, nothing climbs above it. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"..|/", "../..|/", "../../abc|/abc", "../|/", "../../|/",
        "abc/def/../../..|/", "abc/def/../../../ghi/jkl/../../../mno|/mno", "abc/../../././../def|/def"})
    void neverClimbsAboveTheRoot(String name, String cleaned) {
        assertThat(LayerScanner.normalise(name)).isEqualTo(cleaned);
    }

    /** Names from Windows-built layers: a backslash separates, as the check has always read them. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"Files\\app\\x.jar|/Files/app/x.jar", "a\\..\\..\\b|/b", "...|/...",
        "a/.../b|/a/.../b", "a/..b/.c|/a/..b/.c",
        "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/../u|/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/u"})
    void otherSeparatorsAndDotNames(String name, String cleaned) {
        assertThat(LayerScanner.normalise(name)).isEqualTo(cleaned);
    }
}
