package io.jenkins.plugins.mlops.core.container.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCommandTest {

    @Test
    void textIsTheShellFormAListTheExecForm() {
        assertThat(JobCommand.of("command", "python3 -c \"print(1+1)\""))
                .containsExactly("/bin/sh", "-c", "python3 -c \"print(1+1)\"");
        assertThat(JobCommand.of("command", List.of("python3", "src/main.py", "train")))
                .containsExactly("python3", "src/main.py", "train");
        assertThat(JobCommand.of("command", null)).isNull();
        assertThat(JobCommand.of("command", new StringBuilder("echo hi"))).containsExactly("/bin/sh", "-c", "echo hi");
    }

    @Test
    void anEmptyCommandIsRefusedNamingTheArgument() {
        for (Object empty : List.of("", "  ", List.of(), List.of(" ", "x"))) {
            assertThatThrownBy(() -> JobCommand.of("--command", empty)).isInstanceOf(MlopsArgumentException.class)
                    .hasMessageStartingWith("Invalid argument '--command': ");
        }
        assertThatThrownBy(() -> JobCommand.of("command", Arrays.asList("python3", null)))
                .hasMessage("Invalid argument 'command': element 2 must be a string, got null");
        assertThatThrownBy(() -> JobCommand.of("command", 42))
                .hasMessageContaining("must be a string (run by /bin/sh -c) or a list of strings");
    }
}
