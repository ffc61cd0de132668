package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every step's setters do to the text they receive. */
public final class StepArguments {

    private StepArguments() {
    }

    /** The Snippet Generator submits empty text boxes as "", which means "not given", as does blank text. */
    public static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /**
     * An {@code env}-like argument: a Jenkinsfile's map (numbers and booleans become their text, as {@code withEnv}
     * writes them), else the {@code NAME=value} lines of the text form, else null.
     *
     * @throws MlopsArgumentException naming the argument when a value is neither text, a number nor a boolean
     */
    static Map<String, String> env(String argument, Map<String, Object> map, String lines) {
        if (map == null) {
            return lines == null ? null : KeyValues.strings(argument, KeyValues.lines(lines));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new MlopsArgumentException(argument, "value of '" + e.getKey()
                        + "' must be a string, number or boolean, got " + v.getClass().getSimpleName());
            }
            out.put(e.getKey(), v == null ? null : v.toString());
        }
        return out;
    }
}
