package io.jenkins.plugins.mlops.core.registry.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegisterChild;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills registering processes with SIGKILL at random moments and checks that the registry never shows a partial
 * version: numbers are exactly 1..k, and every version present verifies.
 */
class EmbeddedCrashConsistencyTest {

    private static final int RUNS = 30;
    private static final int REGISTRATIONS_PER_CHILD = 2;

    @TempDir
    Path tmp;

    @Test
    void killingRegistrationsAtRandomMomentsNeverLeavesAPartialVersion() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 3, 300_000, 41);
        Path root = tmp.resolve("registry");
        long seed = System.nanoTime();
        Random random = new Random(seed);

        // How long one child's registrations take once it is up: kills are spread over that window.
        long window = timeOneChild(root, model);
        int killedWithWorkInProgress = 0;
        for (int run = 0; run < RUNS; run++) {
            Process child = TestModels.childJvm(RegisterChild.class, root.toString(), "crashy", model.toString(),
                    Integer.toString(REGISTRATIONS_PER_CHILD)).redirectErrorStream(true).start();
            awaitReady(child);
            Thread.sleep(random.nextInt((int) Math.max(1, window * 11 / 10)));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (stagingDirs(root) > 0) {
                killedWithWorkInProgress++;
            }
            new EmbeddedModelRegistry(root).removeStaleStaging(Duration.ZERO);
        }

        EmbeddedModelRegistry registry = new EmbeddedModelRegistry(root);
        List<ModelVersion> versions = registry.versions("crashy");
        System.out.printf("crash test: %d kills within %d ms windows, %d interrupted a registration, %d versions"
                + " survive (seed %d)%n", RUNS, window, killedWithWorkInProgress, versions.size(), seed);
        assertThat(versions).as("seed %d", seed).extracting(ModelVersion::getVersion)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, versions.size()).boxed().toList());
        assertThat(versions.size()).isGreaterThanOrEqualTo(REGISTRATIONS_PER_CHILD);
        for (ModelVersion v : versions) {
            assertThat(registry.verify("crashy", v.getVersion()).getFiles()).hasSize(3);
        }
        try (Stream<Path> dirs = Files.list(root.resolve("models/crashy/versions"))) {
            assertThat(dirs.count()).as("no stray entries beside the versions").isEqualTo(versions.size());
        }
        assertThat(killedWithWorkInProgress).as("kills that interrupted a registration (seed %d)", seed).isPositive();
        assertThat(stagingDirs(root)).as("crashed registrations were cleaned up").isZero();
    }

    private static long timeOneChild(Path root, Path model) throws Exception {
        Process child = TestModels.childJvm(RegisterChild.class, root.toString(), "crashy", model.toString(),
                Integer.toString(REGISTRATIONS_PER_CHILD)).redirectErrorStream(true).start();
        awaitReady(child);
        long start = System.nanoTime();
        String rest = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(rest).isZero();
        return Math.max(20, (System.nanoTime() - start) / 1_000_000);
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("ready")) {
                return;
            }
        }
        throw new AssertionError("child ended before registering, exit " + child.waitFor());
    }

    private static long stagingDirs(Path root) throws Exception {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }
}
