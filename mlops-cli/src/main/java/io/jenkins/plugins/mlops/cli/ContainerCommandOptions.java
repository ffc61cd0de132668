package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.job.JobCommand;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The container's command, as {@code mlTrain}'s and {@code mlValidate}'s {@code command} takes it: {@code --command}
 * with text is the shell form (run by {@code /bin/sh -c}, quotes and {@code &&} work), the words after {@code --} are
 * the exec form (run as they are, as {@code docker run IMAGE CMD...} does). The rule is the core's
 * ({@link JobCommand}); this class only says where each form comes from on the command line.
 */
final class ContainerCommandOptions {

    @Option(names = "--command", paramLabel = "TEXT",
            description = {"Command replacing the image's CMD, run by /bin/sh -c as the step's command is:",
                "--command 'python3 train.py --lr 0.01'. For no shell, give the words after --:",
                "mlops train --image x -- python3 train.py --lr 0.01"})
    String text;

    @Parameters(paramLabel = "WORD", arity = "0..*",
            description = "After --: the command replacing the image's CMD, run as it is (no shell).")
    List<String> words;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The command line to run, or null to keep the image's CMD. */
    List<String> command() {
        boolean exec = words != null && !words.isEmpty();
        if (exec && !mixee.commandLine().getParseResult().originalArgs().contains("--")) {
            // A stray word (a value whose option was mistyped) must not silently become the container's command.
            throw new MlopsArgumentException("--command", "'" + words.get(0) + "' is not an option; the words of"
                    + " a command to run as it is go after --");
        }
        if (exec && text != null) {
            throw new MlopsArgumentException("--command", "give either --command TEXT (run by /bin/sh -c) or the"
                    + " words after -- (run as they are), not both");
        }
        return exec ? JobCommand.exec("--command", words) : JobCommand.of("--command", text);
    }
}
