package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mlops train}'s argument errors: the core's rules, in the same words as the mlTrain step's. */
class TrainCommandTest {

    /** As {@code main} runs it, with the error reporter that turns exceptions into one line and an exit code. */
    private static CliRun mlops(String... args) {
        CommandLine cli = MlopsCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new CliRun(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void aCapabilityThatDoesNotExistIsAUsageErrorNamingTheArgument() {
        CliRun r = mlops("train", "--image", "t", "--cap-add", "chown,chwon");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("mlops: Invalid argument 'capAdd': 'chwon' is not a Linux capability; give names"
                + " such as CHOWN, DAC_OVERRIDE, FOWNER, SETUID, NET_BIND_SERVICE or SYS_PTRACE (as docker run --cap-add"
                + " takes them)" + System.lineSeparator());
    }

    @Test
    void thePidsLimitCannotBeSwitchedOff() {
        CliRun r = mlops("train", "--image", "t", "--pids-limit", "-1");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid argument 'pidsLimit': must be at least 2");
    }

    @Test
    void theEvaluationsOptionsAreSpelledAsTheCommandLineHasThem() {
        CliRun r = mlops("validate", "--metric", "rmse=1", "--threshold", "rmse < 2",
                "--cap-add", "CHOWN");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid argument '--cap-add': is for the evaluation container; give --image too");
    }
}
