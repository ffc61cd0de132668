package io.jenkins.plugins.mlops.testing;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Makes a step from named arguments the way Jenkins does: a Jenkinsfile's call through the step's descriptor's
 * {@code newInstance(Map)} (Pipeline calls it; the stand-in's default binds as structs' DescribableModel does, and
 * our descriptors override it), a Snippet Generator form through {@code newInstance(StaplerRequest2, JSONObject)}.
 * As in production Jenkins, an argument name the step does not have is not an error: the step warns about it in
 * the build log when it starts.
 */
public final class DataBinding {

    private DataBinding() {
    }

    /** As Pipeline binds {@code mlTrain image: 'x', epochs: 2}. */
    public static <T extends Step> T instantiate(Class<T> type, Map<String, ?> arguments) throws Exception {
        return type.cast(descriptor(type).newInstance(new LinkedHashMap<>(arguments)));
    }

    /** As the Snippet Generator binds a submitted form (text boxes are strings, check boxes booleans). */
    @SuppressWarnings("unchecked")
    public static <T extends Step> T fromForm(Class<T> type, Map<String, ?> fields) throws Exception {
        JSONObject form = new JSONObject();
        form.putAll(fields);
        return type.cast(descriptor(type).newInstance(null, form));
    }

    /** The step's registered descriptor (its nested {@code DescriptorImpl}), made as Jenkins makes extensions. */
    public static StepDescriptor descriptor(Class<?> type) throws ReflectiveOperationException {
        for (Class<?> nested : type.getClasses()) {
            if (StepDescriptor.class.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())) {
                return (StepDescriptor) nested.getConstructor().newInstance();
            }
        }
        throw new AssertionError(type + " has no StepDescriptor");
    }

    /** Argument names to their {@link DataBoundSetter} methods. */
    public static Map<String, Method> setters(Class<?> type) {
        Map<String, Method> setters = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")
                    && m.getParameterCount() == 1) {
                setters.put(Introspector.decapitalize(m.getName().substring(3)), m);
            }
        }
        return setters;
    }
}
