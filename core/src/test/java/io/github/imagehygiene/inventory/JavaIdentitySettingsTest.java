package io.github.imagehygiene.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagehygiene.analysis.inventory.JavaIdentitySettings;
import io.github.imagehygiene.analysis.inventory.ResolvedArtifact;
import io.github.imagehygiene.common.ConfigurationException;
import io.github.imagehygiene.settings.CheckSettings;

/** mavenRepository as written: a folder, none, or the front end's default when that exists; checked up front. */
class JavaIdentitySettingsTest {

    @Test
    void repositoryAsWritten(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assertThat(JavaIdentitySettings.parse(null, "repo", null, dir).mavenRepository()).isEqualTo(repo);
        assertThat(JavaIdentitySettings.parse(null, repo.toString(), null, null).mavenRepository()).isEqualTo(repo);
        assertThat(JavaIdentitySettings.parse(null, "none", repo, dir).mavenRepository()).isNull();
        assertThat(JavaIdentitySettings.parse(null, " NONE ", repo, dir).mavenRepository()).isNull();
        // the default only where it exists: a machine without ~/.m2 is no error
        assertThat(JavaIdentitySettings.parse(null, null, repo, dir).mavenRepository()).isEqualTo(repo);
        assertThat(JavaIdentitySettings.parse(null, null, dir.resolve("absent"), dir).mavenRepository()).isNull();
        assertThat(JavaIdentitySettings.parse(null, "", null, dir)).isEqualTo(JavaIdentitySettings.NONE);
    }

    @Test
    void aRepositoryThatIsNoFolderFailsBeforeTheImageIsRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("settings.xml"), "<settings/>");
        assertThatThrownBy(() -> CheckSettings.builder().image("does-not-matter.tar").projectDirectory(dir)
                .mavenRepository("missing").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value for mavenRepository: " + dir.resolve("missing")
                        + " is not a folder; name a Maven local repository, or none");
        assertThatThrownBy(() -> JavaIdentitySettings.parse(null, file.toString(), null, dir))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(file + " is not a folder");
    }

    @Test
    void projectArtifactsKeepTheirCoordinates(@TempDir Path dir) {
        ResolvedArtifact a = new ResolvedArtifact("org.springframework", "spring-jcl", "6.2.12", "", dir.resolve("x.jar"));
        assertThat(a.classifier()).isNull();
        CheckSettings settings = CheckSettings.builder().image("does-not-matter.tar").projectArtifacts(List.of(a))
                .build();
        assertThat(settings.identity().projectArtifacts()).containsExactly(a);
        assertThat(settings.identity().mavenRepository()).isNull();
        assertThatThrownBy(() -> new ResolvedArtifact("g", "a", " ", null, dir)).isInstanceOf(ConfigurationException.class);
    }
}
