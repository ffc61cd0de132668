package io.jenkins.plugins.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.report.ReportSamples;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry page over a real embedded registry, filled as the steps fill it. */
class RegistryRootActionTest {

    @TempDir
    Path dir;

    private RegistryRootAction filled() throws Exception {
        Path root = dir.resolve("mlops-registry");
        try (ModelRegistry r = ReportSamples.registry(root, dir.resolve("models"))) {
            // five versions of movie_predictor, alias moves, a rollback, a forced move; and churn_model
        }
        return new RegistryRootAction(() -> new RegistryLocation.Directory(root.toString()), Map.of());
    }

    @Test
    void theOverviewModelVersionAndComparisonPagesShowTheRegistryAndLinkBelowTheRoot() throws Exception {
        RegistryRootAction registry = filled();
        assertThat(registry.getUrlName()).isEqualTo("mlops-registry");
        assertThat(registry.getIconFileName()).isNotNull();

        assertThat(registry.getHtml("/jenkins")).contains("churn_model", "movie_predictor",
                "href=\"/jenkins/mlops-registry/model/movie_predictor/\"", "Promotion happens only through the pipeline");

        RegistryRootAction.ModelPage model = registry.getModel("movie_predictor");
        String page = model.getHtml("/jenkins");
        assertThat(page).contains("href=\"/jenkins/mlops-registry/model/movie_predictor/version/4/\"",
                "href=\"/jenkins/mlops-registry/model/movie_predictor/compare/3...4/\"", "alice", "rollback",
                "forced past the gate", "href=\"https://ci.example.org/job/ml/job/movie-predictor/job/main/13/\"");

        assertThat(model.getVersion("4").getHtml("")).contains("movie_predictor", " v4", "sub/weights-0.bin");
        assertThat(model.getCompare("3...4").getHtml("")).contains("compared with", "changed");
        assertThat(model.getVersion("9").getHtml("")).contains("Cannot show this page", "has no version 9");
    }

    /** A build's registration links to exactly the page this action serves. */
    @Test
    void aRegistrationLinksToItsVersionsPage() {
        assertThat(RegistryLinks.versionPath("movie_predictor", 3)).isEqualTo("mlops-registry/model/movie_predictor/version/3/");
        assertThat(RegistrationAction.class).isNotNull();
    }

    @Test
    void urlsThatNameNoModelOrVersionAre404s() throws Exception {
        RegistryRootAction registry = filled();
        assertThat(registry.getModel("Bad Name")).isNull();
        assertThat(registry.getModel("../etc")).isNull();
        RegistryRootAction.ModelPage model = registry.getModel("movie_predictor");
        assertThat(model.getVersion("x")).isNull();
        assertThat(model.getVersion("0")).isNull();
        assertThat(model.getCompare("3..4")).isNull();
        assertThat(model.getCompare("3...x")).isNull();
    }

    @Test
    void noRegistryYetSaysSoAndCreatesNothing() {
        Path none = dir.resolve("none");
        RegistryRootAction registry = new RegistryRootAction(() -> new RegistryLocation.Directory(none.toString()), Map.of());
        assertThat(registry.getHtml("")).contains("No model has been registered yet");
        assertThat(none).doesNotExist();
    }

    @Test
    void aRegistryThatCannotBeReadIsAMessageNotAnError() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        RegistryRootAction registry = new RegistryRootAction(
                () -> new RegistryLocation.Directory(notADirectory.toString()), Map.of());
        assertThat(registry.getHtml("")).contains("Cannot show this page");
    }
}
