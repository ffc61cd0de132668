package io.jenkins.plugins.mlops.testing;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Instantiates a step from named arguments the way Pipeline's argument binding (structs' DescribableModel) does:
 * the {@link DataBoundConstructor}'s parameters by their compiled names, then one {@link DataBoundSetter} per
 * remaining argument, found by property name. An argument with neither is an error, as in strict binding.
 */
public final class DataBinding {

    private DataBinding() {
    }

    public static <T> T instantiate(Class<T> type, Map<String, ?> arguments) throws Exception {
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        Constructor<?> ctor = dataBoundConstructor(type);
        Parameter[] params = ctor.getParameters();
        Object[] values = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            if (!params[i].isNamePresent()) {
                throw new AssertionError("compile with -parameters: Stapler binds constructor arguments by name");
            }
            values[i] = rest.remove(params[i].getName());
        }
        T instance = type.cast(invoke(() -> ctor.newInstance(values)));
        Map<String, Method> setters = setters(type);
        for (Map.Entry<String, Object> a : rest.entrySet()) {
            Method setter = setters.get(a.getKey());
            if (setter == null) {
                throw new IllegalArgumentException("no argument named '" + a.getKey() + "' on " + type.getSimpleName());
            }
            invoke(() -> setter.invoke(instance, a.getValue()));
        }
        return instance;
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

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new AssertionError(type + " has no public @DataBoundConstructor");
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Object invoke(Call call) throws Exception {
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }
}
