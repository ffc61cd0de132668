package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops train --command} means what mlTrain's {@code command} means: text is run by {@code /bin/sh -c}
 * (quotes work), the words after {@code --} are run as they are, and an empty command is refused before anything
 * runs. Real Docker Engine, the offline base image; fails when no engine answers.
 */
class TrainCommandIT {

    private static final String BASE = System.getProperty("mlops.base.image", "mlops-base:bookworm");

    @TempDir
    Path out;

    @Test
    void textIsRunByTheShellSoQuotesWork() {
        CliRun r = train("--image", BASE, "--command", "python3 -c \"print(1+1)\"", "--output", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).as(r.toString()).contains("2");
    }

    @Test
    void theWordsAfterDoubleDashAreRunAsTheyAre() {
        CliRun r = train("--image", BASE, "--output", out.toString(), "--", "python3", "-c", "print(3 * 3)");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).as(r.toString()).contains("9");
    }

    @Test
    void anEmptyCommandOrBothFormsAreRefusedBeforeAnythingRuns() {
        CliRun empty = train("--image", BASE, "--command", "", "--output", out.toString());
        assertThat(empty.code()).as(empty.toString()).isEqualTo(2);
        assertThat(empty.err()).contains("Invalid argument '--command': is empty; leave it out to use the image's CMD");
        CliRun both = train("--image", BASE, "--command", "true", "--output", out.toString(), "--", "true");
        assertThat(both.code()).as(both.toString()).isEqualTo(2);
        assertThat(both.err()).contains("give either --command TEXT (run by /bin/sh -c) or the words after --");
        CliRun stray = train("--image", BASE, "--output", out.toString(), "python3");
        assertThat(stray.code()).as(stray.toString()).isEqualTo(2);
        assertThat(stray.err()).contains("'python3' is not an option; the words of a command to run as it is go"
                + " after --");
        assertThat(out).isEmptyDirectory();
    }

    private static CliRun train(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(new MlopsCommand(), Map.of(), all);
    }
}
