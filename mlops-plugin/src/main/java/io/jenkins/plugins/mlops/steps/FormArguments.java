package io.jenkins.plugins.mlops.steps;

import hudson.model.Descriptor.FormException;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.sf.json.JSONObject;

/**
 * A step's arguments as the Snippet Generator's form submits them, before Stapler binds them: an empty box means
 * "not given" (Stapler would bind an empty number box as {@code 0}: an empty Seed box gave {@code seed: 0} where
 * the default is 42), a list argument is a text area with one entry per line, and a number box must hold a whole
 * number in range (Stapler would turn {@code 2.7} into {@code 0}). Problems are {@link FormException}s naming the
 * field, which the Snippet Generator shows.
 */
public final class FormArguments {

    private final JSONObject form;

    private FormArguments(JSONObject form) {
        this.form = form;
        for (Object key : new ArrayList<Object>(form.keySet())) {
            Object v = form.get(key);
            if (v instanceof CharSequence text && text.toString().isBlank()) {
                form.remove(key);
            }
        }
    }

    /** Empty boxes removed: what the user left empty is not given. */
    public static FormArguments of(JSONObject form) {
        return new FormArguments(form);
    }

    /** A text area holding one entry per line (thresholds, aliases, data) becomes the list it describes. */
    public FormArguments lines(String name) {
        Object v = form.get(name);
        if (v instanceof CharSequence text) {
            form.put(name, KeyValues.lines(text.toString()));
        } else if (v instanceof Collection<?> c && c.size() == 1 && c.iterator().next() instanceof CharSequence t) {
            form.put(name, KeyValues.lines(t.toString()));
        }
        return this;
    }

    public FormArguments wholeNumber(String name, long min, long max) throws FormException {
        Object v = form.get(name);
        if (v != null) {
            try {
                form.put(name, String.valueOf(ArgumentParsers.wholeNumber(name, v, min, max)));
            } catch (MlopsArgumentException e) {
                throw new FormException(e.getMessage(), name);
            }
        }
        return this;
    }

    public FormArguments number(String name) throws FormException {
        Object v = form.get(name);
        if (v != null) {
            try {
                Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new FormException(new MlopsArgumentException(name, "must be a number, got '" + v + "'")
                        .getMessage(), name);
            }
        }
        return this;
    }

    public JSONObject form() {
        return form;
    }

    /** A list of words written back as text a shell reads as the same words (for a form or a snippet). */
    public static String shellWords(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(w.matches("[A-Za-z0-9_./=:,+@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
