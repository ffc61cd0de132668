package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.validate.stats.PredictionTask;
import org.junit.jupiter.api.Test;

class GateOptionsTest {

    @Test
    void defaults() {
        GateOptions o = GateOptions.defaults();
        assertThat(o.getConfidence()).isEqualTo(0.95);
        assertThat(o.getSeed()).isEqualTo(42L);
        assertThat(o.getResamples()).isEqualTo(1000);
        assertThat(o.getTask()).isNull();
    }

    @Test
    void nullKeepsTheDefaultSoAStepCanPassItsFieldsOn() {
        GateOptions o = GateOptions.builder("").confidence(null).seed(null).resamples(null).task(null).build();
        assertThat(o.getConfidence()).isEqualTo(0.95);
        GateOptions set = GateOptions.builder("").confidence(0.9).seed(7L).resamples(5000).task("classification").build();
        assertThat(set.getConfidence()).isEqualTo(0.9);
        assertThat(set.getSeed()).isEqualTo(7L);
        assertThat(set.getResamples()).isEqualTo(5000);
        assertThat(set.getTask()).isEqualTo(PredictionTask.CLASSIFICATION);
    }

    @Test
    void badValuesNameTheArgument() {
        assertThatThrownBy(() -> GateOptions.builder("").confidence(95.0))
                .hasMessage("Invalid argument 'confidence': must be between 0 and 1, such as 0.95 for 95%; got 95");
        assertThatThrownBy(() -> GateOptions.builder("--").resamples(10))
                .hasMessage("Invalid argument '--resamples': must be between 100 (fewer cannot place the tails of an"
                        + " interval) and 1000000; got 10");
        assertThatThrownBy(() -> GateOptions.builder("--").task("ranking"))
                .hasMessageStartingWith("Invalid argument '--task':");
    }

    @Test
    void failureModes() {
        assertThat(FailureMode.parse("onFailure", null)).isEqualTo(FailureMode.FAILURE);
        assertThat(FailureMode.parse("onFailure", "unstable")).isEqualTo(FailureMode.UNSTABLE);
        assertThatThrownBy(() -> FailureMode.parse("onFailure", "ABORT"))
                .hasMessage("Invalid argument 'onFailure': 'ABORT' is not FAILURE or UNSTABLE");
    }

    @Test
    void numbersReadWell() {
        assertThat(Numbers.format(0.9393)).isEqualTo("0.9393");
        assertThat(Numbers.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Numbers.format(1234567.891)).isEqualTo("1234570");
        assertThat(Numbers.format(2.0)).isEqualTo("2");
        assertThat(Numbers.format(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(Numbers.format((Double) null)).isEqualTo("-");
    }
}
