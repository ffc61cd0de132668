package io.jenkins.plugins.mlops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mlops} command: the Jenkins plugin's steps, run outside Jenkins (locally, or in any CI). Each
 * subcommand takes the same argument names as its Pipeline step.
 */
@Command(
        name = "mlops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, gate, register and deploy ML models in containers — the MLOps Pipeline steps, outside Jenkins.",
        subcommands = {TrainCommand.class, ValidateCommand.class, RegisterCommand.class, ModelsCommand.class,
                ReportCommand.class, CommandLine.HelpCommand.class})
public final class MlopsCommand {

    /** Exit code for a usage or input error, as for every subcommand (picocli's own code for bad options). */
    static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it to run the CLI in-process. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new MlopsCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        return cli;
    }
}
