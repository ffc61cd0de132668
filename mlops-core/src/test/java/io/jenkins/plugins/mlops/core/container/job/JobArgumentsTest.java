package io.jenkins.plugins.mlops.core.container.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The argument rules every container job shares: each names the argument and what was wrong. */
class JobArgumentsTest {

    @Test
    void aNonFiniteParamIsRefusedBecauseParamsJsonMustBeValidJson() {
        assertThatThrownBy(() -> JobArguments.checkParams(Map.of("lr", Double.NaN)))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'params': value of 'lr' must be a finite number, got NaN"
                        + " (params.json is JSON, which has no NaN or infinity)");
        assertThatThrownBy(() -> JobArguments.checkParams(Map.of("clip", Float.NEGATIVE_INFINITY)))
                .hasMessageContaining("value of 'clip' must be a finite number, got -Infinity");
    }
}
