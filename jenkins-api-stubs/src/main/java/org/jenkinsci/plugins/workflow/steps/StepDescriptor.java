package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Stand-in for workflow-step-api's {@code StepDescriptor} (710.v3e456cc85233): the step's Pipeline function name,
 * the context objects it needs, and {@link #newInstance(Map)}, which Pipeline calls with a step call's named
 * arguments. The lookup statics ({@code all()}, {@code byFunctionName}) need a running Jenkins and are left out.
 *
 * <p>{@code newInstance} binds as its real default does, through structs' {@code DescribableModel.instantiate}
 * (structs 362.va_b_695ef4fdf9), for the argument types our steps declare: constructor parameters by their compiled
 * names, then one {@code @DataBoundSetter} per remaining argument. Values are coerced as Groovy does for the
 * declared type: text ({@code GString}s included) to {@code String}; any number to a declared number type through
 * {@code intValue()}, {@code longValue()} or {@code doubleValue()} (so {@code 2.7} becomes {@code 2} and
 * {@code 3000000000} overflows); {@code "true"}/{@code "false"} to booleans; list elements one by one; a value
 * already of the declared type as it is. Anything else fails with {@code ClassCastException("<setter> expects
 * <type> but received <class>")}. Argument names the step does not have are left out with a warning in the
 * system log, which is what production Jenkins does when a descriptor overrides this method (without an override,
 * Pipeline itself prints "WARNING: Unknown parameter(s) found for class type ..." to the build log).
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    private static final Logger LOGGER = Logger.getLogger(StepDescriptor.class.getName());

    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        return Collections.emptySet();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }

    public boolean isMetaStep() {
        return false;
    }

    public Step newInstance(Map<String, Object> arguments) throws Exception {
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        Constructor<?> ctor = null;
        for (Constructor<?> c : clazz.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                ctor = c;
            }
        }
        if (ctor == null) {
            throw new IllegalArgumentException(clazz + " has no @DataBoundConstructor");
        }
        Parameter[] params = ctor.getParameters();
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            Object v = rest.remove(params[i].getName());
            values[i] = v == null ? null
                    : coerce(clazz.getName() + "." + params[i].getName(), params[i].getParameterizedType(), v);
        }
        Step step;
        try {
            step = clazz.cast(ctor.newInstance(values));
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> a : rest.entrySet()) {
            Method setter = setter(a.getKey());
            if (setter == null) {
                unknown.add(a.getKey());
                continue;
            }
            Object v = a.getValue() == null ? null : coerce(setter.getDeclaringClass().getName() + "."
                    + setter.getName() + "()", setter.getGenericParameterTypes()[0], a.getValue());
            try {
                setter.invoke(step, v);
            } catch (InvocationTargetException e) {
                throw unwrap(e);
            }
        }
        if (!unknown.isEmpty()) {
            LOGGER.warning("Unknown parameter(s) found for class type '" + clazz.getName() + "': "
                    + String.join(",", unknown));
        }
        return step;
    }

    private Method setter(String name) {
        for (Method m : clazz.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")
                    && m.getParameterCount() == 1 && Introspector.decapitalize(m.getName().substring(3)).equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static Object coerce(String context, Type type, Object o) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        Class<?> boxed = boxed(raw);
        if (o instanceof CharSequence && raw == String.class) {
            return o.toString();
        }
        if (o instanceof Number n && Number.class.isAssignableFrom(boxed) && !boxed.isInstance(o)) {
            if (boxed == Integer.class) {
                return n.intValue();
            }
            if (boxed == Long.class) {
                return n.longValue();
            }
            if (boxed == Double.class) {
                return n.doubleValue();
            }
            if (boxed == Float.class) {
                return n.floatValue();
            }
        }
        if (o instanceof String s && boxed == Boolean.class && (s.equals("true") || s.equals("false"))) {
            return Boolean.valueOf(s);
        }
        if (o instanceof List<?> list && Collection.class.isAssignableFrom(raw)) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> out = new ArrayList<>();
            for (Object x : list) {
                out.add(x == null ? null : coerce(context, item, x));
            }
            return out;
        }
        if (boxed.isInstance(o)) {
            return o;
        }
        throw new ClassCastException(context + " expects " + type + " but received " + o.getClass());
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == double.class ? Double.class
                : c == float.class ? Float.class : c == boolean.class ? Boolean.class : c == short.class
                ? Short.class : c == byte.class ? Byte.class : Character.class;
    }

    private static Exception unwrap(InvocationTargetException e) {
        return e.getCause() instanceof Exception x ? x : e;
    }
}
