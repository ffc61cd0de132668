package io.jenkins.plugins.mlops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code mlops} jar (what bin/mlops runs) as a separate process, for what only a real process shows:
 * signals, exit codes, the process umask. Failsafe runs after {@code package}, so the jar is there.
 */
public final class CliProcess {

    static final Path JAR = Path.of("target", "mlops.jar").toAbsolutePath();

    final Process process;
    final Path stdout;
    final Path stderr;

    private CliProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code mlops args...} in {@code workDir}, with Ctrl-C's signal at its default disposition: a process
     * started in the background of a non-interactive shell (a CI script, {@code mvn ... &}) inherits SIGINT
     * ignored, and the JVM keeps an ignored SIGINT ignored. GNU env's {@code --default-signal} resets it.
     *
     * @param umask the process umask (octal, e.g. {@code 077}), or null to inherit the test's
     */
    public static CliProcess start(Path workDir, String umask, String... args) throws IOException {
        return start(workDir, umask, Map.of(), args);
    }

    /** {@link #start(Path, String, String...)} with {@code env} added to the test's environment. */
    public static CliProcess start(Path workDir, String umask, Map<String, String> env, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: failsafe runs after package, which builds it");
        }
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT"));
        if (umask != null) {
            cmd.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("cli.stdout");
        Path err = workDir.resolve("cli.stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        return new CliProcess(p, out, err);
    }

    /** Sends {@code signal} (e.g. {@code INT}) to the JVM: env and sh exec it, so it has the started pid. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** The exit code, or fails after {@code seconds} (and kills the process). */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mlops did not end within " + seconds + " s");
        }
        return process.exitValue();
    }

    public String out() throws IOException {
        return Files.readString(stdout);
    }

    public String err() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public String toString() {
        try {
            return "--- out\n" + out() + "--- err\n" + err();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
