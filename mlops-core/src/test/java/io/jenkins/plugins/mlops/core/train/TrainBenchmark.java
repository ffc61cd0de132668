package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.command.WaitContainerResultCallback;
import io.jenkins.plugins.mlops.core.container.ContainerArchives;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.OutputArchiveExtractor;
import io.jenkins.plugins.mlops.core.container.OutputDirectory;
import io.jenkins.plugins.mlops.core.container.job.ContractLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: measures the training use case against the docker CLI on the same engine, image and command, in one
 * run, and prints the figures with their targets. Run with scripts/bench-train.sh; docs/performance.md quotes it.
 *
 * <ol>
 *   <li>fixed overhead of a short run: {@code DockerTrainer.train} minus {@code docker run --rm --network none},
 *       paired run by run (target: at most 0.20 s on the 2-core reference machine: the contract's two archive calls,
 *       params in before start and outputs out after exit, are what it pays for);</li>
 *   <li>the same run against the docker CLI doing the same file moves (create, {@code cp} in, {@code start -a},
 *       {@code cp} out, {@code rm}): ratio, target at most 1.00;</li>
 *   <li>a realistic training of about a minute (the example project's {@code src/main.py train}): ratio against
 *       {@code docker run --rm}, which is what a user feels;</li>
 *   <li>copy-out of a 200 MB model from a stopped container: the archive download and safe extraction vs
 *       {@code docker cp} of the same path (target: throughput ratio at least 0.90).</li>
 * </ol>
 */
public final class TrainBenchmark {

    private static final String IMAGE = System.getProperty("bench.image", "mlops-base:bookworm");
    private static final int RUNS = Integer.getInteger("bench.runs", 7);
    private static final int MODEL_MB = Integer.getInteger("bench.modelMb", 200);
    /** The short run's command, comma-separated: a near-empty run shows the fixed cost at its largest. */
    private static final List<String> COMMAND = List.of(System.getProperty("bench.command", "python3,-c,print('trained')").split(","));
    /** The realistic training: the example's image and real training code, epochs chosen for about a minute here. */
    private static final String LONG_IMAGE = System.getProperty("bench.longImage", "movie-predictor:train");
    private static final int LONG_EPOCHS = Integer.getInteger("bench.longEpochs", 1700);
    private static final int LONG_RUNS = Integer.getInteger("bench.longRuns", 2);
    private static final String LABEL = "io.jenkins.plugins.mlops.benchmark";
    private static final double OVERHEAD_TARGET_SECONDS = 0.20;
    private static final double FILE_MOVES_TARGET_RATIO = 1.00;

    private TrainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("mlops-bench");
        String label = UUID.randomUUID().toString();
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            System.out.printf(Locale.ROOT, "engine %s, %d CPUs; short run: image %s, command %s, %d pairs after a warm-up"
                            + " (medians)%n", docker.versionCmd().exec().getVersion(),
                    Runtime.getRuntime().availableProcessors(), IMAGE, String.join(" ", COMMAND), RUNS);
            runOverhead(docker, work, label);
            if (LONG_RUNS > 0) {
                longTraining(docker, work, label);
            }
            copyOut(docker, work, label);
        } finally {
            OutputDirectory.deleteTree(work);
        }
    }

    private static final LogSink QUIET = new LogSink() {
        @Override
        public void line(Stream stream, String line) {
        }

        @Override
        public void info(String message) {
        }
    };

    private static void runOverhead(DockerClient docker, Path work, String label) throws Exception {
        DockerTrainer trainer = new DockerTrainer(docker);
        List<Double> ours = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        List<Double> cliContract = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        List<Double> fileMovesRatio = new ArrayList<>();
        Path skeleton = Files.createDirectories(work.resolve("skeleton/mlops/input"));
        Files.write(skeleton.resolve("params.json"), ContractLayout.paramsJson(Map.of()));
        Files.createDirectories(work.resolve("skeleton/mlops/output/model"));
        for (int i = -1; i < RUNS; i++) { // run -1 warms up all three
            Path out = work.resolve("run" + (i + 1));
            TrainingSpec spec = TrainingSpec.builder().image(IMAGE).command(COMMAND).outputDir(out.toString())
                    .label(LABEL, label).build();
            double trainerSeconds = seconds(() -> trainer.train(spec, QUIET));
            List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none", IMAGE));
            argv.addAll(COMMAND);
            double cliSeconds = seconds(() -> exec(argv));
            Path cliOut = Files.createDirectories(work.resolve("cli-out" + (i + 1)));
            double cliContractSeconds = seconds(() -> cliWithContractFiles(work.resolve("skeleton/mlops"), cliOut, label));
            if (i >= 0) {
                ours.add(trainerSeconds);
                cli.add(cliSeconds);
                cliContract.add(cliContractSeconds);
                overhead.add(trainerSeconds - cliSeconds);
                fileMovesRatio.add(trainerSeconds / cliContractSeconds);
            }
        }
        double d = median(overhead);
        double r = median(fileMovesRatio);
        System.out.printf(Locale.ROOT, "short  %-38s %.3f s   (all: %s)%n", "DockerTrainer.train", median(ours), list(ours));
        System.out.printf(Locale.ROOT, "short  %-38s %.3f s   (all: %s)%n", "docker run --rm --network none", median(cli), list(cli));
        System.out.printf(Locale.ROOT, "short  %-38s %.3f s   (all: %s)%n", "CLI create, cp in, start -a, cp out, rm",
                median(cliContract), list(cliContract));
        System.out.printf(Locale.ROOT, "short  fixed overhead over docker run --rm: %.3f s (paired median; target <= %.2f s) %s%n",
                d, OVERHEAD_TARGET_SECONDS, d <= OVERHEAD_TARGET_SECONDS ? "MET" : "MISSED");
        System.out.printf(Locale.ROOT, "short  ratio vs the CLI doing the same file moves: %.2f (paired median; target <= %.2f) %s%n",
                r, FILE_MOVES_TARGET_RATIO, r <= FILE_MOVES_TARGET_RATIO ? "MET" : "MISSED");
    }

    /** What a user feels on a real training: the same fixed cost, on a run of about a minute. */
    private static void longTraining(DockerClient docker, Path work, String label) throws Exception {
        DockerTrainer trainer = new DockerTrainer(docker);
        List<String> command = List.of("python3", "src/main.py", "train", "--model_name", "movie_predictor",
                "--num_epochs", String.valueOf(LONG_EPOCHS));
        List<Double> ours = new ArrayList<>();
        List<Double> cli = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i < LONG_RUNS; i++) {
            TrainingSpec spec = TrainingSpec.builder().image(LONG_IMAGE).command(command)
                    .outputDir(work.resolve("long" + i).toString()).label(LABEL, label).build();
            double trainerSeconds = seconds(() -> trainer.train(spec, QUIET));
            List<String> argv = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "none", LONG_IMAGE));
            argv.addAll(command);
            double cliSeconds = seconds(() -> exec(argv));
            ours.add(trainerSeconds);
            cli.add(cliSeconds);
            ratio.add(trainerSeconds / cliSeconds);
        }
        System.out.printf(Locale.ROOT, "long   %s %s, %d pairs%n", LONG_IMAGE, String.join(" ", command), LONG_RUNS);
        System.out.printf(Locale.ROOT, "long   %-38s %.1f s   (all: %s)%n", "DockerTrainer.train", median(ours), list(ours));
        System.out.printf(Locale.ROOT, "long   %-38s %.1f s   (all: %s)%n", "docker run --rm --network none", median(cli), list(cli));
        System.out.printf(Locale.ROOT, "long   ratio vs docker run --rm: %.3f (paired median)%n", median(ratio));
    }

    /** A step of the benchmark, timed. */
    private interface Timed {
        void run() throws Exception;
    }

    private static double seconds(Timed step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The docker CLI doing what the contract needs besides running: params in before start, outputs out after. */
    private static void cliWithContractFiles(Path mlopsDir, Path out, String label) throws IOException, InterruptedException {
        List<String> create = new ArrayList<>(List.of("docker", "create", "--network", "none", "--init", "--label", LABEL + "=" + label, IMAGE));
        create.addAll(COMMAND);
        String id = exec(create).strip();
        try {
            exec(List.of("docker", "cp", mlopsDir.toString(), id + ":/"));
            exec(List.of("docker", "start", "-a", id));
            exec(List.of("docker", "cp", id + ":" + ContractLayout.OUTPUT_DIR, out.toString()));
        } finally {
            exec(List.of("docker", "rm", "-f", id));
        }
    }

    private static void copyOut(DockerClient docker, Path work, String label) throws Exception {
        String id = docker.createContainerCmd(IMAGE)
                .withLabels(Map.of(LABEL, label))
                .withCmd("sh", "-c", "mkdir -p /mlops/output/model && head -c " + MODEL_MB
                        + "000000 /dev/urandom > /mlops/output/model/weights.bin && echo '{\"a\": 1}' > /mlops/output/metrics.json")
                .withNetworkDisabled(true)
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
            if (exit != 0) {
                throw new IllegalStateException("could not write the model: exit " + exit);
            }
            List<Double> ours = new ArrayList<>();
            List<Double> cli = new ArrayList<>();
            for (int i = -1; i < RUNS; i++) {
                Path mine = Files.createDirectory(work.resolve("mine" + (i + 1)));
                long t0 = System.nanoTime();
                OutputArchiveExtractor extractor = new OutputArchiveExtractor(mine);
                try (InputStream tar = ContainerArchives.open(docker, id, ContractLayout.OUTPUT_DIR)) {
                    extractor.extract(tar, ContractLayout.OUTPUT_TOP);
                }
                double oursSeconds = (System.nanoTime() - t0) / 1e9;
                check(mine.resolve("model/weights.bin"));
                OutputDirectory.deleteTree(mine);

                Path theirs = Files.createDirectory(work.resolve("cli" + (i + 1)));
                t0 = System.nanoTime();
                exec(List.of("docker", "cp", id + ":" + ContractLayout.OUTPUT_DIR, theirs.toString()));
                double cliSeconds = (System.nanoTime() - t0) / 1e9;
                check(theirs.resolve("output/model/weights.bin"));
                OutputDirectory.deleteTree(theirs);
                if (i >= 0) {
                    ours.add(oursSeconds);
                    cli.add(cliSeconds);
                }
            }
            double mb = MODEL_MB;
            double a = mb / median(ours);
            double b = mb / median(cli);
            System.out.printf(Locale.ROOT, "copy   %-38s %.0f MB/s (%.3f s for %d MB)%n", "archive GET + safe extract", a, median(ours), MODEL_MB);
            System.out.printf(Locale.ROOT, "copy   %-38s %.0f MB/s (%.3f s for %d MB)%n", "docker cp", b, median(cli), MODEL_MB);
            System.out.printf(Locale.ROOT, "copy   throughput ratio %.2f (target >= 0.90) %s%n", a / b, a / b >= 0.9 ? "MET" : "MISSED");
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static void check(Path model) throws IOException {
        if (Files.size(model) != MODEL_MB * 1_000_000L) {
            throw new IllegalStateException(model + " has " + Files.size(model) + " bytes");
        }
    }

    private static String exec(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + output);
        }
        return output;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList().toString();
    }
}
