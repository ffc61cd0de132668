package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions that escape a subcommand into one readable line and an exit code: bad input is a usage error
 * (2), a run ended by a signal 130 (its message is already printed), anything else a failure (1). Stack traces
 * only with MLOPS_DEBUG set, because users read these messages.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof RunAborted) {
            return RunAborted.EXIT_CODE;
        }
        cli.getErr().println("mlops: " + e.getMessage());
        if (System.getenv("MLOPS_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return e instanceof MlopsArgumentException || e instanceof IllegalArgumentException
                ? MlopsCommand.USAGE_ERROR : 1;
    }
}
