package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code mlops train}'s argument errors: the core's rules, in the same words as the mlTrain step's. */
class TrainCommandTest {

    @Test
    void aCapabilityThatDoesNotExistIsAUsageErrorNamingTheArgument() {
        CliRun r = CliRun.asMain("train", "--image", "t", "--cap-add", "chown,chwon");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("mlops: Invalid argument 'capAdd': 'chwon' is not a Linux capability; give names"
                + " such as CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_BIND_SERVICE or SYS_PTRACE (as docker run --cap-add"
                + " takes them)" + System.lineSeparator());
    }

    @Test
    void thePidsLimitCannotBeSwitchedOff() {
        CliRun r = CliRun.asMain("train", "--image", "t", "--pids-limit", "-1");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid argument 'pidsLimit': must be at least 2");
    }

    @Test
    void theEvaluationsOptionsAreSpelledAsTheCommandLineHasThem() {
        CliRun r = CliRun.asMain("validate", "--metric", "rmse=1", "--threshold", "rmse < 2",
                "--cap-add", "CHOWN");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid argument '--cap-add': is for the evaluation container; give --image too");
    }
}
