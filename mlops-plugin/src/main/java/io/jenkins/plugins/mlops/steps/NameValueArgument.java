package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.KeyValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One map argument of a step ({@code params}, {@code env}, {@code metrics}, ...), as it was given: a Jenkinsfile's
 * map ({@code params: [lr: 0.01]}, taken out of the standard binding by {@link PipelineArguments#map}), or its text
 * form, one {@code name=value} per line (the Snippet Generator's text area, or a Jenkinsfile string). The step
 * declares the argument as text, which is what Jenkins can describe; this holds whichever form came.
 */
public final class NameValueArgument {

    private String text;
    private Map<String, Object> map;

    /** The text form; blank means "not given". */
    public void setText(String text) {
        this.text = StepArguments.trimToNull(text);
        this.map = null;
    }

    /** A Jenkinsfile's map; null leaves the argument as it is. */
    public void setMap(Map<String, Object> map) {
        if (map != null) {
            this.map = map;
            this.text = null;
        }
    }

    /** What the step's getter shows: the text, or the map in its text form. */
    public String text() {
        return text(m -> m);
    }

    /** @param flat how a map that may be nested is made flat first ({@code MetricsMaps.flatten}) */
    public String text(Function<Map<String, Object>, Map<String, ?>> flat) {
        return map != null ? KeyValues.text(flat.apply(map)) : text;
    }

    /** The map, as given; for text, the pairs with values that read as numbers or booleans made those. */
    public Map<String, Object> typed(String argument) {
        return map != null ? map : text == null ? null : KeyValues.typed(argument, KeyValues.lines(text));
    }

    /** The map, as given (nested maps allowed); for text, the pairs as numbers. */
    public Map<String, Object> numbers(String argument) {
        return map != null ? map : text == null ? null
                : new LinkedHashMap<>(KeyValues.numbers(argument, KeyValues.lines(text), "rmse=0.91"));
    }

    /** {@code env}-like: a map's values as their text (as {@code withEnv} writes numbers and booleans). */
    public Map<String, String> strings(String argument) {
        return StepArguments.env(argument, map, text);
    }
}
