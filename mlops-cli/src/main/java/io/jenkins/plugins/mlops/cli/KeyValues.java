package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code name=value} options as the CLI takes them ({@code --param lr=0.01 --param layers=3}). */
final class KeyValues {

    private KeyValues() {
    }

    static Map<String, String> strings(String argument, List<String> pairs) {
        return strings(argument, pairs, "name=value");
    }

    /** @param example shown in the message for a pair without {@code =}, e.g. {@code rmse=0.91} */
    static Map<String, String> strings(String argument, List<String> pairs, String example) {
        Map<String, String> out = new LinkedHashMap<>();
        if (pairs == null) {
            return out;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new MlopsArgumentException(argument, "'" + pair + "' must be written name=value"
                        + (example.equals("name=value") ? "" : ", e.g. " + example));
            }
            String name = pair.substring(0, eq);
            if (out.put(name, pair.substring(eq + 1)) != null) {
                throw new MlopsArgumentException(argument, "'" + name + "' is given twice");
            }
        }
        return out;
    }

    /**
     * Like {@link #strings} but values that read as numbers or booleans become those, so that a Jenkinsfile's
     * {@code params: [lr: 0.01]} and the CLI's {@code --param lr=0.01} give the container the same params.json.
     */
    static Map<String, Object> typed(String argument, List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        strings(argument, pairs).forEach((k, v) -> out.put(k, typedValue(v)));
        return out;
    }

    static Object typedValue(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (v.matches("-?\\d{1,18}")) {
            return Long.valueOf(v);
        }
        if (v.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
            return Double.valueOf(v);
        }
        return v;
    }
}
