package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Registers one model name from several threads of this JVM and several child processes at the same time, then
 * checks that the versions are exactly 1..N and each one is whole.
 */
public final class ConcurrentRegistrations {

    private ConcurrentRegistrations() {
    }

    public static void run(String location, Map<String, String> env, Path model, String name, int threads,
            int perThread, int processes, int perProcess) throws Exception {
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            ProcessBuilder pb = TestModels.childJvm(RegisterChild.class, location, name, model.toString(),
                    Integer.toString(perProcess)).redirectErrorStream(true);
            pb.environment().putAll(env);
            children.add(pb.start());
        }
        // Let the children boot so that their registrations overlap with the threads'.
        for (Process c : children) {
            BufferedReader out = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // JVM noise before the first registration
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try (ModelRegistry registry = ModelRegistries.open(location, env)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> got = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        got.add(registry.register(RegistrationRequest.builder().name(name).modelPath(model.toString())
                                .gate(GateRecord.of(true, null))
                                .lineage(Lineage.ofActor("thread " + thread)).build()).getVersion());
                    }
                    return got;
                }));
            }
            start.countDown();
            List<Integer> threadVersions = new ArrayList<>();
            for (Future<List<Integer>> f : results) {
                threadVersions.addAll(f.get(120, TimeUnit.SECONDS));
            }
            for (Process c : children) {
                String rest = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(c.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(c.exitValue()).as("child output: %s", rest).isZero();
            }
            int total = threads * perThread + processes * perProcess;
            List<ModelVersion> versions = registry.versions(name);
            assertThat(versions).extracting(ModelVersion::getVersion)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
            assertThat(threadVersions).doesNotHaveDuplicates();
            Map<String, Long> byActor = versions.stream()
                    .collect(Collectors.groupingBy(v -> v.getLineage().getActor(), Collectors.counting()));
            assertThat(byActor).hasSize(threads + processes);
            for (ModelVersion v : versions) {
                registry.verify(name, v.getVersion());
            }
        } finally {
            pool.shutdownNow();
            children.forEach(Process::destroyForcibly);
        }
    }
}
