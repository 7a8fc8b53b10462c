package io.github.imagehygiene;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.github.imagehygiene.common.OneLine;

/** Holds the shape: the core knows nothing of Maven, and data flows one way through the packages. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.imagehygiene");

    @Test
    void coreImportsNoMavenTypes() {
        noClasses().that().resideOutsideOfPackage("io.github.imagehygiene.maven..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.maven..")
                .check(CLASSES);
    }

    @Test
    void readersDoNotDependOnLaterStages() {
        noClasses().that().resideInAnyPackage("..archive..", "..image..")
                .should().dependOnClassesThat().resideInAnyPackage("..layer..", "..analysis..", "..rules..",
                        "..findings..", "..gate..", "..report..", "..maven..")
                .check(CLASSES);
    }

    @Test
    void imageModelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("..image..")
                .should().dependOnClassesThat().resideInAnyPackage("..archive..", "..settings..", "..check..")
                .check(CLASSES);
    }

    @Test
    void analysesDoNotKnowRulesOrOutputs() {
        noClasses().that().resideInAnyPackage("..layer..", "..analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("..rules..", "..findings..", "..gate..",
                        "..report..", "..maven..")
                .check(CLASSES);
    }

    @Test
    void rulesDoNotKnowGateOrReports() {
        noClasses().that().resideInAnyPackage("..rules..", "..findings..")
                .should().dependOnClassesThat().resideInAnyPackage("..gate..", "..report..", "..maven..")
                .check(CLASSES);
    }

    @Test
    void onlyTheGlueKnowsTheGlue() {
        noClasses().that().resideOutsideOfPackage("io.github.imagehygiene.maven..")
                .should().dependOnClassesThat().resideInAPackage("io.github.imagehygiene.maven..")
                .check(CLASSES);
    }

    /** Every package is a slice; none depends, through any path, on itself (jdeps found 19 of 22 in one cycle). */
    @Test
    void noPackageCycles() {
        slices().matching("io.github.imagehygiene.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /** The shared types (exceptions, OneLine, LogSink, sizes) are the leaf everything may use. */
    @Test
    void commonIsALeaf() {
        noClasses().that().resideInAPackage("io.github.imagehygiene.common..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.github.imagehygiene..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(
                                "io.github.imagehygiene.common.."))))
                .check(CLASSES);
    }

    /** Only the orchestration and the glue see the whole settings; a topic sees its own record. */
    @Test
    void onlyTheOrchestrationKnowsAllSettings() {
        noClasses().that().resideOutsideOfPackages("io.github.imagehygiene.check..", "io.github.imagehygiene.maven..",
                "io.github.imagehygiene.settings..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.imagehygiene.settings..",
                        "io.github.imagehygiene.check..")
                .check(CLASSES);
    }

    /**
     * The build compiles string concatenation to StringBuilder calls (the root pom's {@code -XDstringConcat=inline}):
     * an invokedynamic concatenation spins method-handle classes on its first run, in the user's build
     * (docs/benchmark.md). Read from the class files, as javac wrote them.
     */
    @Test
    void stringConcatenationIsCompiledInline() throws IOException, URISyntaxException {
        // the folder of the main code's classes (target/classes)
        Path classes = Path.of(OneLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(300);
        // the bootstrap method's class is named in the constant pool of every class that concatenates through it
        assertThat(files.stream().filter(f -> read(f).contains("java/lang/invoke/StringConcatFactory")).toList())
                .isEmpty();
    }

    private static String read(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
