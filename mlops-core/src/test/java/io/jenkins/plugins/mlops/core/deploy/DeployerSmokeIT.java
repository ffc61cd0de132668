package io.jenkins.plugins.mlops.core.deploy;

import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerSmokeIT {

    @TempDir
    Path tmp;

    @Test
    void deploysAndServes() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            s.register("m", "{}", true);
            int port = DeployTestEngine.freePort();
            DeploymentResult r = new Deployer(docker()).deploy(s.spec("m", "1", port).build(), s.registry, s.log);
            System.out.println(r);
            assertThat(DeployTestEngine.post(port, "/predict", "{}").body()).contains("\"version\": \"1\"");
        }
    }
}
