package io.jenkins.plugins.mlops.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code name=value} arguments: the CLI's repeatable options ({@code --param lr=0.01 --param layers=3}) and the text
 * form of a step's map arguments, one pair per line, which is what the Snippet Generator's form submits and what a
 * Jenkinsfile may write instead of a map ({@code params: 'lr=0.01\nlayers=3'} means {@code params: [lr: 0.01,
 * layers: 3]}). One parser for both, so the step and the CLI read the same text the same way.
 */
public final class KeyValues {

    private KeyValues() {
    }

    public static Map<String, String> strings(String argument, List<String> pairs) {
        return strings(argument, pairs, "name=value");
    }

    /** @param example shown in the message for a pair without {@code =}, e.g. {@code rmse=0.91} */
    public static Map<String, String> strings(String argument, List<String> pairs, String example) {
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
            String name = pair.substring(0, eq).trim();
            if (out.put(name, pair.substring(eq + 1).trim()) != null) {
                throw new MlopsArgumentException(argument, "'" + name + "' is given twice");
            }
        }
        return out;
    }

    /**
     * Like {@link #strings} but values that read as numbers or booleans become those, so that a Jenkinsfile's
     * {@code params: [lr: 0.01]} and the CLI's {@code --param lr=0.01} give the container the same params.json.
     */
    public static Map<String, Object> typed(String argument, List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        strings(argument, pairs).forEach((k, v) -> out.put(k, typedValue(v)));
        return out;
    }

    /** Numbers as numbers: {@code Number} values, or text that reads as one. */
    public static Map<String, Double> numbers(String argument, List<String> pairs, String example) {
        Map<String, Double> out = new LinkedHashMap<>();
        strings(argument, pairs, example).forEach((name, value) -> {
            try {
                out.put(name, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new MlopsArgumentException(argument, "value of '" + name + "' must be a number, got '" + value
                        + "'");
            }
        });
        return out;
    }

    public static Object typedValue(String v) {
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

    /** The pairs of a text form: one per line; blank lines and lines starting with {@code #} are left out. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** The text form of a map, one {@code name=value} per line, numbers written without a spurious {@code .0}. */
    public static String text(Map<String, ?> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(k).append('=').append(v instanceof Number n ? plain(n) : String.valueOf(v));
        });
        return b.toString();
    }

    private static String plain(Number n) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
}
