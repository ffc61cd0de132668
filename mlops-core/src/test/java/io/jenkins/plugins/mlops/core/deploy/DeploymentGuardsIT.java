package io.jenkins.plugins.mlops.core.deploy;

import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.docker;
import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.HostConfig;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerLock;
import io.jenkins.plugins.mlops.core.deploy.load.LoadReport;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stands between a version and traffic, against the real engine and proxy: the gate (and its recorded
 * override), the load test, the service's lock against a concurrent deployment, and the reconciliation of a
 * service whose proxy was removed by hand and whose host holds stale containers.
 */
class DeploymentGuardsIT {

    @TempDir
    Path tmp;

    @Test
    void aVersionThatFailedItsGateIsRefusedAndDeployedOnlyWithForceWhichIsRecorded() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("gated", "{}", false);
            s.register("gated", "{}", null);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());

            assertThatThrownBy(() -> deployer.deploy(s.spec("gated", "1", port).alias("production").build(),
                    s.registry, s.log))
                    .isInstanceOfSatisfying(DeploymentException.class,
                            e -> assertThat(e.getFailure()).isEqualTo(DeploymentFailure.GATE_REFUSED))
                    .hasMessageContaining("gated v1 did not pass its quality gate (failed: 'rmse < 0.9' (0.95))")
                    .hasMessageContaining("force: true");
            assertThatThrownBy(() -> deployer.deploy(s.spec("gated", "2", port).build(), s.registry, s.log))
                    .hasMessageContaining("gated v2 was never validated");
            s.assertNothingLeft();

            DeploymentResult forced = deployer.deploy(s.spec("gated", "1", port).alias("production").force(true)
                    .actor("team/movies/main #12").build(), s.registry, s.log);
            assertThat(forced.forced()).isTrue();
            assertThat(post(port, "/predict", "{}").statusCode()).isEqualTo(200);
            AliasEvent moved = s.registry.aliasHistory("gated", "production").get(0);
            assertThat(moved.isForced()).isTrue();
            assertThat(moved.getActor()).isEqualTo("team/movies/main #12");
            List<DeploymentEvent> history = s.registry.deployments("gated", s.service);
            assertThat(history).extracting(DeploymentEvent::getOutcome).containsExactly(DeploymentEvent.Outcome.FAILED,
                    DeploymentEvent.Outcome.FAILED, DeploymentEvent.Outcome.SUCCEEDED);
            assertThat(history.get(0).getReason()).contains("did not pass its quality gate");
            assertThat(history.get(2).isForced()).isTrue();
            assertThat(history.get(2).getActor()).isEqualTo("team/movies/main #12");
        }
    }

    @Test
    void aLoadTestMeasuresTheNewVersionBeforeTrafficAndRefusesOneThatBreaksItsLimits() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("loaded", "{}", true);
            s.register("loaded", "{\"delayMs\": 300}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());
            List<SmokeTest> smoke = SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/predict", "body", "{}")));
            // Limits with room to spare either way: a loaded machine must not make the healthy version fail, nor
            // the slow one (every answer takes 300 ms) pass.
            LoadTestSpec generous = LoadTestSpec.parse("loadTest", Map.of("rps", 40, "duration", "2s",
                    "maxP99Ms", 2000, "maxErrorRate", 0.0));
            LoadTestSpec strict = LoadTestSpec.parse("loadTest", Map.of("rps", 40, "duration", "2s", "maxP99Ms", 250));

            DeploymentResult ok = deployer.deploy(s.spec("loaded", "1", port).smokeTests(smoke).loadTest(generous)
                    .build(), s.registry, s.log);
            assertThat(ok.load().total()).isEqualTo(80);
            assertThat(ok.load().failed()).isZero();
            assertThat(ok.figures()).containsKeys("load.p99_ms", "load.requests");

            assertThatThrownBy(() -> deployer.deploy(s.spec("loaded", "2", port).smokeTests(smoke).loadTest(strict)
                    .build(), s.registry, s.log))
                    .isInstanceOfSatisfying(DeploymentException.class, e -> {
                        assertThat(e.getFailure()).isEqualTo(DeploymentFailure.VERIFICATION_FAILED);
                        assertThat(e.getAttempt().load().p99Millis()).isGreaterThan(250);
                    })
                    .hasMessageContaining("failed its load test: p99")
                    .hasMessageContaining("is above maxP99Ms 250");
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"1\"");
            assertThat(s.registry.deployments("loaded", s.service).get(1).getFigures()).containsKey("load.p99_ms");
        }
    }

    @Test
    void aSecondDeploymentOfTheSameServiceWaitsForTheFirstOrFailsNamingWhoHoldsIt() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("busy", "{\"healthDelayMs\": 3000}", true);
            s.register("busy", "{}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());

            CompletableFuture<DeploymentResult> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return deployer.deploy(s.spec("busy", "1", port).actor("build A").build(), s.registry, s.log);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ContainerLock.holder(docker(), DeployLabels.lockName(s.service)).isEmpty()) {
                assertThat(System.nanoTime()).as("the first deployment takes the lock").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThatThrownBy(() -> deployer.deploy(s.spec("busy", "2", port).actor("build B")
                    .lockTimeout(Duration.ofMillis(500)).build(), s.registry, s.log))
                    .isInstanceOfSatisfying(DeploymentException.class,
                            e -> assertThat(e.getFailure()).isEqualTo(DeploymentFailure.LOCKED))
                    .hasMessageContaining("is held by build A on ");
            DeploymentResult third = deployer.deploy(s.spec("busy", "2", port).actor("build C").build(), s.registry,
                    s.log);

            assertThat(first.get(60, TimeUnit.SECONDS).version()).isEqualTo(1);
            assertThat(third.previousVersion()).as("C ran after A, not beside it").isEqualTo(1);
            assertThat(s.log.infos()).anyMatch(l -> l.contains("Another deployment of " + s.service
                    + " is running (build A on "));
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"2\"");
            assertThat(ContainerLock.holder(docker(), DeployLabels.lockName(s.service))).isEmpty();
        }
    }

    @Test
    void theNextDeploymentRecreatesAProxyRemovedByHandAndRemovesStaleContainers() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("healed", "{}", true);
            s.register("healed", "{}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());
            deployer.deploy(s.spec("healed", "1", port).build(), s.registry, s.log);

            docker().removeContainerCmd(DeployLabels.proxyName(s.service)).withForce(true).exec();
            assertThatThrownBy(() -> post(port, "/predict", "{}")).as("nothing answers without the proxy")
                    .isInstanceOf(java.net.ConnectException.class);
            // What a deployment that died half-way leaves: a replica no state refers to.
            String stale = docker().createContainerCmd(DeployTestEngine.SERVER_IMAGE).withName(s.service + "-stale")
                    .withLabels(Map.of(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE,
                            DeployLabels.SERVICE, s.service, DeployLabels.ROLE, DeployLabels.ROLE_REPLICA,
                            DeployLabels.DEPLOYMENT, "crashed", DeployLabels.VERSION, "1",
                            DeployTestEngine.TEST_LABEL, s.label))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();

            // status still tells what is there
            ServiceStatus broken = deployer.status(s.service).get(0);
            assertThat(broken.proxyRunning()).isFalse();
            assertThat(broken.serving()).isFalse();
            assertThat(broken.stale()).isEqualTo(1);

            LoadReport during;
            DeploymentResult v2;
            try (SteadyLoad load = SteadyLoad.start(port)) {
                v2 = deployer.deploy(s.spec("healed", "2", port).build(), s.registry, s.log);
                // The proxy came back (with v1) before v2 was switched in: from then on, nothing may fail.
                Thread.sleep(300);
                during = load.stop();
            }
            assertThat(v2.previousVersion()).isEqualTo(1);
            assertThat(s.log.infos()).anyMatch(l -> l.contains("The proxy of " + s.service + " is missing"));
            assertThat(s.log.infos()).anyMatch(l -> l.contains("Removing v1 (1 replica(s), deployment crashed)"));
            assertThat(during.window(v2Served(during), Long.MAX_VALUE).failed()).isZero();
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"2\"");
            assertThat(io.jenkins.plugins.mlops.core.container.ContainerStatus.inspect(docker(), stale)).isEmpty();
        }
    }

    @Test
    void aServiceWhoseStateContainerWasRemovedIsReadFromItsProxyAndKeepsServing() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("stateless", "{}", true);
            s.register("stateless", "{}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());
            deployer.deploy(s.spec("stateless", "1", port).build(), s.registry, s.log);
            docker().removeContainerCmd(DeployLabels.stateName(s.service)).withForce(true).exec();

            LoadReport during;
            try (SteadyLoad load = SteadyLoad.start(port)) {
                deployer.deploy(s.spec("stateless", "2", port).build(), s.registry, s.log);
                during = load.stop();
            }
            assertThat(during.failures()).as("requests failed while the state was rebuilt").isEmpty();
            assertThat(s.log.infos()).anyMatch(l -> l.contains("The state of " + s.service + " is missing; the proxy"
                    + " serves v1"));
            assertThat(deployer.status(s.service).get(0).previousVersion()).isEqualTo(1);
        }
    }

    @Test
    void aRegistryOnAnotherMachineIsReadBeforeAndWrittenAfterTheDeployment() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("remote", "{}", true);
            s.register("remote", "{}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());

            for (String version : List.of("1", "2", "previous")) {
                DeploymentSpec spec = s.spec("remote", version, port).alias("production")
                        .keepPrevious(Duration.ZERO).build();
                // On the registry's machine: read what the deployment may need, copy the files over.
                StagedRegistry staged = StagedRegistry.read(s.registry, spec);
                for (int v : staged.versionsToStage()) {
                    Path dir = s.dir.resolve("staged-" + version + "-v" + v);
                    s.registry.pull("remote", Integer.toString(v), dir);
                    staged.stage(v, dir.toString());
                }
                // On the Docker host's machine: deploy with it; then the writes go back to the registry.
                deployer.deploy(spec, staged, s.log);
                StagedRegistry.applyTo(s.registry, "remote", staged.writes());
            }

            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"1\"");
            assertThat(s.registry.aliasHistory("remote", "production")).extracting(AliasEvent::getToVersion)
                    .containsExactly(1, 2, 1);
            assertThat(s.registry.deployments("remote", s.service)).extracting(DeploymentEvent::getAction)
                    .containsExactly(DeploymentEvent.Action.DEPLOY, DeploymentEvent.Action.DEPLOY,
                            DeploymentEvent.Action.ROLLBACK);
            assertThat(s.log.infos()).anyMatch(l -> l.contains("v1 is no longer kept on the Docker host"));
        }
    }

    /** When the first request of the load succeeded: the proxy was back. */
    private static long v2Served(LoadReport r) {
        return r.outcomes().stream().filter(o -> o.ok()).mapToLong(o -> o.scheduledNanos()).min().orElse(Long.MAX_VALUE);
    }
}
