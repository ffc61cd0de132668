package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops train}: what {@code mlTrain} does in a Pipeline, with the same argument names. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run training in a container (Docker Engine API) and copy the model and metrics out.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run succeeded", "1:the run failed (exit code, OOM, timeout, missing image, no engine)",
                "2:bad arguments",
                "130:stopped by Ctrl-C (SIGINT; 143 for SIGTERM): the container was stopped and removed"})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--image", description = "Image to run (or the tag for the image built from --dockerfile).")
    String image;
    @Option(names = "--dockerfile", description = "Dockerfile to build first.")
    String dockerfile;
    @Option(names = {"--buildContext", "--build-context"}, description = "Build context directory (default: the Dockerfile's directory).")
    String buildContext;
    @Mixin
    ContainerCommandOptions containerCommand;
    @Option(names = "--epochs", description = "Training epochs (params.json and MLOPS_PARAM_EPOCHS).")
    Integer epochs;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A hyperparameter; repeatable.")
    List<String> params;
    @Option(names = "--data", paramLabel = "PATH", description = "File or directory copied read-only to /mlops/data; repeatable.")
    List<String> data;
    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Environment variable for the container; repeatable.")
    List<String> env;
    @Option(names = "--cpus", description = "CPU limit, e.g. 1.5.")
    Double cpus;
    @Option(names = "--memory", description = "Memory limit, e.g. 2g (no swap beyond it).")
    String memory;
    @Option(names = "--gpus", description = "GPUs: all, a count, or device ids such as 0,1.")
    String gpus;
    @Option(names = {"--shmSize", "--shm-size"}, description = "Size of /dev/shm, e.g. 1g.")
    String shmSize;
    @Option(names = {"--pidsLimit", "--pids-limit"}, description = "Most processes and threads at once (default 4096).")
    Long pidsLimit;
    @Option(names = {"--capAdd", "--cap-add"}, paramLabel = "CAP", split = ",",
            description = "A Linux capability to give back (the container has none), e.g. CHOWN; repeatable.")
    List<String> capAdd;
    @Option(names = "--timeout", description = "Kill the run after this long: 90s, 30m, 2h (a bare number is minutes).")
    String timeout;
    @Option(names = "--network", defaultValue = "none", description = "Network mode: none (default), host, or a network name.")
    String network;
    @Option(names = "--name", description = "A name for the run (part of the container name).")
    String name;
    @Option(names = "--output", paramLabel = "DIR", description = "Where the model, metrics and predictions go (default: .mlops/runs/<time>).")
    Path output;
    @Option(names = "--json", description = "Print the result as JSON on stdout (logs go to stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TrainingSpec spec = spec();
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            TrainingResult result = ConsoleContainerRun.run("train", json ? err : out, err,
                    (docker, log) -> new DockerTrainer(docker).train(spec, log));
            print(result, TrainingRecord.Origin.of(spec), out);
            return 0;
        } catch (ContainerException e) {
            err.println("mlops train: " + e.getMessage());
            return 1;
        }
    }

    TrainingSpec spec() {
        Path out = output != null ? output
                : Path.of(".mlops", "runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        return TrainingSpec.builder()
                .image(image)
                .dockerfile(dockerfile)
                .buildContext(buildContext)
                .command(containerCommand.command())
                .epochs(epochs)
                .params(KeyValues.typed("param", params))
                .data(data)
                .env(KeyValues.strings("env", env))
                .cpus(cpus)
                .memory(memory)
                .gpus(gpus)
                .shmSize(shmSize)
                .pidsLimit(pidsLimit)
                .capAdd(capAdd)
                .timeout(timeout)
                .network(network)
                .name(name)
                .workDir(Path.of("").toAbsolutePath().toString())
                .outputDir(out.toAbsolutePath().normalize().toString())
                .build();
    }

    private void print(TrainingResult r, TrainingRecord.Origin origin, PrintWriter out) throws Exception {
        Path record = TrainingRecord.write(r, origin);
        if (json) {
            out.println(TrainingRecord.toJson(r, origin));
        } else {
            out.printf("%nrun %s finished in %.1f s (exit code %d)%n", r.runId(), r.duration().toMillis() / 1000.0, r.exitCode());
            out.printf("  image    %s%n", r.imageId());
            out.printf("  model    %s%n", r.modelPath());
            if (r.dataDigest() != null) {
                out.printf("  data     %s%n", r.dataDigest());
            }
            r.metrics().forEach((k, v) -> out.printf("  %-14s %s%n", k, v));
            out.printf("  record   %s (mlops register --run %s)%n", record, r.outputDir());
        }
        out.flush();
    }
}
