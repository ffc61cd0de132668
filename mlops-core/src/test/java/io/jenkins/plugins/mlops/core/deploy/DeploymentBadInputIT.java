package io.jenkins.plugins.mlops.core.deploy;

import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input fails before anything starts on the Docker host, with an error naming the argument: an unknown
 * version or alias, a missing image, a port in use (by another program or by another service), a malformed smoke
 * test, a service name that cannot name a container.
 */
class DeploymentBadInputIT {

    @TempDir
    Path tmp;

    @Test
    void eachBadInputFailsBeforeAnythingStartsNamingTheArgument() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("inputs", "{}", true);
            Deployer deployer = new Deployer(docker());
            int port = DeployTestEngine.freePort();

            assertArgument(() -> deployer.deploy(s.spec("inputs", "7", port).build(), s.registry, s.log),
                    "version", "has no version 7");
            assertArgument(() -> deployer.deploy(s.spec("inputs", "staging", port).build(), s.registry, s.log),
                    "version", "has no alias 'staging'");
            assertArgument(() -> deployer.deploy(s.spec("inputs", "1", port).image("mlops-no-such-image:1").build(),
                    s.registry, s.log), "image", "'mlops-no-such-image:1' does not exist on the Docker host");
            assertArgument(() -> deployer.deploy(s.spec("inputs", "1", port).image(null).dockerfile("nope/Dockerfile")
                    .build(), s.registry, s.log), "dockerfile", "does not exist");
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                assertArgument(() -> deployer.deploy(s.spec("inputs", "1", taken.getLocalPort()).build(), s.registry,
                        s.log), "port", "127.0.0.1:" + taken.getLocalPort() + " is already in use by another program");
            }
            assertArgument(() -> s.spec("inputs", "1", port).smokeTests(SmokeTest.parseAll("smokeTests",
                    List.of(Map.of("path", "/predict"), Map.of("body", "{}")))).build(), "smokeTests[1].path",
                    "give the path to request");
            assertArgument(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p", "expect_status", 200))),
                    "smokeTests[0]", "unknown key 'expect_status'");
            assertArgument(() -> SmokeTest.parseAll("smokeTests", List.of("/predict")), "smokeTests[0]",
                    "must be a map");
            assertArgument(() -> s.spec("inputs", "1", port).service("bad name!").build(), "service",
                    "'bad name!' is not a valid service name");
            assertArgument(() -> s.spec("inputs", "previous", port).build().getClass(), null, null);
            assertThat(s.containers()).as("nothing was created by the refused deployments").isEmpty();
            assertThat(s.registry.deployments("inputs", null)).as("nothing was deployed").isEmpty();

            // a port that is another service's endpoint
            deployer.deploy(s.spec("inputs", "1", port).build(), s.registry, s.log);
            int before = s.containers().size();
            assertArgument(() -> deployer.deploy(s.spec("inputs", "1", port).service(s.service + "-other").build(),
                    s.registry, s.log), "port", "is the endpoint of service '" + s.service + "'");
            assertThat(s.containers()).hasSize(before);
        }
    }

    private static void assertArgument(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String argument,
            String message) {
        if (argument == null) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(call)).isNull();
            return;
        }
        assertThatThrownBy(call).isInstanceOfSatisfying(MlopsArgumentException.class,
                e -> assertThat(e.getArgument()).isEqualTo(argument)).hasMessageContaining(message);
    }
}
