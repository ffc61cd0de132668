package io.jenkins.plugins.mlops.testing.jenkins;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * What Jenkins' REST API ({@code .../api/json?depth=N}) writes for an object, by the rules of Stapler's exporter
 * (stapler 1903.1905.ve5a_f469356f0, {@code org.kohsuke.stapler.export}), restated for our tests: an
 * {@code @ExportedBean} is written as its {@code @Exported} properties (by their {@code name}, else the property
 * name); a property is written when its visibility ({@code visibility}, else the bean's {@code defaultVisibility})
 * is at least {@code 1 - depth} at the top and one more at each level below; strings and URLs as strings, boxed
 * primitives as themselves, arrays and iterables as lists, maps as objects, dates as epoch milliseconds, enums by
 * name. Anything else cannot be exported: Stapler fails the whole API call ({@code NotExportableException}), so this
 * throws. Stapler writes a NaN or infinite double as a bare {@code NaN}, which is not JSON: this throws for those
 * too.
 */
public final class StaplerExport {

    private StaplerExport() {
    }

    /** The object as {@code api/json?depth=depth} shows it when it is the top-level object. */
    public static Object export(Object bean, int depth) {
        return object(bean, 1 - depth, "");
    }

    /** As a property of visibility {@code visibility} of the top-level object shows a value (e.g. a Run's actions). */
    public static Object exportAsProperty(Object value, int visibility, int depth) {
        int n = 1 - depth;
        return visibility < n ? null : value(value, n + 1, "");
    }

    private static Map<String, Object> object(Object bean, int n, String path) {
        ExportedBean annotation = annotation(bean.getClass());
        Map<String, Object> out = new TreeMap<>();
        for (Class<?> c = bean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                Exported e = m.getAnnotation(Exported.class);
                if (e != null && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
                    String name = e.name().length() > 1 ? e.name() : property(m.getName());
                    int visibility = e.visibility() == 0 ? annotation.defaultVisibility() : e.visibility();
                    if (visibility >= n && !out.containsKey(name)) {
                        Object v;
                        try {
                            m.setAccessible(true);
                            v = m.invoke(bean);
                        } catch (ReflectiveOperationException x) {
                            throw new IllegalStateException(path + "." + name + ": " + x.getCause(), x);
                        }
                        out.put(name, value(v, e.inline() ? n : n + 1, path + "." + name));
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Exported.class)) {
                    throw new UnsupportedOperationException("field exports are not modelled: " + f);
                }
            }
        }
        return out;
    }

    private static Object value(Object v, int n, String path) {
        if (v == null) {
            return null;
        }
        Class<?> c = v.getClass();
        if (annotationOrNull(c) != null) {
            return object(v, n, path);
        }
        if (v instanceof String || v instanceof URL) {
            return v.toString();
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            throw new IllegalStateException(path + " is " + v + ": Stapler writes it as a bare NaN/Infinity, not JSON");
        }
        if (Set.of(Integer.class, Long.class, Boolean.class, Short.class, Character.class, Float.class, Double.class)
                .contains(c)) {
            return v;
        }
        if (c.isArray() && v instanceof Object[] array) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < array.length; i++) {
                out.add(value(array[i], n, path + "[" + i + "]"));
            }
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object x : it) {
                out.add(value(x, n, path + "[" + i++ + "]"));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k.toString(), value(x, n, path + "." + k)));
            return out;
        }
        if (v instanceof Date d) {
            return d.getTime();
        }
        if (v instanceof Calendar cal) {
            return cal.getTimeInMillis();
        }
        if (v instanceof Enum<?> e) {
            return e.toString();
        }
        throw new IllegalStateException(path + ": " + c.getName() + " is not exportable (Stapler:"
                + " NotExportableException, and the whole api/json answer fails)");
    }

    private static ExportedBean annotation(Class<?> c) {
        ExportedBean a = annotationOrNull(c);
        if (a == null) {
            throw new IllegalArgumentException(c + " is not an @ExportedBean: the REST API shows it as {}");
        }
        return a;
    }

    private static ExportedBean annotationOrNull(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            ExportedBean a = k.getAnnotation(ExportedBean.class);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private static String property(String method) {
        String p = method.startsWith("is") ? method.substring(2) : method.startsWith("get") ? method.substring(3)
                : method;
        return Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }
}
