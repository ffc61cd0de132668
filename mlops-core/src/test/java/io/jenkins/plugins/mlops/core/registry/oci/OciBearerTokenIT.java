package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryCredentials;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer token flow (Docker Hub, GHCR, Harbor style) against distribution in token-auth mode. */
class OciBearerTokenIT {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = DistributionRegistry.withTokenAuth();

    @TempDir
    Path tmp;

    @Test
    void registersListsAndPullsWithTokensFromTheChallengedRealm() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 2, 30_000, 51);
        ModelRegistry r = ModelRegistries.open(REGISTRY.location("bearer"), REGISTRY.env());
        ModelVersion v = r.register(RegistrationRequest.builder().name("tokened").modelPath(model.toString())
                .gate(GateRecord.of(true, null)).alias("production").build());
        assertThat(v.getVersion()).isEqualTo(1);
        assertThat(r.resolve("tokened", "production").getDigest()).isEqualTo(v.getDigest());
        assertThat(r.list()).extracting(s -> s.getName()).contains("tokened");
        r.pull("tokened", "production", tmp.resolve("out"));
        assertThat(tmp.resolve("out/sub/weights-0.bin")).hasSameBinaryContentAs(model.resolve("sub/weights-0.bin"));
        assertThat(REGISTRY.tokenServer().issued()).as("tokens really came from the token service").isPositive();
    }

    @Test
    void streamsLargeFilesWithTheSameTokens() throws Exception {
        Path model = TestModels.write(tmp.resolve("large"), 1, 5 * 1024 * 1024, 52);
        OciModelRegistry r = new OciModelRegistry(OciLocation.parse(REGISTRY.location("bearer")), REGISTRY.credentials(),
                Clock.systemUTC(), new OciBlobUploads.Tuning(1024 * 1024, 2 * 1024 * 1024, Duration.ofSeconds(5)));
        r.register(RegistrationRequest.builder().name("streamed").modelPath(model.toString())
                .gate(GateRecord.of(true, null)).build());
        assertThat(REGISTRY.accessLog()).as("three PATCHes, accepted")
                .filteredOn(l -> l.contains("\"PATCH /v2/bearer/streamed/blobs/uploads/") && l.contains("HTTP/1.1\" 202 "))
                .hasSize(3);
        r.pull("streamed", "1", tmp.resolve("out"));
        assertThat(tmp.resolve("out/sub/weights-0.bin")).hasSameBinaryContentAs(model.resolve("sub/weights-0.bin"));
    }

    @Test
    void aTokenServiceThatRefusesTheCredentialsIsReportedWithoutThePassword() throws Exception {
        String wrong = "wrong-" + System.nanoTime();
        ModelRegistry r = ModelRegistries.open(REGISTRY.location("bearer"), Map.of(
                RegistryCredentials.USERNAME_ENV, DistributionRegistry.USER, RegistryCredentials.PASSWORD_ENV, wrong));
        int refusedBefore = REGISTRY.tokenServer().refused();
        assertThatThrownBy(() -> r.versions("tokened"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.AUTH))
                .hasMessageContaining("token service").hasMessageContaining("user '" + DistributionRegistry.USER + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(REGISTRY.tokenServer().refused()).isGreaterThan(refusedBefore);
    }
}
