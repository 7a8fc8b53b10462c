package io.github.imagehygiene.report.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagehygiene.analysis.inventory.Component;
import io.github.imagehygiene.analysis.inventory.PackageType;

/** The console table's PACKAGE column (44 characters): a name is shortened by its group, never cut to nothing. */
class InventoryReportLabelTest {

    private static Component maven(String group, String artifact) {
        return new Component(PackageType.MAVEN, group, artifact, "3.5.7", null, null, "", "", List.of(), 0, 0, -1, 1,
                null, "/app/libs/" + artifact + "-3.5.7.jar", null, null, "pom.properties");
    }

    @Test
    void aCoordinateKeepsAsMuchAsFits() {
        // 44 characters: whole
        assertThat(InventoryReport.label(maven("org.springframework", "spring-core"), 44))
                .isEqualTo("org.springframework:spring-core (maven)");
        // 58: the group goes, the artifact stays whole
        assertThat(InventoryReport.label(maven("org.springframework.boot", "spring-boot-autoconfigure"), 44))
                .isEqualTo("...:spring-boot-autoconfigure (maven)");
        // even the artifact is too wide (a real one: 34 characters): whole, wider than the column, never "..."
        assertThat(InventoryReport.label(maven("org.springframework.boot", "spring-boot-actuator-autoconfigure"), 44))
                .isEqualTo("...:spring-boot-actuator-autoconfigure (maven)");
        // no group known: the name as it is, or whole
        assertThat(InventoryReport.label(maven(null, "spring-boot-actuator-autoconfigure-extra-long"), 44))
                .isEqualTo("spring-boot-actuator-autoconfigure-extra-long (maven)");
    }
}
