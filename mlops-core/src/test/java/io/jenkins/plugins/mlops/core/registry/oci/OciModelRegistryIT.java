package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryContract;
import io.jenkins.plugins.mlops.core.registry.RegistryCredentials;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.SteppingClock;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared registry behaviour plus OCI specifics, against a real distribution registry on loopback. */
class OciModelRegistryIT extends RegistryContract {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = new DistributionRegistry();

    @Override
    protected ModelRegistry open(SteppingClock clock) {
        // a fresh prefix per test: an empty registry as far as the test can tell
        String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new OciModelRegistry(OciLocation.parse(REGISTRY.location(prefix)), REGISTRY.credentials(), clock);
    }

    @Test
    void storesAModelPackArtifactThatPlainOciClientsCanRead() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 2, 5000, 21);
        ModelRegistry r = ModelRegistries.open(REGISTRY.location("artifacts"), REGISTRY.env());
        ModelVersion v = r.register(request("layout", model, true).alias("production").build());

        HttpClient client = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((DistributionRegistry.USER + ":" + REGISTRY.password()).getBytes());
        String base = "http://127.0.0.1:" + REGISTRY.port() + "/v2/artifacts/layout/";
        HttpResponse<String> manifest = client.send(HttpRequest.newBuilder(URI.create(base + "manifests/v1"))
                .header("Authorization", auth).header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(v.getDigest());
        assertThat(manifest.body())
                .contains("\"artifactType\":\"application/vnd.cncf.model.manifest.v1+json\"")
                .contains("\"mediaType\":\"application/vnd.cncf.model.config.v1+json\"")
                .contains("\"mediaType\":\"application/vnd.cncf.model.weight.v1.raw\"")
                .contains("\"org.cncf.model.filepath\":\"sub/weights-0.bin\"")
                .contains("\"org.opencontainers.image.revision\":\"0123456789abcdef0123456789abcdef01234567\"");
        HttpResponse<String> tags = client.send(HttpRequest.newBuilder(URI.create(base + "tags/list"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tags.body()).contains("\"v1\"", "\"production\"", "\"mlops.aliases\"");
        HttpResponse<String> alias = client.send(HttpRequest.newBuilder(URI.create(base + "manifests/production"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", auth).header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(alias.headers().firstValue("Docker-Content-Digest")).as("the alias tag mirrors the history")
                .contains(v.getDigest());
    }

    @Test
    void aWrongPasswordGivesAClearErrorThatDoesNotEchoIt() throws Exception {
        String wrong = "not-the-password-" + UUID.randomUUID();
        ModelRegistry r = ModelRegistries.open(REGISTRY.location("auth"), Map.of(
                RegistryCredentials.USERNAME_ENV, DistributionRegistry.USER, RegistryCredentials.PASSWORD_ENV, wrong));
        assertThatThrownBy(() -> r.versions("anything"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.AUTH))
                .hasMessageContaining("refused the credentials of user '" + DistributionRegistry.USER + "'")
                .hasMessageContaining("127.0.0.1:" + REGISTRY.port())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong))
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(wrong));

        ModelRegistry anonymous = ModelRegistries.open(REGISTRY.location("auth"), Map.of());
        assertThatThrownBy(() -> anonymous.versions("anything"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.AUTH))
                .hasMessageContaining("requires credentials").hasMessageContaining("MLOPS_REGISTRY_USERNAME");
    }

    @Test
    void aRegistryThatIsDownIsNamedInTheError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ModelRegistry r = ModelRegistries.open("oci://127.0.0.1:" + port + "/models", REGISTRY.env());
        assertThatThrownBy(() -> r.resolve("anything", "production"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.UNAVAILABLE))
                .hasMessageContaining("Cannot reach the model registry at http://127.0.0.1:" + port)
                .hasMessageContaining("connection refused");
    }

    @Test
    void aDamagedBlobInTheRegistryFailsThePullWithBothDigests() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 2, 50_000, 22);
        ModelRegistry r = ModelRegistries.open(REGISTRY.location("damage"), REGISTRY.env());
        ModelVersion v = r.register(request("victim", model, true).build());
        ModelFile f = v.getFiles().get(0);
        Path stored = REGISTRY.blobFile(f.getDigest());
        byte[] bytes = Files.readAllBytes(stored);
        bytes[7] ^= 0x10;
        Files.write(stored, bytes);

        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> r.pull("victim", "v1", out))
                .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
                    assertThat(e.getExpected()).isEqualTo(f.getDigest());
                    assertThat(e.getActual()).isEqualTo(io.jenkins.plugins.mlops.core.registry.Digests.sha256(bytes));
                    assertThat(e.getFile()).contains("/v2/damage/victim/blobs/" + f.getDigest());
                })
                .hasMessageContaining(f.getPath());
        try (var s = Files.walk(out)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void reuploadsNothingTheRegistryAlreadyHas() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 300_000, 23);
        ModelRegistry r = ModelRegistries.open(REGISTRY.location("dedupe"), REGISTRY.env());
        ModelVersion v1 = r.register(request("same", model, true).build());
        Path stored = REGISTRY.blobFile(v1.getFiles().get(0).getDigest());
        long before = Files.getLastModifiedTime(stored).toMillis();
        Thread.sleep(20);
        ModelVersion v2 = r.register(request("same", model, true).build());
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(Files.getLastModifiedTime(stored).toMillis()).isEqualTo(before);
        String hex = io.jenkins.plugins.mlops.core.registry.Digests.hex(v1.getFiles().get(0).getDigest());
        assertThat(REGISTRY.accessLog()).as("uploads of the file (the registry would keep its stored copy anyway)")
                .filteredOn(l -> l.contains("\"PUT /v2/dedupe/same/blobs/uploads/") && l.contains(hex)).hasSize(1);
    }
}
