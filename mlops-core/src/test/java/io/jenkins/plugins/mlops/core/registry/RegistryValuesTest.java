package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names, references, alias history arithmetic and request validation, without any store. */
class RegistryValuesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void modelNamesFollowOciRepositoryRules() {
        for (String ok : List.of("movie_predictor", "m", "churn-v2", "a.b", "x__y", "model2026")) {
            assertThat(ModelNames.requireModelName("name", ok)).isEqualTo(ok);
        }
        for (String bad : List.of("Movie", "movie predictor", "_lead", "trail-", "a..b", "a/b", "", "x".repeat(129))) {
            assertThatThrownBy(() -> ModelNames.requireModelName("name", bad))
                    .isInstanceOf(MlopsArgumentException.class)
                    .satisfies(e -> assertThat(((MlopsArgumentException) e).getArgument()).isEqualTo("name"));
        }
    }

    @Test
    void referencesAreVersionsLatestOrAliases() {
        assertThat(ModelNames.parseReference("version", "3").getVersion()).isEqualTo(3);
        assertThat(ModelNames.parseReference("version", "v12").getVersion()).isEqualTo(12);
        assertThat(ModelNames.parseReference("version", "latest").getKind()).isEqualTo(ModelReference.Kind.LATEST);
        assertThat(ModelNames.parseReference("version", "production").getAlias()).isEqualTo("production");
        assertThatThrownBy(() -> ModelNames.parseReference("compareTo", "Prod!"))
                .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'compareTo'");
        assertThatThrownBy(() -> ModelNames.requireAlias("alias", "latest")).hasMessageContaining("already mean versions");
        assertThatThrownBy(() -> ModelNames.requireAlias("alias", "v3")).hasMessageContaining("already mean versions");
    }

    @Test
    void rollbackWalksBackThroughEarlierVersionsLikeAStack() {
        AliasHistory h = AliasHistory.empty()
                .plus(set("production", null, 1, 0))
                .plus(set("production", 1, 2, 1))
                .plus(set("candidate", null, 3, 2))
                .plus(set("production", 2, 3, 3));
        assertThat(h.rollbackTarget("production")).isEqualTo(2);
        h = h.plus(new AliasEvent("production", 3, 2, "a", T.plusSeconds(4), false, AliasEvent.Action.ROLLBACK));
        assertThat(h.current("production")).isEqualTo(2);
        assertThat(h.rollbackTarget("production")).isEqualTo(1);
        h = h.plus(set("production", 2, 4, 5));
        assertThat(h.rollbackTarget("production")).as("a new move after a rollback goes on top").isEqualTo(2);
        assertThat(h.rollbackTarget("candidate")).isNull();
        assertThat(h.at("production", T.plusSeconds(3))).isEqualTo(3);
        assertThat(h.at("production", T.minusSeconds(1))).isNull();
        assertThat(h.current()).containsExactly(Map.entry("candidate", 3), Map.entry("production", 4));
    }

    @Test
    void historySurvivesItsJsonForm() throws Exception {
        AliasHistory h = AliasHistory.empty().plus(set("production", null, 1, 0))
                .plus(new AliasEvent("production", 1, 2, "job #4", T.plusSeconds(9), true, AliasEvent.Action.SET));
        AliasHistory back = RegistryJson.readHistory(RegistryJson.historyBytes(h), "test");
        assertThat(back.events()).hasSize(2);
        assertThat(back.events().get(1).isForced()).isTrue();
        assertThat(back.events().get(1).getActor()).isEqualTo("job #4");
        assertThat(back.events().get(0).getFromVersion()).isNull();
    }

    @Test
    void requestsCheckTheirArgumentsAndKeepSummariesAsJson() {
        assertThatThrownBy(() -> RegistrationRequest.builder().name("m").build())
                .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'model'");
        assertThatThrownBy(() -> RegistrationRequest.builder().name("m").modelPath("x")
                .params(Map.of("when", new Object())).build())
                .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'params'").hasMessageContaining("when");
        GateRecord g = GateRecord.withSummary(false, Map.of("results", List.of(Map.of("metric", "rmse", "passed", false))));
        assertThat(g.getSummaryJson()).startsWith("{\"results\":[{").contains("\"metric\":\"rmse\"").contains("\"passed\":false");
        assertThat(g.describe()).isEqualTo("failed");
        assertThat(new RegistryCredentials("u", "secret-pw").toString()).doesNotContain("secret-pw");
        assertThatThrownBy(() -> RegistryCredentials.fromEnvironment(Map.of(RegistryCredentials.PASSWORD_ENV, "p")))
                .hasMessageContaining(RegistryCredentials.USERNAME_ENV);
    }

    private static AliasEvent set(String alias, Integer from, int to, int minute) {
        return new AliasEvent(alias, from, to, "someone", T.plusSeconds(minute), false, AliasEvent.Action.SET);
    }
}
