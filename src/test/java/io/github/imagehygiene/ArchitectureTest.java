package io.github.imagehygiene;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

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
                .should().dependOnClassesThat().resideInAnyPackage("..archive..", "..config..")
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
}
