package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void metricsAreRoundedForPeopleAndCountsHaveNoDecimals() {
        assertThat(Display.number(0.8079467341783971)).isEqualTo("0.8079");
        assertThat(Display.number(6043.0)).isEqualTo("6,043");
        assertThat(Display.number(12.3456)).isEqualTo("12.35");
        assertThat(Display.number(1234.5678)).isEqualTo("1,234.6");
        assertThat(Display.number(0.5)).isEqualTo("0.5");
        assertThat(Display.number(-0.0047)).isEqualTo("\u22120.0047");
        assertThat(Display.number(3.2e-5)).isEqualTo("3.2e-5");
        assertThat(Display.number(0.0)).isEqualTo("0");
        assertThat(Display.number(Double.NaN)).isEqualTo("NaN");
        assertThat(Display.number((Double) null)).isEqualTo("-");
    }

    @Test
    void theExactValueIsKeptForTheTooltip() {
        assertThat(Display.exact(0.8079467341783971)).isEqualTo("0.8079467341783971");
        assertThat(Display.exact(6043.0)).isEqualTo("6043");
    }

    @Test
    void differencesAlwaysCarryASignAndAPercentage() {
        assertThat(Display.signed(0.0123)).isEqualTo("+0.0123");
        assertThat(Display.signed(-0.0123)).isEqualTo("\u22120.0123");
        assertThat(Display.percentChange(0.8079, 0.8126)).isEqualTo("\u22120.6%");
        assertThat(Display.percentChange(1.0528, 0.8079)).isEqualTo("+30%");
        assertThat(Display.percentChange(1.0, 0.0)).isNull();
    }

    @Test
    void durationsSizesAndTimesRead() {
        assertThat(Display.duration(Duration.ofMillis(83_412))).isEqualTo("1 min 23 s");
        assertThat(Display.duration(Duration.ofMillis(4_210))).isEqualTo("4.2 s");
        assertThat(Display.duration(Duration.ofMinutes(135))).isEqualTo("2 h 15 min");
        assertThat(Display.size(1_482_113)).isEqualTo("1.4 MiB");
        assertThat(Display.size(512)).isEqualTo("512 B");
        assertThat(Display.when(Instant.parse("2026-11-20T09:04:31Z"))).isEqualTo("2026-11-20 09:04 UTC");
        assertThat(Display.shortDigest("sha256:5be2c1d0e9f8a7b6c5d4")).isEqualTo("sha256:5be2c1d0e9f8");
    }

    @Test
    void directionComesFromTheRulesThenFromTheName() {
        var fromRules = Direction.fromRules(java.util.List.of("rmse < 0.9", "0.8 <= accuracy",
                "significant(custom_score > baseline.custom_score)", "delta.mae < 0"));
        assertThat(fromRules).containsEntry("rmse", Direction.LOWER_IS_BETTER)
                .containsEntry("accuracy", Direction.HIGHER_IS_BETTER)
                .containsEntry("custom_score", Direction.HIGHER_IS_BETTER)
                .containsEntry("mae", Direction.LOWER_IS_BETTER);
        assertThat(Direction.of("val_loss", fromRules)).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(Direction.of("eval.f1", fromRules)).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(Direction.of("widgets", fromRules)).isEqualTo(Direction.UNKNOWN);
        assertThat(Direction.LOWER_IS_BETTER.isImprovement(-0.1)).isTrue();
        assertThat(Direction.HIGHER_IS_BETTER.isImprovement(-0.1)).isFalse();
        assertThat(Direction.UNKNOWN.isImprovement(-0.1)).isNull();
    }

    @Test
    void chartTicksAreRound() {
        assertThat(Charts.ticks(0.79, 1.06, 4)).containsExactly(0.7, 0.8, 0.9, 1.0, 1.1);
        assertThat(Charts.ticks(0.6, 0.85, 5)).containsExactly(0.6, 0.65, 0.7, 0.75, 0.8, 0.85);
        assertThat(Charts.ticks(0, 12, 6)).containsExactly(0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0);
        // epochs: never a tick at 1.5 or 2.5
        assertThat(Charts.wholeTicks(1, 4, 6)).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(Charts.wholeTicks(0, 15, 6)).containsExactly(0.0, 3.0, 6.0, 9.0, 12.0, 15.0);
    }
}
