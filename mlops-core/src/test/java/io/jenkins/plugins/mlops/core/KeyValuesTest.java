package io.jenkins.plugins.mlops.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void theTextFormIsOnePairPerLineAndReadsLikeTheMapForm() {
        String text = "lr = 0.01\n\n# a comment\nlayers=3\nearly=true\noptimizer=adam w\n";
        assertThat(KeyValues.typed("params", KeyValues.lines(text))).containsExactly(
                Map.entry("lr", 0.01), Map.entry("layers", 3L), Map.entry("early", true),
                Map.entry("optimizer", "adam w"));
    }

    @Test
    void aMapIsWrittenBackAsItsTextForm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", new BigDecimal("0.0100"));
        m.put("epochs", 2);
        m.put("rmse", 0.8);
        m.put("big", 1e20);
        m.put("name", "adam");
        assertThat(KeyValues.text(m)).isEqualTo("lr=0.01\nepochs=2\nrmse=0.8\nbig=100000000000000000000\nname=adam");
        assertThat(KeyValues.typed("params", KeyValues.lines(KeyValues.text(Map.of("lr", 0.5)))))
                .containsExactly(Map.entry("lr", 0.5));
    }

    @Test
    void aPairWithoutAnEqualsSignOrGivenTwiceIsNamed() {
        assertThatThrownBy(() -> KeyValues.typed("params", List.of("lr"))).isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'params': 'lr' must be written name=value");
        assertThatThrownBy(() -> KeyValues.typed("params", List.of("lr=1", "lr=2")))
                .hasMessage("Invalid argument 'params': 'lr' is given twice");
        assertThatThrownBy(() -> KeyValues.numbers("metrics", List.of("rmse=low"), "rmse=0.91"))
                .hasMessage("Invalid argument 'metrics': value of 'rmse' must be a number, got 'low'");
    }

    @Test
    void wholeNumbersAreWholeAndInRange() {
        assertThat(ArgumentParsers.wholeNumber("epochs", 2, 0, 10)).isEqualTo(2);
        assertThat(ArgumentParsers.wholeNumber("epochs", new BigDecimal("2.0"), 0, 10)).isEqualTo(2);
        assertThat(ArgumentParsers.wholeNumber("epochs", " 7 ", 0, 10)).isEqualTo(7);
        assertThatThrownBy(() -> ArgumentParsers.wholeNumber("epochs", new BigDecimal("2.7"), 0, 10))
                .hasMessage("Invalid argument 'epochs': must be a whole number, got 2.7");
        assertThatThrownBy(() -> ArgumentParsers.wholeNumber("epochs", 3_000_000_000L, 0, Integer.MAX_VALUE))
                .hasMessage("Invalid argument 'epochs': must be from 0 to 2147483647, got 3000000000");
        assertThatThrownBy(() -> ArgumentParsers.wholeNumber("seed", "x", 0, 9))
                .hasMessage("Invalid argument 'seed': must be a whole number from 0 to 9, got 'x'");
    }
}
