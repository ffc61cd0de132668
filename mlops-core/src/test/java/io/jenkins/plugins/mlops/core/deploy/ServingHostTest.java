package io.jenkins.plugins.mlops.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment refuses, before anything starts, a DOCKER_HOST that names another machine. Only address literals
 * here (documentation ranges, never contacted): the check looks them up without sending anything.
 */
class ServingHostTest {

    @Test
    void thisMachinesEngineIsFineHoweverItIsNamed() {
        for (String host : new String[] {null, "", "unix:///var/run/docker.sock", "tcp://127.0.0.1:2375",
                "tcp://127.0.0.2:2375", "tcp://[::1]:2376", "tcp://0.0.0.0:2375", "https://127.0.0.1:2376"}) {
            Map<String, String> env = new java.util.HashMap<>();
            env.put("DOCKER_HOST", host);
            assertThatCode(() -> ServingHost.requireLocal(env)).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void anotherMachinesEngineIsRefusedNamingDockerHostAndWhatToDo() {
        MlopsArgumentException e = catchThrowableOfType(MlopsArgumentException.class,
                () -> ServingHost.requireLocal(Map.of("DOCKER_HOST", "tcp://203.0.113.7:2376")));
        assertThat(e.getArgument()).isEqualTo("DOCKER_HOST");
        assertThat(e.getMessage()).contains("'tcp://203.0.113.7:2376' is another machine's Docker Engine",
                "checks its new replicas on this machine's loopback", "inside a node block on that agent");
        assertThat(catchThrowableOfType(MlopsArgumentException.class,
                () -> ServingHost.requireLocal(Map.of("DOCKER_HOST", "ssh://deploy@198.51.100.9")))).isNotNull();
    }
}
