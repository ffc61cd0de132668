package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour both backends must share, run against each of them by a subclass that says how to open a fresh
 * registry. Everything here goes through the public {@link ModelRegistry} API only.
 */
public abstract class RegistryContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    protected Path tmp;

    /** A new, empty registry whose clock is {@code clock}. */
    protected abstract ModelRegistry open(SteppingClock clock) throws Exception;

    protected RegistrationRequest.Builder request(String name, Path model, Boolean passed) {
        return RegistrationRequest.builder().name(name).modelPath(model.toString())
                .metrics(Map.of("rmse", 0.91, "eval.mae", 0.7))
                .params(Map.of("epochs", 3, "lr", 0.01, "optimizer", "adam"))
                .gate(GateRecord.of(passed, passed == null ? null : "{\"results\":[{\"metric\":\"rmse\",\"ok\":true}]}"))
                .lineage(Lineage.builder().job("team/movies/main").buildNumber(42).buildUrl("http://ci/job/movies/42/")
                        .gitCommit("0123456789abcdef0123456789abcdef01234567").gitUrl("https://git.example/movies.git")
                        .trainingImageId("sha256:" + "ab".repeat(32)).dataDigest("sha256:" + "cd".repeat(32))
                        .actor("team/movies/main #42").build());
    }

    @Test
    void registersNumberedImmutableVersionsWithEverythingKnownAboutThem() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 3, 10_000, 1);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            ModelVersion v1 = r.register(request("movie_predictor", model, true).build());
            ModelVersion v2 = r.register(request("movie_predictor", model, true).build());

            assertThat(v1.getVersion()).isEqualTo(1);
            assertThat(v2.getVersion()).isEqualTo(2);
            assertThat(v1.getDigest()).matches("sha256:[0-9a-f]{64}").isNotEqualTo(v2.getDigest());
            assertThat(v1.getFiles()).extracting(ModelFile::getPath)
                    .containsExactly("part-1.bin", "part-2.bin", "sub/weights-0.bin");
            for (ModelFile f : v1.getFiles()) {
                byte[] content = Files.readAllBytes(model.resolve(f.getPath()));
                assertThat(f.getDigest()).isEqualTo(Digests.sha256(content));
                assertThat(f.getSize()).isEqualTo(content.length);
            }

            ModelVersion read = r.get("movie_predictor", 1);
            assertThat(read.getDigest()).isEqualTo(v1.getDigest());
            assertThat(read.getFiles()).isEqualTo(v1.getFiles());
            assertThat(read.getMetrics()).containsEntry("rmse", 0.91).containsEntry("eval.mae", 0.7);
            assertThat(read.getParams()).containsEntry("epochs", 3).containsEntry("lr", 0.01).containsEntry("optimizer", "adam");
            assertThat(read.getGate().getPassed()).isTrue();
            assertThat(read.getGate().getSummaryJson()).contains("\"metric\":\"rmse\"");
            assertThat(read.getLineage().getJob()).isEqualTo("team/movies/main");
            assertThat(read.getLineage().getBuildNumber()).isEqualTo(42);
            assertThat(read.getLineage().getBuildUrl()).isEqualTo("http://ci/job/movies/42/");
            assertThat(read.getLineage().getGitCommit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
            assertThat(read.getLineage().getGitUrl()).isEqualTo("https://git.example/movies.git");
            assertThat(read.getLineage().getTrainingImageId()).isEqualTo("sha256:" + "ab".repeat(32));
            assertThat(read.getLineage().getDataDigest()).isEqualTo("sha256:" + "cd".repeat(32));
            assertThat(read.getCreatedAt()).isEqualTo(v1.getCreatedAt());

            assertThat(r.versions("movie_predictor")).extracting(ModelVersion::getVersion).containsExactly(1, 2);
            assertThat(r.latestVersion("movie_predictor")).contains(2);
            assertThat(r.list()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo("movie_predictor");
                assertThat(s.getVersionCount()).isEqualTo(2);
                assertThat(s.getLatestVersion()).isEqualTo(2);
            });
            assertThat(r.versions("never_registered")).isEmpty();
        }
    }

    @Test
    void createdAtFollowsVersionOrderWhenRegistrationsOverlap() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 1000, 8);
        CountDownLatch firstHoldsItsTime = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        SteppingClock clock = new SteppingClock(T0).holdFirstReading(firstHoldsItsTime, secondDone);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ModelRegistry r = open(clock)) {
            // The first registration reads the clock, then stalls; the second runs meanwhile. Were the time taken
            // outside the section that assigns the number, the second would get v1 with a later time than v2.
            Future<ModelVersion> first = pool.submit(() -> r.register(request("ordered", model, true).build()));
            assertThat(firstHoldsItsTime.await(60, TimeUnit.SECONDS)).isTrue();
            Future<ModelVersion> second = pool.submit(() -> {
                try {
                    return r.register(request("ordered", model, true).build());
                } finally {
                    secondDone.countDown();
                }
            });
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);

            List<ModelVersion> versions = r.versions("ordered");
            assertThat(versions).extracting(ModelVersion::getVersion).containsExactly(1, 2);
            assertThat(versions.get(0).getCreatedAt()).as("v1 was created before v2")
                    .isBefore(versions.get(1).getCreatedAt());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsNonFiniteMetricsAndANotValidatedGate() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 100, 2);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            r.register(RegistrationRequest.builder().name("nan_model").modelPath(model.toString())
                    .metrics(Map.of("loss", Double.NaN, "ratio", Double.POSITIVE_INFINITY)).build());
            ModelVersion v = r.get("nan_model", 1);
            assertThat(v.getMetrics().get("loss")).isNaN();
            assertThat(v.getMetrics().get("ratio")).isInfinite();
            assertThat(v.getGate().getPassed()).isNull();
            assertThat(v.getGate().describe()).isEqualTo("not validated");
        }
    }

    @Test
    void rejectsBadNamesNamingTheArgument() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 10, 3);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            assertThatThrownBy(() -> r.register(request("Movie Predictor", model, true).build()))
                    .isInstanceOf(MlopsArgumentException.class)
                    .hasMessageContaining("'name'").hasMessageContaining("Movie Predictor");
            assertThatThrownBy(() -> r.register(request("ok", model, true).alias("v2").build()))
                    .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'aliases'");
            assertThatThrownBy(() -> r.register(request("ok", tmp.resolve("missing"), true).build()))
                    .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'model'");
            assertThatThrownBy(() -> r.resolve("ok", "v0"))
                    .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'version'");
        }
    }

    @Test
    void aliasesMoveWithHistoryPointInTimeAndRollback() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 2, 1000, 4);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            r.register(request("churn", model, true).alias("candidate").build());
            r.register(request("churn", model, true).build());
            r.register(request("churn", model, true).build());

            AliasEvent first = r.setAlias("churn", "production", 1, false, "alice");
            AliasEvent second = r.setAlias("churn", "production", 2, false, "team/churn/main #7");
            AliasEvent third = r.setAlias("churn", "production", 3, false, "bob");
            assertThat(first.getFromVersion()).isNull();
            assertThat(second.getFromVersion()).isEqualTo(1);
            assertThat(third.getToVersion()).isEqualTo(3);
            AliasEvent same = r.setAlias("churn", "production", 3, false, "bob");
            assertThat(same.isMove()).isFalse();

            assertThat(r.aliases("churn")).containsEntry("production", 3).containsEntry("candidate", 1);
            List<AliasEvent> history = r.aliasHistory("churn", "production");
            assertThat(history).extracting(AliasEvent::getToVersion).containsExactly(1, 2, 3);
            assertThat(history).extracting(AliasEvent::getActor).containsExactly("alice", "team/churn/main #7", "bob");
            assertThat(r.aliasHistory("churn", null)).hasSize(4);

            // What was in production at each moment
            assertThat(r.aliasAt("churn", "production", first.getAt().minusSeconds(1))).isEmpty();
            assertThat(r.aliasAt("churn", "production", first.getAt())).contains(1);
            assertThat(r.aliasAt("churn", "production", second.getAt().plusSeconds(1))).contains(2);
            assertThat(r.aliasAt("churn", "production", third.getAt().plusSeconds(3600))).contains(3);

            AliasEvent back = r.rollback("churn", "production", "carol");
            assertThat(back.getAction()).isEqualTo(AliasEvent.Action.ROLLBACK);
            assertThat(back.getFromVersion()).isEqualTo(3);
            assertThat(back.getToVersion()).isEqualTo(2);
            assertThat(r.resolve("churn", "production").getVersion()).isEqualTo(2);
            assertThat(r.rollback("churn", "production", "carol").getToVersion()).isEqualTo(1);
            assertThatThrownBy(() -> r.rollback("churn", "production", "carol"))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.REFUSED))
                    .hasMessageContaining("no earlier version");
            assertThat(r.aliasHistory("churn", "production")).hasSize(5);
        }
    }

    @Test
    void onlyAPassedGateGetsAnAliasWithoutForce() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 500, 5);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            assertThatThrownBy(() -> r.register(request("gated", model, false).alias("production").build()))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.REFUSED))
                    .hasMessageContaining("did not pass").hasMessageContaining("force");
            assertThat(r.versions("gated")).isEmpty();
            assertThatThrownBy(() -> r.register(request("gated", model, null).alias("candidate").build()))
                    .hasMessageContaining("never validated");

            ModelVersion failed = r.register(request("gated", model, false).build());
            assertThatThrownBy(() -> r.setAlias("gated", "production", failed.getVersion(), false, "alice"))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.REFUSED));
            AliasEvent forced = r.setAlias("gated", "production", failed.getVersion(), true, "alice");
            assertThat(forced.isForced()).isTrue();

            ModelVersion forcedAtRegistration = r.register(request("gated", model, null).alias("candidate").force(true).build());
            assertThat(r.aliasHistory("gated", "candidate")).singleElement().satisfies(e -> {
                assertThat(e.isForced()).isTrue();
                assertThat(e.getToVersion()).isEqualTo(forcedAtRegistration.getVersion());
                assertThat(e.getActor()).isEqualTo("team/movies/main #42");
            });
            ModelVersion good = r.register(request("gated", model, true).alias("candidate").force(true).build());
            assertThat(r.aliasHistory("gated", "candidate").get(1).isForced())
                    .as("force is only recorded when it overrode the gate").isFalse();
            assertThat(r.aliases("gated")).containsEntry("candidate", good.getVersion());
        }
    }

    @Test
    void resolvesAliasesNumbersAndLatest() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 50, 6);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            r.register(request("res", model, true).alias("production").build());
            r.register(request("res", model, true).build());
            assertThat(r.resolve("res", "production").getVersion()).isEqualTo(1);
            assertThat(r.resolve("res", "2").getVersion()).isEqualTo(2);
            assertThat(r.resolve("res", "v1").getVersion()).isEqualTo(1);
            assertThat(r.resolve("res", "latest").getVersion()).isEqualTo(2);
            assertThat(r.resolve("res", "production").getMetrics()).containsEntry("rmse", 0.91);
            assertThatThrownBy(() -> r.resolve("res", "staging"))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.NOT_FOUND))
                    .hasMessageContaining("no alias 'staging'");
            assertThatThrownBy(() -> r.resolve("res", "7"))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.NOT_FOUND))
                    .hasMessageContaining("no version 7");
            assertThatThrownBy(() -> r.resolve("nothing_here", "latest"))
                    .isInstanceOf(RegistryException.class).hasMessageContaining("nothing_here");
        }
    }

    @Test
    void pullsVerifiedFilesIntoAnEmptyDirectoryOnly() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 3, Digests.CHUNK + 100_000, 7);
        try (ModelRegistry r = open(new SteppingClock(T0))) {
            r.register(request("pullme", model, true).alias("production").build());
            Path out = tmp.resolve("out/production");
            ModelVersion v = r.pull("pullme", "production", out);
            assertThat(v.getVersion()).isEqualTo(1);
            for (ModelFile f : v.getFiles()) {
                assertThat(out.resolve(f.getPath())).hasSameBinaryContentAs(model.resolve(f.getPath()));
            }
            try (var s = Files.walk(out)) {
                assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(3);
            }
            assertThatThrownBy(() -> r.pull("pullme", "1", out))
                    .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'to'").hasMessageContaining("not empty");
            assertThat(r.verify("pullme", 1).getVersion()).isEqualTo(1);
        }
    }
}
