package io.jenkins.plugins.mlops.core.deploy;

import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.docker;
import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.deploy.load.LoadReport;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One service through its life, against the real engine, the real HAProxy and real HTTP: v1 deployed and queried;
 * v2 deployed while steady requests hit the stable endpoint; a v3 that never becomes healthy and a v4 that fails
 * its smoke test, refused while v2 keeps answering; a rollback to v1; undeployed. No request of the load may fail,
 * and nothing of the failed versions may be left behind.
 */
class DeploymentLifecycleIT {

    private static final String MODEL = "lifecycle_model";

    @TempDir
    Path tmp;

    @Test
    void deployUpgradeRefuseTwoBrokenVersionsRollBackUndeploy() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register(MODEL, "{}", true);
            s.register(MODEL, "{}", true);
            s.register(MODEL, "{\"healthy\": false}", true);
            s.register(MODEL, "{\"predictStatus\": 500}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());
            List<SmokeTest> smoke = List.of(SmokeTest.parse("smokeTests[0]",
                    Map.of("path", "/predict", "body", "{\"user\": 1}", "expectField", "rating", "maxLatencyMs", 2000)));

            // v1: a new service
            DeploymentResult v1 = deployer.deploy(s.spec(MODEL, "1", port).smokeTests(smoke).alias("production").build(),
                    s.registry, s.log);
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.previousVersion()).isNull();
            assertThat(v1.endpoint()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(v1.smoke()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"1\"");

            // v2 while the endpoint is under steady load
            DeploymentResult v2;
            LoadReport upgrade;
            try (SteadyLoad load = SteadyLoad.start(port)) {
                Thread.sleep(500);
                v2 = deployer.deploy(s.spec(MODEL, "2", port).smokeTests(smoke).alias("production").build(),
                        s.registry, s.log);
                Thread.sleep(500);
                upgrade = load.stop();
            }
            assertThat(upgrade.failures()).as("requests failed during the upgrade").isEmpty();
            assertThat(upgrade.summary().total()).isGreaterThan(50);
            assertThat(v2.previousVersion()).isEqualTo(1);
            assertThat(v2.keptUntil()).isNotNull();
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"2\"");

            // v3 never becomes healthy, v4 fails its smoke test: both refused, v2 keeps answering throughout
            LoadReport broken;
            try (SteadyLoad load = SteadyLoad.start(port)) {
                assertThatThrownBy(() -> deployer.deploy(s.spec(MODEL, "3", port).smokeTests(smoke)
                        .healthTimeout(java.time.Duration.ofSeconds(2)).alias("production").build(), s.registry, s.log))
                        .isInstanceOfSatisfying(DeploymentException.class, e -> {
                            assertThat(e.getFailure()).isEqualTo(DeploymentFailure.VERIFICATION_FAILED);
                            assertThat(e.getAttempt().version()).isEqualTo(3);
                        })
                        .hasMessageContaining("did not become healthy")
                        .hasMessageContaining("/health did not answer 200 within 2 s (last: status 503)")
                        .hasMessageContaining("v2 keeps serving")
                        .hasMessageContaining("test server v3 on 127.0.0.1");
                assertThatThrownBy(() -> deployer.deploy(s.spec(MODEL, "4", port).smokeTests(smoke).alias("production")
                        .build(), s.registry, s.log))
                        .isInstanceOfSatisfying(DeploymentException.class,
                                e -> assertThat(e.getFailure()).isEqualTo(DeploymentFailure.VERIFICATION_FAILED))
                        .hasMessageContaining("failed its smoke test POST /predict: status 500 instead of 200")
                        .hasMessageContaining("v2 keeps serving");
                broken = load.stop();
            }
            assertThat(broken.failures()).as("requests failed while v3 and v4 were refused").isEmpty();
            assertThat(s.versionsOnHost()).containsOnly("1", "2");
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"2\"");
            assertThat(s.registry.aliases(MODEL)).containsEntry("production", 2);

            // roll back: v1 was kept, so the switch is instant
            DeploymentResult back;
            LoadReport rollback;
            try (SteadyLoad load = SteadyLoad.start(port)) {
                Thread.sleep(500);
                back = deployer.deploy(s.spec(MODEL, "previous", port).image(null).smokeTests(smoke).build(),
                        s.registry, s.log);
                Thread.sleep(500);
                rollback = load.stop();
            }
            assertThat(rollback.failures()).as("requests failed during the rollback").isEmpty();
            assertThat(back.rollback()).isTrue();
            assertThat(back.instant()).isTrue();
            assertThat(back.version()).isEqualTo(1);
            assertThat(back.previousVersion()).isEqualTo(2);
            assertThat(back.replicas()).as("no container started: the kept v1 took the traffic back")
                    .isEqualTo(v1.replicas());
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"1\"");
            List<AliasEvent> production = s.registry.aliasHistory(MODEL, "production");
            assertThat(production).extracting(AliasEvent::getToVersion).containsExactly(1, 2, 1);
            assertThat(production.get(2).getAction()).isEqualTo(AliasEvent.Action.ROLLBACK);
            assertThat(production.get(2).getActor()).isEqualTo("test #1");

            // the model's history says what served where, who put it there, and what failed
            List<DeploymentEvent> history = s.registry.deployments(MODEL, s.service);
            assertThat(history).extracting(DeploymentEvent::getVersion).containsExactly(1, 2, 3, 4, 1);
            assertThat(history).extracting(DeploymentEvent::getOutcome).containsExactly(
                    DeploymentEvent.Outcome.SUCCEEDED, DeploymentEvent.Outcome.SUCCEEDED, DeploymentEvent.Outcome.FAILED,
                    DeploymentEvent.Outcome.FAILED, DeploymentEvent.Outcome.SUCCEEDED);
            assertThat(history.get(4).getAction()).isEqualTo(DeploymentEvent.Action.ROLLBACK);
            assertThat(history.get(1).getEndpoint()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(history.get(1).getActor()).isEqualTo("test #1");
            assertThat(history.get(1).getFigures()).containsKeys("total_ms", "switch_ms", "health_ms", "smoke.0.latency_ms");
            assertThat(history.get(2).getReason()).contains("did not become healthy");

            ServiceStatus status = deployer.status(s.service).get(0);
            assertThat(status.version()).isEqualTo(1);
            assertThat(status.previousVersion()).isEqualTo(2);
            assertThat(status.serving()).isTrue();

            Deployer.Undeployed gone = deployer.undeploy(s.service, s.registry, "test #1", java.time.Duration.ofSeconds(30),
                    Map.of(DeployTestEngine.TEST_LABEL, s.label), s.log);
            assertThat(gone.version()).isEqualTo(1);
            s.assertNothingLeft();
            assertThat(s.registry.deployments(MODEL, s.service)).last()
                    .satisfies(d -> assertThat(d.getAction()).isEqualTo(DeploymentEvent.Action.UNDEPLOY));
        }
    }
}
