package io.jenkins.plugins.mlops.steps;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values as Jenkins' REST API ({@code .../api/json}, Stapler's exporter) can write them. Stapler writes strings,
 * boxed primitives, maps, lists, enums and {@code @ExportedBean}s; a {@link BigDecimal} (what a Jenkinsfile's
 * {@code 0.01} is) it cannot export at all, and a NaN or infinite double it writes as a bare {@code NaN}, which is
 * not JSON. So exported maps hold finite numbers as numbers, non-finite ones as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (as run.json and the verdict write them), and decimals as doubles.
 */
public final class ApiValues {

    private ApiValues() {
    }

    public static Map<String, Object> numbers(Map<String, Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    /** A JSON-like value (text, numbers, booleans, maps, lists) as the exporter can write it. */
    public static Object value(Object v) {
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return f.toString();
        }
        if (v instanceof BigDecimal b) {
            return value(b.doubleValue());
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), value(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(value(x)));
            return out;
        }
        return v;
    }
}
