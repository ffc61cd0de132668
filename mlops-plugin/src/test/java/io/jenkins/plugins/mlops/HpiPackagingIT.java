package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built {@code target/mlops-pipeline.hpi} and checks it is a plugin Jenkins can load: its manifest, its
 * libraries, and the extension index Jenkins discovers the steps through. Runs after {@code package}.
 */
class HpiPackagingIT {

    private static Path hpi;
    private static Manifest manifest;
    private static Set<String> libs;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void openHpi() throws IOException {
        hpi = Path.of(required("mlops.hpi"));
        assertThat(hpi).as("run `mvn verify`: the .hpi is built in the package phase").isRegularFile();
        libs = new TreeSet<>();
        try (JarFile jar = new JarFile(hpi.toFile())) {
            manifest = jar.getManifest();
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().startsWith("WEB-INF/lib/") && !e.isDirectory()) {
                    String name = e.getName().substring("WEB-INF/lib/".length());
                    libs.add(name);
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, unpacked.resolve(name));
                    }
                }
            }
        }
        assertThat(manifest).as("META-INF/MANIFEST.MF").isNotNull();
    }

    @Test
    void manifestIdentifiesThePluginAsMavenHpiPluginWould() {
        Attributes a = manifest.getMainAttributes();
        assertThat(a.getValue("Manifest-Version")).isEqualTo("1.0");
        assertThat(a.getValue("Group-Id")).isEqualTo("io.jenkins.plugins.mlops");
        assertThat(a.getValue("Artifact-Id")).isEqualTo("mlops-pipeline");
        assertThat(a.getValue("Short-Name")).isEqualTo("mlops-pipeline");
        assertThat(a.getValue("Long-Name")).isEqualTo("MLOps Pipeline");
        assertThat(a.getValue("Url")).isEqualTo("https://github.com/jenkinsci/mlops-pipeline-plugin");
        assertThat(a.getValue("Plugin-ScmUrl")).isEqualTo("https://github.com/jenkinsci/mlops-pipeline-plugin");
        assertThat(a.getValue("Plugin-Version")).isEqualTo(required("expected.plugin.version"));
        assertThat(a.getValue("Jenkins-Version")).isEqualTo(required("expected.jenkins.version")).isEqualTo("2.479.3");
        assertThat(a.getValue("Hudson-Version")).isEqualTo(a.getValue("Jenkins-Version"));
        assertThat(a.getValue("Plugin-Developers")).isEqualTo("MLOps Pipeline maintainers:mlops-pipeline:");
        assertThat(a.getValue("Plugin-License-Name")).isEqualTo("MIT License");
        assertThat(a.getValue("Plugin-License-Url")).isEqualTo("https://opensource.org/licenses/MIT");
        for (Map.Entry<Object, Object> e : a.entrySet()) {
            assertThat(e.getValue().toString()).as(e.getKey() + " is interpolated").doesNotContain("${");
        }
        // Attributes Jenkins no longer reads, or never did.
        assertThat(a.getValue("Minimum-Java-Version")).isNull();
        assertThat(a.getValue("Plugin-ChildFirstClassLoader")).isNull();
        // Nothing shadows Jenkins' classes, so the default (parent-first) class loading is right.
        assertThat(a.getValue("PluginFirstClassLoader")).isNull();
        assertThat(a.getValue("Mask-Classes")).isNull();
    }

    @Test
    void dependsOnThePluginsThatSupplyTheLibrariesItLinksAgainst() {
        Map<String, String> deps = new LinkedHashMap<>();
        for (String d : manifest.getMainAttributes().getValue("Plugin-Dependencies").split(",")) {
            String[] nameAndVersion = d.split(":", 2);
            assertThat(nameAndVersion).as(d).hasSize(2);
            assertThat(nameAndVersion[1]).as(d + " is required, not optional").doesNotContain(";resolution:=optional");
            deps.put(nameAndVersion[0], nameAndVersion[1]);
        }
        assertThat(deps).containsExactly(
                Map.entry("workflow-step-api", required("expected.workflow-step-api.version")),
                Map.entry("docker-java-api", required("expected.docker-java-api.version")),
                Map.entry("jackson2-api", required("expected.jackson2-api.version")),
                Map.entry("snakeyaml-api", required("expected.snakeyaml-api.version")),
                Map.entry("commons-compress-api", required("expected.commons-compress-api.version")));
    }

    /**
     * Jenkins' class filter (JEP-200) accepts a class for build.xml and for objects an agent sends back only when
     * the jar it was loaded from has a plugin manifest: {@code Short-Name} and ({@code Plugin-Version} or
     * {@code Jenkins-Version}), or {@code Jenkins-ClassFilter-Whitelisted: true}. Both of our jars must pass that
     * rule as the filter reads it, each for its own reason.
     */
    @Test
    void eachBundledJarPassesTheClassFiltersManifestRule() throws IOException {
        Attributes plugin = manifestOf("mlops-pipeline.jar");
        assertThat(acceptedByClassFilter(plugin)).as("mlops-pipeline.jar: " + plugin.entrySet()).isTrue();
        assertThat(plugin.getValue("Short-Name")).isEqualTo("mlops-pipeline");
        assertThat(plugin.getValue("Plugin-Version")).isEqualTo(required("expected.plugin.version"));
        assertThat(plugin.getValue("Jenkins-ClassFilter-Whitelisted"))
                .as("the plugin jar is accepted as a plugin, not by the library flag").isNull();

        Attributes core = manifestOf("mlops-core.jar");
        assertThat(acceptedByClassFilter(core)).as("mlops-core.jar: " + core.entrySet()).isTrue();
        assertThat(core.getValue("Jenkins-ClassFilter-Whitelisted")).isEqualTo("true");
        assertThat(core.getValue("Short-Name")).as("the engine is a library, not a second plugin").isNull();
    }

    /** maven-hpi-plugin writes one set of attributes into both the .hpi and the plugin jar; so do we. */
    @Test
    void pluginJarCarriesTheSameAttributesAsTheHpi() throws IOException {
        Attributes hpiAttributes = manifest.getMainAttributes();
        Attributes jar = manifestOf("mlops-pipeline.jar");
        for (String name : List.of("Short-Name", "Long-Name", "Plugin-Version", "Jenkins-Version",
                "Plugin-Dependencies", "Group-Id", "Artifact-Id", "Url")) {
            assertThat(jar.getValue(name)).as(name).isNotNull().isEqualTo(hpiAttributes.getValue(name));
        }
    }

    /** The rule of {@code jenkins.security.ClassFilterImpl.isPluginManifest} (jenkins-2.479.3), restated. */
    static boolean acceptedByClassFilter(Attributes a) {
        boolean plugin = a.getValue("Short-Name") != null
                && (a.getValue("Plugin-Version") != null || a.getValue("Jenkins-Version") != null);
        return plugin || "true".equals(a.getValue("Jenkins-ClassFilter-Whitelisted"));
    }

    private static Attributes manifestOf(String lib) throws IOException {
        try (JarFile jar = new JarFile(unpacked.resolve(lib).toFile())) {
            Manifest m = jar.getManifest();
            assertThat(m).as(lib + " has a manifest").isNotNull();
            return m.getMainAttributes();
        }
    }

    @Test
    void bundlesThePluginJarTheEngineAndCommonsNumbersOnly() {
        assertThat(libs).containsExactlyInAnyOrder("mlops-pipeline.jar", "mlops-core.jar",
                "commons-numbers-gamma.jar", "commons-numbers-core.jar", "commons-numbers-fraction.jar");
    }

    @Test
    void bundlesNoClassThatJenkinsOrAPluginDependencySupplies() throws IOException {
        List<String> stubClasses = stubClasses();
        assertThat(stubClasses).as("stub classes found to compare against").contains("hudson/Extension.class");
        for (String lib : libs) {
            List<String> entries = entries(unpacked.resolve(lib));
            assertThat(entries).as(lib + " carries no Jenkins API stand-in").doesNotContainAnyElementsOf(stubClasses);
            assertThat(entries).as(lib + " carries no Jenkins, Stapler or remoting package")
                    .noneMatch(n -> n.startsWith("hudson/") || n.startsWith("jenkins/")
                            || n.startsWith("org/jenkinsci/") || n.startsWith("org/kohsuke/"));
            assertThat(entries).as(lib + " carries no docker-java (docker-java-api plugin) class")
                    .noneMatch(n -> n.startsWith("com/github/dockerjava/"));
            assertThat(entries).as(lib + " carries no Jackson (jackson2-api plugin) class")
                    .noneMatch(n -> n.startsWith("com/fasterxml/"));
            assertThat(entries).as(lib + " carries no commons-compress (commons-compress-api plugin) class")
                    .noneMatch(n -> n.startsWith("org/apache/commons/compress/"));
        }
    }

    @Test
    void pluginJarHoldsTheViewsAndTheDescriptionJenkinsShows() throws IOException {
        List<String> entries = entries(unpacked.resolve("mlops-pipeline.jar"));
        assertThat(entries).contains(
                "index.jelly",
                "io/jenkins/plugins/mlops/train/MlTrainStep.class",
                "io/jenkins/plugins/mlops/train/MlTrainStep/config.jelly",
                "io/jenkins/plugins/mlops/train/MlTrainStep/help.html",
                "io/jenkins/plugins/mlops/train/TrainingAction/index.jelly",
                "io/jenkins/plugins/mlops/validate/MlValidateStep.class",
                "io/jenkins/plugins/mlops/validate/MlValidateStep/config.jelly",
                "io/jenkins/plugins/mlops/validate/MlValidateStep/help.html",
                "io/jenkins/plugins/mlops/validate/MlValidateStep/help-thresholds.html",
                "io/jenkins/plugins/mlops/validate/ValidationAction/index.jelly",
                "io/jenkins/plugins/mlops/registry/MlRegisterStep.class",
                "io/jenkins/plugins/mlops/registry/MlRegisterStep/config.jelly",
                "io/jenkins/plugins/mlops/registry/MlRegisterStep/help.html",
                "io/jenkins/plugins/mlops/registry/RegistrationAction/index.jelly",
                "io/jenkins/plugins/mlops/deploy/MlDeployStep/help.html",
                "io/jenkins/plugins/mlops/deploy/DeploymentAction/index.jelly",
                "io/jenkins/plugins/mlops/report/MlopsReportAction/index.jelly",
                "io/jenkins/plugins/mlops/report/MlopsReportAction/summary.jelly",
                "io/jenkins/plugins/mlops/report/MlopsTrendAction/index.jelly",
                "io/jenkins/plugins/mlops/report/MlopsTrendAction/floatingBox.jelly",
                "io/jenkins/plugins/mlops/report/RegistryRootAction/index.jelly",
                "io/jenkins/plugins/mlops/report/RegistryRootAction/ModelPage/index.jelly");
        // One summary box per build: the step records have no summary view of their own any more.
        assertThat(entries).noneMatch(e -> e.endsWith("Action/summary.jelly") && !e.contains("/report/"));
        assertThat(entries(unpacked.resolve("mlops-core.jar")))
                .contains("io/jenkins/plugins/mlops/core/train/DockerTrainer.class",
                        "io/jenkins/plugins/mlops/core/validate/MetricGate.class",
                        "io/jenkins/plugins/mlops/core/validate/RegistryBaselines.class",
                        "io/jenkins/plugins/mlops/core/registry/embedded/EmbeddedModelRegistry.class",
                        "io/jenkins/plugins/mlops/core/deploy/Deployer.class");
    }

    /** Jenkins finds extensions with SezPoz; read the packaged jar's index the same way, and only that index. */
    @Test
    void extensionIndexListsTheStepDescriptors() throws Exception {
        URL jar = unpacked.resolve("mlops-pipeline.jar").toUri().toURL();
        List<String> indexed = new ArrayList<>();
        try (OnlyOwnResources loader = new OnlyOwnResources(jar)) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
                assertThat(item.annotation().ordinal()).isEqualTo(0.0);
            }
        }
        assertThat(indexed).containsExactlyInAnyOrder("io.jenkins.plugins.mlops.train.MlTrainStep$DescriptorImpl",
                "io.jenkins.plugins.mlops.validate.MlValidateStep$DescriptorImpl",
                "io.jenkins.plugins.mlops.registry.MlRegisterStep$DescriptorImpl",
                "io.jenkins.plugins.mlops.deploy.MlDeployStep$DescriptorImpl",
                "io.jenkins.plugins.mlops.report.ReportActionFactory",
                "io.jenkins.plugins.mlops.report.TrendActionFactory",
                "io.jenkins.plugins.mlops.report.RegistryRootAction");
    }

    /**
     * Jenkins serves a plugin's static files from the .hpi's top level: the report views link the core's
     * stylesheet there, and it must be byte for byte the one mlops report writes.
     */
    @Test
    void theReportStylesheetIsServedFromTheTopLevel() throws IOException {
        try (JarFile jar = new JarFile(hpi.toFile())) {
            JarEntry css = jar.getJarEntry(io.jenkins.plugins.mlops.core.report.ReportRenderer.STYLESHEET);
            assertThat(css).as("mlops-report.css at the .hpi's top level").isNotNull();
            try (InputStream in = jar.getInputStream(css)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(io.jenkins.plugins.mlops.core.report.ReportRenderer.stylesheet());
            }
        }
        assertThat(io.jenkins.plugins.mlops.report.MlopsReportAction.STYLESHEET_PATH)
                .isEqualTo("/plugin/" + manifest.getMainAttributes().getValue("Short-Name") + "/"
                        + io.jenkins.plugins.mlops.core.report.ReportRenderer.STYLESHEET);
    }

    /**
     * Loads classes as usual but finds resources in its own jar only, so the index read is the packaged one and
     * not the copy in target/classes that is also on the test class path.
     */
    private static final class OnlyOwnResources extends URLClassLoader {
        OnlyOwnResources(URL jar) {
            super(new URL[] {jar}, HpiPackagingIT.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return findResources(name);
        }
    }

    private static List<String> stubClasses() throws IOException {
        Path stubs;
        try {
            stubs = Path.of(Extension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(stubs)) {
            try (Stream<Path> files = Files.walk(stubs)) {
                return files.filter(f -> f.toString().endsWith(".class"))
                        .map(f -> stubs.relativize(f).toString().replace('\\', '/'))
                        .toList();
            }
        }
        return entries(stubs).stream().filter(n -> n.endsWith(".class")).toList();
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return Collections.list(j.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        assertThat(v).as("system property " + property + " (set by maven-failsafe-plugin)").isNotBlank();
        return v;
    }
}
