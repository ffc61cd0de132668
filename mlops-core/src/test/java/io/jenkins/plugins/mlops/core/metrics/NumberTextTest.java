package io.jenkins.plugins.mlops.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberTextTest {

    @Test
    void decimalsAndPythonsSpecialValues() {
        assertThat(NumberText.parse("-1.5e3")).isEqualTo(-1500.0);
        assertThat(NumberText.parse("+.5")).isEqualTo(0.5);
        assertThat(NumberText.parse("2.")).isEqualTo(2.0);
        assertThat(NumberText.parse("1E+2")).isEqualTo(100.0);
        assertThat(NumberText.parse("-INF")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberText.parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberText.parse("nan")).isNaN();
        assertThat(NumberText.parse("-NaN")).isNaN();
    }

    @Test
    void notNumbers() {
        for (String text : new String[] {"", ".", "-", "1e", "1e+", "e5", "1.2.3", "0x10", "1d", "1f", "\u0661", "1 2",
            "cat", "NA", "+-inf", "infinit", "nana"}) {
            assertThat(NumberText.parse(text)).as(text).isNull();
        }
    }
}
