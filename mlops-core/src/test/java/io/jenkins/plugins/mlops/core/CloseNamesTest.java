package io.jenkins.plugins.mlops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloseNamesTest {

    private static final List<String> NAMES = List.of("accuracy", "precision", "recall", "f1", "eval.rmse", "val_loss");

    @Test
    void oneTypingMistakeOfEachKind() {
        assertThat(CloseNames.to("accurcy", NAMES)).containsExactly("accuracy");     // deleted
        assertThat(CloseNames.to("accuraccy", NAMES)).containsExactly("accuracy");   // inserted
        assertThat(CloseNames.to("accuricy", NAMES)).containsExactly("accuracy");    // replaced
        assertThat(CloseNames.to("acucracy", NAMES)).containsExactly("accuracy");    // neighbours swapped
        assertThat(CloseNames.to("eval.rsme", NAMES)).containsExactly("eval.rmse");
        assertThat(CloseNames.to("val-loss", NAMES)).containsExactly("val_loss");
    }

    @Test
    void caseAndPrefixes() {
        assertThat(CloseNames.to("ACCURACY", NAMES)).containsExactly("accuracy");
        assertThat(CloseNames.to("rmse", NAMES)).containsExactly("eval.rmse");
        assertThat(CloseNames.to("train.f1", NAMES)).containsExactly("f1");
    }

    @Test
    void shortNamesAllowOneMistakeLongerOnesMore() {
        assertThat(CloseNames.to("rcl", List.of("recall"))).isEmpty();
        assertThat(CloseNames.to("mea", List.of("mae"))).containsExactly("mae");
        assertThat(CloseNames.to("mxe", List.of("mae"))).containsExactly("mae");
        assertThat(CloseNames.to("mxx", List.of("mae"))).isEmpty();
        assertThat(CloseNames.to("precisn", NAMES)).containsExactly("precision");
        assertThat(CloseNames.to("prcsn", NAMES)).isEmpty();
    }

    @Test
    void noGuessBetweenEquallyCloseNames() {
        assertThat(CloseNames.to("f3", List.of("f1", "f2"))).isEmpty();
        assertThat(CloseNames.to("loss", NAMES)).isEmpty();
        assertThat(CloseNames.hint("loss", NAMES)).isEmpty();
        assertThat(CloseNames.hint("recal", NAMES)).isEqualTo(" (did you mean 'recall'?)");
    }

    @Test
    void distanceIsOptimalStringAlignment() {
        assertThat(CloseNames.distance("ca", "abc", 5)).isEqualTo(3);
        assertThat(CloseNames.distance("abcdef", "abdcef", 5)).isEqualTo(1);
        assertThat(CloseNames.distance("", "abc", 5)).isEqualTo(3);
        assertThat(CloseNames.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(CloseNames.distance("kitten", "sitting", 2)).isEqualTo(3);
    }
}
