package io.jenkins.plugins.mlops.testing.jenkins;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The decision Jenkins' class filter (JEP-200, {@code jenkins.security.ClassFilterImpl} in jenkins-2.479.3) makes
 * for every class it meets while writing build.xml with XStream or while reading what an agent sent back, restated
 * for our tests (the stand-ins cannot show it: the real filter only exists in a running Jenkins).
 *
 * <p>A class passes when it is an array, an enum or a Throwable; or when the place it was loaded from is a jar
 * whose manifest is a plugin's ({@code Short-Name} with {@code Plugin-Version} or {@code Jenkins-Version}) or says
 * {@code Jenkins-ClassFilter-Whitelisted: true}, or a plugin's {@code target/classes} directory; or, for a class of
 * the JDK (no code source), when it is on Jenkins' own list. Everything else is refused.
 */
public final class JenkinsClassFilter {

    /**
     * The JDK classes on Jenkins' list ({@code core/src/main/resources/jenkins/security/whitelisted-classes.txt},
     * jenkins-2.479.3). Notably absent: {@code java.util.ImmutableCollections$*} ({@code List.of}, {@code Map.of}),
     * {@code java.time.Duration} and {@code Instant} as such (XStream writes them as themselves; Java serialization
     * writes {@code java.time.Ser}, which is listed), {@code java.nio.file.Path}, JDK records.
     */
    static final Set<String> JDK_WHITELIST = Set.of(
            "java.io.File", "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Class",
            "java.lang.Double", "java.lang.Enum", "java.lang.Float", "java.lang.Integer", "java.lang.Long",
            "java.lang.Number", "java.lang.Object", "java.lang.Short", "java.lang.StackTraceElement",
            "java.lang.String", "java.lang.String$CaseInsensitiveComparator", "java.lang.StringBuffer",
            "java.lang.StringBuilder", "java.math.BigDecimal", "java.math.BigInteger", "java.net.URI",
            "java.net.URL", "java.time.Ser", "java.util.ArrayDeque", "java.util.ArrayList",
            "java.util.Arrays$ArrayList", "java.util.Collections$EmptyList", "java.util.Collections$EmptyMap",
            "java.util.Collections$EmptySet", "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonMap", "java.util.Collections$SingletonSet",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableSortedMap",
            "java.util.Collections$UnmodifiableSortedSet", "java.util.Date", "java.util.EnumMap",
            "java.util.EnumSet", "java.util.HashMap", "java.util.HashSet", "java.util.Hashtable",
            "java.util.LinkedHashMap", "java.util.LinkedHashSet", "java.util.LinkedList", "java.util.Locale",
            "java.util.Optional", "java.util.Properties", "java.util.RegularEnumSet", "java.util.TreeMap",
            "java.util.TreeSet", "java.util.UUID", "java.util.Vector", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.regex.Pattern");

    private static final Map<String, Boolean> LOCATIONS = new ConcurrentHashMap<>();

    private JenkinsClassFilter() {
    }

    /** Whether Jenkins would let an instance of {@code c} be written to build.xml or come back from an agent. */
    public static boolean permits(Class<?> c) {
        if (c.isPrimitive() || c.isArray() || c.isEnum() || Enum.class.isAssignableFrom(c)
                || Throwable.class.isAssignableFrom(c)) {
            return true;
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return JDK_WHITELIST.contains(c.getName());
        }
        return LOCATIONS.computeIfAbsent(location.toString(), JenkinsClassFilter::locationAccepted);
    }

    /** Why {@link #permits} refuses {@code c}, in the words Jenkins logs, or null when it does not. */
    public static String refusal(Class<?> c) {
        if (permits(c)) {
            return null;
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return c.getName() + " in " + (source == null ? "JRE" : source.getLocation())
                + " might be dangerous, so rejecting";
    }

    private static boolean locationAccepted(String location) {
        if (location.endsWith("/target/classes/")) {
            // A plugin's classes during its own build; the packaged jar's manifest is checked by HpiPackagingIT.
            return true;
        }
        if (!location.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(new File(new URL(location).toURI()), false)) {
            Manifest m = jar.getManifest();
            return m != null && isPluginManifest(m.getMainAttributes());
        } catch (IOException | URISyntaxException e) {
            return false;
        }
    }

    /** {@code ClassFilterImpl.isPluginManifest}: the rule a jar's main attributes must pass. */
    public static boolean isPluginManifest(Attributes a) {
        boolean plugin = a.getValue("Short-Name") != null
                && (a.getValue("Plugin-Version") != null || a.getValue("Jenkins-Version") != null);
        return plugin || "true".equals(a.getValue("Jenkins-ClassFilter-Whitelisted"));
    }
}
