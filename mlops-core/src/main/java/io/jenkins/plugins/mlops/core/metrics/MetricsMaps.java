package io.jenkins.plugins.mlops.core.metrics;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a metrics map as a Pipeline script hands it over (values may be Integer, BigDecimal or Double, maps may
 * nest) into the flat {@code Map<String, Double>} the gate reads, with dotted keys for nesting as in metrics files.
 */
public final class MetricsMaps {

    private MetricsMaps() {
    }

    /**
     * @param argument the argument's name for messages ({@code metrics}, {@code baseline})
     * @throws MlopsArgumentException naming the key when a value is not a number or a nested map
     */
    public static Map<String, Double> flatten(String argument, Map<?, ?> raw) {
        if (raw == null) {
            throw new MlopsArgumentException(argument, "is null; give a map of metric names to numbers");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        flattenInto(argument, "", raw, out);
        return out;
    }

    private static void flattenInto(String argument, String prefix, Map<?, ?> raw, Map<String, Double> out) {
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            if (e.getKey() == null || String.valueOf(e.getKey()).isBlank()) {
                throw new MlopsArgumentException(argument, "has an empty metric name");
            }
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                flattenInto(argument, key + ".", nested, out);
            } else if (v instanceof Number n) {
                out.put(key, n.doubleValue());
            } else {
                throw new MlopsArgumentException(argument, "value of '" + key + "' must be a number, got "
                        + (v == null ? "null" : v.getClass().getSimpleName() + " '" + v + "'"));
            }
        }
    }
}
