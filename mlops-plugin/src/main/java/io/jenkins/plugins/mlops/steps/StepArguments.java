package io.jenkins.plugins.mlops.steps;

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
     * An {@code env:} map as a setter receives it: numbers and booleans become their text, as {@code withEnv} would
     * write them; other values are kept for {@link #checkedEnv} to reject by name when the step starts.
     */
    public static LinkedHashMap<String, Object> envValues(Map<?, ?> env) {
        if (env == null) {
            return null;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : env.entrySet()) {
            Object v = e.getValue();
            boolean textual = v instanceof CharSequence || v instanceof Number || v instanceof Boolean;
            copy.put(e.getKey() == null ? null : e.getKey().toString(), textual ? v.toString() : v);
        }
        return copy;
    }

    /** @throws MlopsArgumentException naming {@code env} when a value is neither text, a number nor a boolean */
    public static Map<String, String> checkedEnv(Map<String, Object> env) {
        if (env == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : env.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String)) {
                throw new MlopsArgumentException("env", "value of '" + e.getKey()
                        + "' must be a string, number or boolean, got " + v.getClass().getSimpleName());
            }
            out.put(e.getKey(), (String) v);
        }
        return out;
    }
}
