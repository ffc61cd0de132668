package io.jenkins.plugins.mlops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs one command in-process with a given environment and captures what it printed. */
record CliRun(int code, String out, String err) {

    static CliRun run(Object command, Map<String, String> env, String... args) {
        if (command instanceof RegistryCall rc) {
            rc.environment = env;
        }
        // The whole CLI as main runs it (its error reporter included); a single command as it is.
        CommandLine cli = command instanceof MlopsCommand ? MlopsCommand.newCommandLine() : new CommandLine(command);
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof RegistryCall rc) {
                rc.environment = env;
            }
            if (sub.getCommand() instanceof ReportCommand.Writer w) {
                w.environment = env;
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code mlops args...} as {@code main} runs it, with the error reporter that turns exceptions into exit codes. */
    static CliRun asMain(String... args) {
        CommandLine cli = MlopsCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new CliRun(cli.execute(args), out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
