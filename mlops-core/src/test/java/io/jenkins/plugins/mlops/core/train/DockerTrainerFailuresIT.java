package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.OutputDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a run can fail gets its own failure kind and message, and leaves no container or volume behind. */
class DockerTrainerFailuresIT {

    @TempDir
    Path tempDir;

    private ContainerException failing(DockerTestEngine.Scenario s, TrainingSpec spec) throws Exception {
        ContainerException e = catchThrowableOfType(ContainerException.class,
                () -> new DockerTrainer(docker()).train(spec, s.log));
        assertThat(e).as("the run must fail; log:\n" + s.log).isNotNull();
        s.assertNothingLeft();
        assertThat(s.outputDir).as("no half-written outputs").doesNotExist();
        return e;
    }

    @Test
    void nonZeroExitNamesTheCodeAndShowsTheLastLines() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        Files.writeString(s.workDir.resolve("data.csv"), "1\n");
        ContainerException e = failing(s, s.spec()
                .data(List.of("data.csv"))
                .command(List.of("sh", "-c", "for i in $(seq 1 15); do echo line $i; done; echo boom >&2; exit 3"))
                .build());
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.NON_ZERO_EXIT);
        assertThat(e.getExitCode()).isEqualTo(3);
        assertThat(s.log.texts(LogSink.Stream.STDERR)).as(s.log.toString()).containsExactly("boom");
        assertThat(e.getMessage()).contains("exited with code 3").contains("line 15").contains("boom")
                .doesNotContain("line 5\n");
    }

    @Test
    void memoryLimitExceededIsReportedAsOutOfMemory() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        ContainerException e = failing(s, s.spec()
                .memoryBytes(48L << 20)
                .command(List.of("python3", "-c", "import numpy; a = numpy.ones(512 * 1024 * 1024, dtype=numpy.uint8); print(a.sum())"))
                .build());
        assertThat(e.getFailure()).as(e.getMessage()).isEqualTo(ContainerFailure.OUT_OF_MEMORY);
        assertThat(e.getExitCode()).isEqualTo(137);
        assertThat(e.getMessage()).contains("out of memory").contains("50.3 MB");
    }

    @Test
    void timeoutStopsTheContainer() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        long t0 = System.nanoTime();
        ContainerException e = failing(s, s.spec()
                .timeout(Duration.ofSeconds(2))
                .command(List.of("python3", "-c", "import time; print('working', flush=True); time.sleep(300)"))
                .build());
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.TIMEOUT);
        assertThat(e.getMessage()).contains("timeout of 2.0 s").contains("working");
        // SIGTERM reaches python through the init process: no wait for the 10 s kill.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(9));
    }

    @Test
    void missingImageIsNotPulled() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        ContainerException e = failing(s, s.spec().image("mlops-test/no-such-image:never").build());
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.IMAGE_NOT_FOUND);
        assertThat(e.getMessage()).contains("'mlops-test/no-such-image:never'").contains("never pulled");
    }

    @Test
    void failingDockerfileStepIsReportedWithItsMessage() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        ContainerException e = failing(s, s.spec()
                .image(null)
                .dockerfile(DockerTestEngine.resource("images/broken/Dockerfile").toString())
                .build());
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.IMAGE_BUILD_FAILED);
        assertThat(e.getMessage()).contains("Step 2/").contains("exit 3").contains("returned a non-zero code: 3");
        assertThat(s.log.infos()).contains("about to fail");
        assertThat(docker().listContainersCmd().withShowAll(true).exec())
                .as("forcerm removed the intermediate container of the failed step")
                .noneMatch(c -> c.getCommand() != null && c.getCommand().contains("about to fail"));
    }

    @Test
    void malformedMetricsAreInvalidOutput() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        ContainerException e = failing(s, s.spec()
                .command(List.of("sh", "-c", "echo '[1, 2' > /mlops/output/metrics.json"))
                .build());
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.OUTPUT_INVALID);
        assertThat(e.getMessage()).contains("/mlops/output/metrics.json");
    }

    @Test
    void badHostPathsFailBeforeAnyContainerExists() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        DockerTrainer trainer = new DockerTrainer(docker()).beforeStart(id -> {
            throw new AssertionError("no container may be created");
        });
        MlopsArgumentException data = catchThrowableOfType(MlopsArgumentException.class,
                () -> trainer.train(s.spec().data(List.of("missing.csv")).build(), s.log));
        assertThat(data.getArgument()).isEqualTo("data");
        assertThat(data.getMessage()).contains("missing.csv").contains("does not exist");

        MlopsArgumentException dockerfile = catchThrowableOfType(MlopsArgumentException.class,
                () -> trainer.train(s.spec().dockerfile("nope/Dockerfile").build(), s.log));
        assertThat(dockerfile.getArgument()).isEqualTo("dockerfile");
        assertThat(dockerfile.getMessage()).contains("nope/Dockerfile");

        MlopsArgumentException model = catchThrowableOfType(MlopsArgumentException.class,
                () -> trainer.train(s.spec().modelInput("no-model").build(), s.log));
        assertThat(model.getArgument()).isEqualTo("model");

        Files.createDirectories(s.workDir.resolve("a"));
        Files.createDirectories(s.workDir.resolve("b/a"));
        MlopsArgumentException clash = catchThrowableOfType(MlopsArgumentException.class,
                () -> trainer.train(s.spec().data(List.of("a", "b/a")).build(), s.log));
        assertThat(clash.getMessage()).contains("/mlops/data/a");

        Files.createDirectories(s.outputDir);
        Files.writeString(s.outputDir.resolve("precious.txt"), "user file");
        MlopsArgumentException output = catchThrowableOfType(MlopsArgumentException.class,
                () -> trainer.train(s.spec().command(List.of("true")).build(), s.log));
        assertThat(output.getArgument()).isEqualTo("outputDir");
        assertThat(s.outputDir.resolve("precious.txt")).hasContent("user file");
        assertThat(s.log.infos()).isEmpty();
        s.assertNothingLeft();
    }

    @Test
    void interruptingTheCallerStopsAndRemovesTheContainer() throws Exception {
        abort(false);
    }

    /** An impatient user aborts again and again: cleanup must still reach the engine. */
    @Test
    void repeatedInterruptsStillRemoveEverything() throws Exception {
        abort(true);
    }

    private void abort(boolean repeatedly) throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        Files.writeString(s.workDir.resolve("data.csv"), "1\n");
        TrainingSpec spec = s.spec()
                .data(List.of("data.csv"))
                .command(List.of("python3", "-c", "import time; print('started', flush=True); time.sleep(300)"))
                .build();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                new DockerTrainer(docker()).train(spec, s.log);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        runner.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!s.log.texts(LogSink.Stream.STDOUT).contains("started")) {
            assertThat(System.nanoTime()).as("container never started; log:\n" + s.log).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(s.containers()).hasSize(1);
        assertThat(s.volumes()).hasSize(1);
        long t0 = System.nanoTime();
        runner.interrupt();
        while (repeatedly && runner.isAlive()) {
            Thread.sleep(5);
            runner.interrupt();
        }
        Throwable t = outcome.get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(t).isInstanceOf(InterruptedException.class).hasMessageContaining("aborted");
        s.assertNothingLeft();
    }

    @Test
    void outputDirectoryOfAnEarlierRunIsReplacedWhole() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        new DockerTrainer(docker()).train(s.spec()
                .command(List.of("sh", "-c", "echo 1 > /mlops/output/first.txt")).build(), s.log);
        TrainingResult second = new DockerTrainer(docker()).train(s.spec()
                .command(List.of("sh", "-c", "echo 2 > /mlops/output/second.txt")).build(), s.log);
        assertThat(s.outputDir.toFile().list()).containsExactlyInAnyOrder("second.txt", "model", OutputDirectory.MARKER);
        assertThat(s.outputDir.resolve(OutputDirectory.MARKER)).hasContent(second.runId());
        s.assertNothingLeft();
    }
}
