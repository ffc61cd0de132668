package hudson.model;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Descriptor} (jenkins-2.479.3): metadata about a
 * {@link Describable} class. Mirrors the two constructors (the no-argument one infers the described class from the
 * enclosing class, as in Jenkins), the {@code clazz} field, {@link #getDisplayName()}, {@link #getId()}, and
 * {@link #newInstance(StaplerRequest2, JSONObject)}, which makes the object a form (the Snippet Generator's)
 * describes.
 *
 * <p>{@code newInstance} binds as Stapler's {@code bindJSON} does for the argument types our steps declare: the
 * {@code @DataBoundConstructor}'s parameters and then each {@code @DataBoundSetter} whose name the form holds, text
 * as text, {@code true}/{@code false} for booleans, a JSON array or a single value for a list, and numbers through
 * commons-beanutils' converters as Stapler registers them: an empty or malformed number becomes {@code 0} (the
 * reason an empty optional number field in the Snippet Generator turns into an explicit {@code 0}).
 */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass() + " has no outer class; pass the described class explicitly");
        }
    }

    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    public T newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
        try {
            Constructor<?> ctor = dataBoundConstructor();
            Parameter[] params = ctor.getParameters();
            Object[] values = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                values[i] = convert(params[i].getParameterizedType(), formData.get(params[i].getName()));
            }
            T instance = clazz.cast(ctor.newInstance(values));
            for (Method m : clazz.getMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")
                        && m.getParameterCount() == 1) {
                    String name = Introspector.decapitalize(m.getName().substring(3));
                    if (formData.containsKey(name)) {
                        m.invoke(instance, convert(m.getGenericParameterTypes()[0], formData.get(name)));
                    }
                }
            }
            return instance;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new FormException(String.valueOf(cause), cause, null);
        } catch (ReflectiveOperationException e) {
            throw new FormException(e.toString(), e, null);
        }
    }

    private Constructor<?> dataBoundConstructor() {
        for (Constructor<?> c : clazz.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                return c;
            }
        }
        throw new IllegalArgumentException(clazz + " has no @DataBoundConstructor");
    }

    private static Object convert(Type type, Object json) {
        if (json == null) {
            return null;
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (Collection.class.isAssignableFrom(raw)) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            List<Object> list = new ArrayList<>();
            if (json instanceof Collection<?> c) {
                c.forEach(x -> list.add(convert(item, x)));
            } else {
                list.add(convert(item, json));
            }
            return list;
        }
        if (raw == String.class) {
            return json.toString();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return json instanceof Boolean b ? b : Boolean.valueOf(json.toString());
        }
        String text = json.toString().trim();
        try {
            if (raw == Integer.class || raw == int.class) {
                return Integer.valueOf(text);
            }
            if (raw == Long.class || raw == long.class) {
                return Long.valueOf(text);
            }
            if (raw == Double.class || raw == double.class) {
                return Double.valueOf(text);
            }
        } catch (NumberFormatException e) {
            // beanutils' converters, as Stapler registers them, answer 0 instead of failing.
            return raw == Double.class || raw == double.class ? (Object) 0.0
                    : raw == Long.class || raw == long.class ? (Object) 0L : (Object) 0;
        }
        throw new IllegalArgumentException("Unable to convert to " + type);
    }

    /**
     * Stand-in for {@code Descriptor.FormException}: a problem in a submitted form, naming the field. The real class
     * also implements Stapler's {@code HttpResponse}, left out here.
     */
    public static final class FormException extends Exception {
        private final String formField;

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
