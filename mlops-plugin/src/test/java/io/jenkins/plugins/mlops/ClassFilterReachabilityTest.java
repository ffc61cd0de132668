package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsClassFilter;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import io.jenkins.plugins.mlops.testing.jenkins.RemotingStreams;
import io.jenkins.plugins.mlops.train.TrainingAction;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jenkins.MasterToSlaveFileCallable;
import org.junit.jupiter.api.Test;

/**
 * Every class Jenkins' class filter will meet in what this plugin persists (its build actions, in build.xml) or
 * receives from agents (the results of its file callables) must be one the filter accepts. Walks the declared
 * types of every stored field from those roots, found by scanning the plugin's own classes, so a new action or a
 * new callable is covered without touching this test; the values the code really builds (an interface-typed field
 * may hold {@code List.of(...)}, which the filter refuses) are checked by the persistence and execution tests
 * through {@link JenkinsXStream} and {@link RemotingStreams}.
 */
class ClassFilterReachabilityTest {

    /** Declared as an interface or Object: what is stored there is decided at run time, and checked there. */
    private static final Set<Class<?>> DECIDED_AT_RUN_TIME = Set.of(Object.class, Collection.class, List.class,
            Map.class, Set.class, java.io.Serializable.class, Number.class, CharSequence.class);

    @Test
    void everyClassReachableFromAPersistedActionPassesTheFilter() throws Exception {
        List<Class<?>> actions = pluginClasses().stream()
                .filter(c -> Action.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                .toList();
        assertThat(actions).as("the plugin's build actions").hasSizeGreaterThanOrEqualTo(3);
        Map<String, String> refused = new LinkedHashMap<>();
        for (Class<?> action : actions) {
            walk(action, action.getSimpleName(), new LinkedHashSet<>(), refused, false);
        }
        assertThat(refused).as("stored in build.xml, refused by Jenkins' class filter (path -> reason)").isEmpty();
    }

    @Test
    void everyClassReachableFromAnAgentsResultPassesTheFilter() throws Exception {
        Map<Class<?>, Type> results = new LinkedHashMap<>();
        for (Class<?> c : pluginClasses()) {
            if (MasterToSlaveFileCallable.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                results.put(c, resultType(c));
            }
        }
        assertThat(results).as("the plugin's agent callables").hasSizeGreaterThanOrEqualTo(4);
        Map<String, String> refused = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, Type> e : results.entrySet()) {
            walk(e.getValue(), e.getKey().getSimpleName() + " returns", new LinkedHashSet<>(), refused, true);
        }
        assertThat(refused).as("sent from an agent, refused by Jenkins' class filter (path -> reason)").isEmpty();
    }

    /** The checks above are only as good as the rule they apply. */
    @Test
    void theRestatedFilterRefusesWhatJenkinsRefuses() throws Exception {
        assertThat(JenkinsClassFilter.permits(List.of("a").getClass())).as("List.of").isFalse();
        assertThat(JenkinsClassFilter.permits(Map.of("a", 1).getClass())).as("Map.of").isFalse();
        assertThat(JenkinsClassFilter.permits(java.time.Duration.class)).isFalse();
        assertThat(JenkinsClassFilter.permits(com.github.dockerjava.api.model.HostConfig.class))
                .as("docker-java, a library jar of another plugin").isFalse();
        assertThat(JenkinsClassFilter.permits(ArrayList.class)).isTrue();
        assertThat(JenkinsClassFilter.permits(LinkedHashMap.class)).isTrue();
        assertThat(JenkinsClassFilter.permits(Thread.State.class)).as("an enum").isTrue();
        assertThat(JenkinsClassFilter.permits(TrainingAction.class)).as("the plugin's own classes").isTrue();
        try {
            JenkinsXStream.create().toXML(new ArrayList<>(List.of(List.of("x"))));
            throw new AssertionError("XStream as Jenkins configures it must refuse List.of");
        } catch (UnsupportedOperationException expected) {
            assertThat(expected).hasMessageContaining("Refusing to marshal java.util.ImmutableCollections$");
        }
        try {
            RemotingStreams.fromAgent(new ArrayList<>(List.of("fine", new LinkedHashMap<>(Map.of("k", Map.of())))));
            throw new AssertionError("the channel must refuse Map.of");
        } catch (SecurityException expected) {
            assertThat(expected).hasMessageStartingWith("Rejected: java.util.");
        }
    }

    private static void walk(Type type, String path, Set<Class<?>> seen, Map<String, String> refused,
            boolean javaSerialization) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), path, seen, refused, javaSerialization);
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                walk(args[i], path + "<" + i + ">", seen, refused, javaSerialization);
            }
            return;
        }
        if (type instanceof GenericArrayType a) {
            walk(a.getGenericComponentType(), path + "[]", seen, refused, javaSerialization);
            return;
        }
        if (type instanceof WildcardType w) {
            for (Type upper : w.getUpperBounds()) {
                walk(upper, path, seen, refused, javaSerialization);
            }
            return;
        }
        if (type instanceof TypeVariable<?>) {
            return;
        }
        Class<?> c = (Class<?>) type;
        if (c.isArray()) {
            walk(c.getComponentType(), path + "[]", seen, refused, javaSerialization);
            return;
        }
        if (c.isPrimitive() || DECIDED_AT_RUN_TIME.contains(c) || !seen.add(c)) {
            return;
        }
        if (javaSerialization && c.getName().startsWith("java.time.")) {
            // Written as java.time.Ser (their writeReplace form), which Jenkins lists.
            return;
        }
        String refusal = JenkinsClassFilter.refusal(c);
        if (refusal != null) {
            refused.put(path, refusal);
            return;
        }
        if (c.getName().startsWith("io.jenkins.plugins.mlops.")) {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                        walk(f.getGenericType(), path + "." + f.getName(), seen, refused, javaSerialization);
                    }
                }
            }
        }
    }

    /**
     * The {@code T} of {@code MasterToSlaveFileCallable<T>} that {@code c} extends, through any generic superclass in
     * between ({@code Start extends DockerHostCall<Said<ContainerRunState>>}).
     */
    private static Type resultType(Class<?> c) {
        Map<TypeVariable<?>, Type> bound = new LinkedHashMap<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (!(k.getGenericSuperclass() instanceof ParameterizedType p)) {
                continue;
            }
            Type[] args = p.getActualTypeArguments();
            TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
            for (int i = 0; i < args.length; i++) {
                bound.put(vars[i], resolve(args[i], bound));
            }
            if (p.getRawType() == MasterToSlaveFileCallable.class) {
                return bound.get(vars[0]);
            }
        }
        throw new AssertionError(c + " does not say what it returns");
    }

    /** {@code t} with the type variables bound so far replaced by what they are bound to. */
    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bound) {
        if (t instanceof TypeVariable<?> v) {
            return bound.getOrDefault(v, v);
        }
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            Type[] resolved = new Type[args.length];
            boolean changed = false;
            for (int i = 0; i < args.length; i++) {
                resolved[i] = resolve(args[i], bound);
                changed |= resolved[i] != args[i];
            }
            if (!changed) {
                return p;
            }
            return new ParameterizedType() {
                @Override
                public Type[] getActualTypeArguments() {
                    return resolved.clone();
                }

                @Override
                public Type getRawType() {
                    return p.getRawType();
                }

                @Override
                public Type getOwnerType() {
                    return p.getOwnerType();
                }
            };
        }
        return t;
    }

    private static List<Class<?>> pluginClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(TrainingAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.');
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        ClassFilterReachabilityTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
