package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.CloseNames;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step call's named arguments as a Jenkinsfile hands them over, before structs' standard binding turns them into
 * setter calls: each step's descriptor takes out here what that binding would get wrong.
 *
 * <ul>
 *   <li>Whole numbers: the standard binding turns {@code epochs: 2.7} into 2 and {@code 3000000000} into a negative
 *       int without a word; {@link #wholeNumber} refuses them, naming the argument.</li>
 *   <li>Maps ({@code params: [lr: 0.01]}): a {@code Map} parameter cannot be described to the Snippet Generator or
 *       the step reference, so such arguments are declared as text ({@code name=value} lines) and a Jenkinsfile's
 *       map is taken out here ({@link #map}) and handed to the step as it is.</li>
 *   <li>Text or list ({@code command: ['python3', 'x.py']}): declared as text (the shell form, what a form can
 *       hold); a list is taken out here ({@link #list}).</li>
 *   <li>Names the step does not have: production Pipeline only warns in the build log and runs without them;
 *       {@link #unknown()} keeps them for the step to print the same warning when it starts.</li>
 * </ul>
 *
 * Argument errors are the core's words, prefixed with the step's name, as every other argument error.
 */
public final class PipelineArguments {

    private final String function;
    private final Class<?> step;
    private final Map<String, Object> arguments;

    private PipelineArguments(String function, Class<?> step, Map<String, Object> arguments) {
        this.function = function;
        this.step = step;
        this.arguments = new LinkedHashMap<>(arguments);
    }

    /** @param function the step's Pipeline name, as messages start ({@code mlTrain}) */
    public static PipelineArguments of(String function, Class<?> step, Map<String, Object> arguments) {
        return new PipelineArguments(function, step, arguments == null ? Map.of() : arguments);
    }

    /** Checks a whole-number argument in place, leaving an {@code Integer} (or a {@code Long} when {@code max} needs one). */
    public PipelineArguments wholeNumber(String name, long min, long max) throws AbortException {
        Object v = arguments.get(name);
        if (v != null) {
            long n = argument(() -> ArgumentParsers.wholeNumber(name, v, min, max));
            arguments.put(name, max <= Integer.MAX_VALUE ? (Object) (int) n : (Object) n);
        }
        return this;
    }

    /** Takes out a map-valued argument (keys and text made plain strings, nested maps and lists too), or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        if (!(arguments.get(name) instanceof Map<?, ?>)) {
            return null;
        }
        return (Map<String, Object>) plain(arguments.remove(name));
    }

    /** Takes out a list-valued argument (its text made plain strings), or null. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        if (!(arguments.get(name) instanceof List<?>)) {
            return null;
        }
        return (List<Object>) plain(arguments.remove(name));
    }

    /** Names the step has no argument for, as Pipeline would warn about them. */
    public List<String> unknown() {
        Set<String> known = argumentNames(step);
        List<String> out = new ArrayList<>();
        for (String name : arguments.keySet()) {
            if (!known.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** What is left for the standard binding, without the unknown names (they are warned about instead). */
    public Map<String, Object> remaining() {
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        unknown().forEach(out::remove);
        return out;
    }

    /**
     * Prints the warning production Pipeline prints for arguments a step does not have, in the same words, with
     * the closest argument name when one is close (a typo such as {@code epoch} for {@code epochs}).
     */
    public static void warnUnknown(TaskListener listener, Class<?> step, List<String> unknown) {
        if (unknown == null || unknown.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder("WARNING: Unknown parameter(s) found for class type '")
                .append(step.getName()).append("': ").append(String.join(",", unknown));
        Set<String> known = argumentNames(step);
        for (String name : unknown) {
            String hint = CloseNames.hint(name, known);
            if (!hint.isEmpty()) {
                b.append(" ('").append(name).append("':").append(hint.replace(" (", " ").replace(")", "")).append(")");
            }
        }
        listener.getLogger().println(b.append("; they are ignored"));
    }

    /** The argument names a step class declares: its constructor's parameters and its setters. */
    public static Set<String> argumentNames(Class<?> step) {
        Set<String> names = new LinkedHashSet<>();
        for (Constructor<?> c : step.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                names.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        return names;
    }

    /** Groovy's GStrings (in keys, values, nested maps and lists) as plain strings; other values as they are. */
    static Object plain(Object v) {
        if (v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k == null ? null : k.toString(), plain(x)));
            return copy;
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            c.forEach(x -> copy.add(plain(x)));
            return copy;
        }
        return v;
    }

    private interface Check {
        long run();
    }

    private long argument(Check check) throws AbortException {
        try {
            return check.run();
        } catch (MlopsArgumentException e) {
            throw new AbortException(function + ": " + e.getMessage());
        }
    }
}
