package io.jenkins.plugins.mlops.core.container.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import java.util.List;
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

    @Test
    void capabilitiesAreDockersNamesInAnyCaseWithOrWithoutTheirPrefix() {
        assertThat(ContainerPrivileges.adding("capAdd", List.of("chown", "CAP_NET_BIND_SERVICE", "Chown")).capAdd())
                .containsExactly("CHOWN", "NET_BIND_SERVICE");
        assertThat(ContainerPrivileges.adding("capAdd", null).capAdd()).isEmpty();
        assertThatThrownBy(() -> JobArguments.checkCapAdd(List.of("CHOWN", "CAP_CHWON")))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'capAdd': 'CAP_CHWON' is not a Linux capability; give names such as CHOWN,"
                        + " DAC_OVERRIDE, FOWNER, SETUID, NET_BIND_SERVICE or SYS_PTRACE (as docker run --cap-add takes them)");
        assertThatThrownBy(() -> JobArguments.checkCapAdd(List.of("all")))
                .hasMessage("Invalid argument 'capAdd': 'all' would give back every capability, nearly what --privileged"
                        + " does; name the few the image needs, e.g. CHOWN or NET_BIND_SERVICE");
    }

    @Test
    void thePidsLimitIsALimitNeverSwitchedOff() {
        JobArguments.checkPidsLimit(null);
        JobArguments.checkPidsLimit(2L);
        assertThatThrownBy(() -> JobArguments.checkPidsLimit(-1L))
                .hasMessage("Invalid argument 'pidsLimit': must be at least 2 (the init process and the command);"
                        + " it is a limit and cannot be switched off, got -1");
    }
}
