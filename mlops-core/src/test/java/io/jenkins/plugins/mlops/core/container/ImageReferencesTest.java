package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import org.junit.jupiter.api.Test;

/** What a wrong image reference is told, by the argument's name, before anything runs. */
class ImageReferencesTest {

    @Test
    void theMessageNamesTheArgumentTheReferenceAndWhatIsWrongWithIt() {
        MlopsArgumentException e = catchThrowableOfType(MlopsArgumentException.class,
                () -> ImageReferences.require("image", "Movie-Predictor:train"));
        assertThat(e.getMessage()).startsWith("Invalid argument 'image': 'Movie-Predictor:train' is not an image reference: the name"
                + " must be lowercase").contains("e.g. movie-predictor:train");
        assertThat(ImageReferences.problem("a:-x")).contains("tag");
        assertThat(ImageReferences.problem("a@sha256:12")).contains("digest");
        assertThat(ImageReferences.problem("bad_host:5000/a")).contains("'bad_host:5000' is not a registry");
        assertThat(ImageReferences.problem("")).isEqualTo("it is empty");
    }

    @Test
    void aTrainingSpecWithAWrongImageIsRefusedWhenItIsBuilt() {
        MlopsArgumentException e = catchThrowableOfType(MlopsArgumentException.class,
                () -> TrainingSpec.builder().image("trainer:").outputDir("/tmp/out").build());
        assertThat(e.getArgument()).isEqualTo("image");
        assertThatCode(() -> TrainingSpec.builder().image("localhost:5000/team/trainer:1").outputDir("/tmp/out").build())
                .doesNotThrowAnyException();
        assertThatCode(() -> TrainingSpec.builder().dockerfile("Dockerfile").outputDir("/tmp/out").build()).doesNotThrowAnyException();
    }
}
