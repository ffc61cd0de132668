package io.jenkins.plugins.mlops.core.deploy;

import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.docker;
import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The previous version stays ready for a rollback for {@code keepPrevious}, then goes: against the real engine and
 * HAProxy, v1 is replaced by v2 with a two-second window; before it closes, removing what expired removes nothing;
 * after it, v1's replica is gone from the host and from the proxy while v2 keeps answering, and a rollback then
 * deploys v1 again instead of switching back to a replica that is gone.
 */
class KeptVersionExpiryIT {

    private static final String MODEL = "expiry_model";

    @TempDir
    Path tmp;

    @Test
    void thePreviousVersionIsRemovedOnceItsTimeIsOverAndWhatServesStays() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register(MODEL, "{}", true);
            s.register(MODEL, "{}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());
            Duration keep = Duration.ofSeconds(2);
            deployer.deploy(s.spec(MODEL, "1", port).keepPrevious(keep).build(), s.registry, s.log);
            DeploymentResult v2 = deployer.deploy(s.spec(MODEL, "2", port).keepPrevious(keep).build(), s.registry,
                    s.log);
            assertThat(v2.keptUntil()).isNotNull();
            assertThat(s.versionsOnHost()).containsExactlyInAnyOrder("1", "2");

            assertThat(deployer.removeExpired(s.service, "test #2", Duration.ofSeconds(10), Map.of(), s.log))
                    .as("v1 is still within its window").isZero();
            assertThat(s.versionsOnHost()).containsExactlyInAnyOrder("1", "2");

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), v2.keptUntil()).toMillis()) + 300);
            assertThat(deployer.removeExpired(s.service, "test #2", Duration.ofSeconds(10), Map.of(), s.log))
                    .as("v1's one replica").isEqualTo(1);
            assertThat(s.versionsOnHost()).containsExactly("2");
            ServiceState state = ServiceState.read(docker(), s.service);
            assertThat(ProxyContainer.of(docker(), state.proxy().getId()).runtime().serversByName().keySet())
                    .as("the proxy no longer checks v1's replica").containsExactlyInAnyOrderElementsOf(v2.replicas());
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"2\"");
            assertThat(s.log.infos()).contains("Removing v1 of " + s.service + " (1 replica(s)): it no longer serves"
                    + " and its time for a rollback is over");
            assertThat(deployer.removeExpired(s.service, "test #2", Duration.ofSeconds(10), Map.of(), s.log))
                    .as("nothing left to remove").isZero();

            DeploymentResult back = deployer.deploy(s.spec(MODEL, "previous", port).build(), s.registry, s.log);
            assertThat(back.version()).isEqualTo(1);
            assertThat(back.instant()).as("v1 was removed, so it is deployed again").isFalse();
            assertThat(post(port, "/predict", "{}").body()).contains("\"version\": \"1\"");
        }
    }
}
