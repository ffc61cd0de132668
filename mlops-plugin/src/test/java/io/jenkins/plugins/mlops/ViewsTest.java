package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.report.MlopsReportAction;
import io.jenkins.plugins.mlops.report.MlopsTrendAction;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be checked of the Jelly views and help pages without a running Jenkins: they parse as XML, Jelly views
 * escape every expression, and every property a view reads or a form field binds exists.
 */
class ViewsTest {

    private static final List<String> JELLY = List.of("/index.jelly",
            "/io/jenkins/plugins/mlops/train/MlTrainStep/config.jelly",
            "/io/jenkins/plugins/mlops/train/TrainingAction/index.jelly",
            "/io/jenkins/plugins/mlops/validate/MlValidateStep/config.jelly",
            "/io/jenkins/plugins/mlops/validate/ValidationAction/index.jelly",
            "/io/jenkins/plugins/mlops/registry/MlRegisterStep/config.jelly",
            "/io/jenkins/plugins/mlops/registry/RegistrationAction/index.jelly",
            "/io/jenkins/plugins/mlops/report/MlopsReportAction/index.jelly",
            "/io/jenkins/plugins/mlops/report/MlopsReportAction/summary.jelly",
            "/io/jenkins/plugins/mlops/report/MlopsTrendAction/index.jelly",
            "/io/jenkins/plugins/mlops/report/MlopsTrendAction/floatingBox.jelly",
            "/io/jenkins/plugins/mlops/report/RegistryRootAction/index.jelly",
            "/io/jenkins/plugins/mlops/report/RegistryRootAction/ModelPage/index.jelly",
            "/io/jenkins/plugins/mlops/report/RegistryRootAction/VersionPage/index.jelly",
            "/io/jenkins/plugins/mlops/report/RegistryRootAction/ComparePage/index.jelly");

    private static final List<Class<?>> ACTIONS = List.of(TrainingAction.class, ValidationAction.class,
            RegistrationAction.class);
    private static final List<Class<?>> STEPS = List.of(MlTrainStep.class, MlValidateStep.class, MlRegisterStep.class);

    @Test
    void jellyViewsAreWellFormedAndEscapeEveryExpression() throws Exception {
        for (String view : JELLY) {
            String text = read(view);
            assertThat(text).as(view).startsWith("<?jelly escape-by-default='true'?>");
            parse(view, text);
        }
    }

    @Test
    void actionViewsReadOnlyPropertiesTheActionHas() throws IOException {
        for (Class<?> action : ACTIONS) {
            String page = viewsOf(action) + "index.jelly";
            Set<String> properties = properties("it", read(page));
            assertThat(properties).as(page).isNotEmpty();
            assertHasGetters(action, properties, page);
        }
        for (String view : List.of("index.jelly", "summary.jelly")) {
            String page = viewsOf(MlopsReportAction.class) + view;
            Set<String> properties = properties("it", read(page));
            assertThat(properties).as(page).contains("stylesheetPath");
            assertHasGetters(MlopsReportAction.class, properties, page);
        }
        for (String view : List.of("index.jelly", "floatingBox.jelly")) {
            String page = viewsOf(MlopsTrendAction.class) + view;
            Set<String> properties = properties("it", read(page));
            assertThat(properties).as(page).contains("stylesheetPath");
            assertHasGetters(MlopsTrendAction.class, properties, page);
        }
    }

    /**
     * The report's views place the core's HTML unescaped (j:out) and nothing else that way: every value in it was
     * escaped by the core's renderer, and anything a view reads itself stays escaped by escape-by-default.
     */
    @Test
    void onlyTheCoresRenderedHtmlIsPlacedUnescaped() throws IOException {
        for (String view : JELLY) {
            Matcher m = Pattern.compile("<j:out value=\"\\$\\{([^}]*)\\}\"").matcher(read(view));
            while (m.find()) {
                assertThat(m.group(1)).as(view).isIn("it.reportHtml", "it.summaryHtml", "it.trendHtml",
                        "it.floatingBoxHtml", "it.getHtml(rootURL)");
            }
        }
        assertThat(read(viewsOf(MlopsReportAction.class) + "index.jelly")).contains("<j:out value=\"${it.reportHtml}\"/>");
        assertThat(read(viewsOf(MlopsReportAction.class) + "summary.jelly")).contains("<j:out value=\"${it.summaryHtml}\"/>");
    }

    /** The gate's table reads rows ({@code r}): each property must exist on the row type. */
    @Test
    void theGateTableReadsOnlyPropertiesARowHas() throws IOException {
        for (String view : List.of("index.jelly")) {
            String page = "/io/jenkins/plugins/mlops/validate/ValidationAction/" + view;
            Set<String> properties = properties("r", read(page));
            assertThat(properties).as(page).contains("status", "rule", "reason");
            assertHasGetters(ValidationAction.Row.class, properties, page);
        }
    }

    /** The registration links to the registry's page by a path built from a validated name and a number only. */
    @Test
    void theRegistryLinkIsAnHrefToTheVersionsPage() throws IOException {
        for (String view : List.of("index.jelly")) {
            assertThat(read("/io/jenkins/plugins/mlops/registry/RegistrationAction/" + view))
                    .contains("href=\"${rootURL}/${it.registryPagePath}\"");
        }
    }

    @Test
    void everyFormFieldIsAStepArgument() throws IOException {
        for (Class<?> step : STEPS) {
            Matcher m = Pattern.compile("field=\"([A-Za-z]+)\"")
                    .matcher(read(viewsOf(step) + "config.jelly"));
            Set<String> fields = new LinkedHashSet<>();
            while (m.find()) {
                fields.add(m.group(1));
            }
            assertThat(fields).as(step.getSimpleName()).isNotEmpty();
            assertThat(DataBinding.setters(step).keySet()).as(step.getSimpleName()).containsAll(fields);
        }
        assertThat(read("/io/jenkins/plugins/mlops/train/MlTrainStep/config.jelly"))
                .contains("field=\"image\"", "field=\"epochs\"", "field=\"memory\"", "field=\"timeout\"");
        assertThat(read("/io/jenkins/plugins/mlops/validate/MlValidateStep/config.jelly"))
                .contains("field=\"compareTo\"", "field=\"onFailure\"", "field=\"metricsFile\"");
        assertThat(read("/io/jenkins/plugins/mlops/registry/MlRegisterStep/config.jelly"))
                .contains("field=\"name\"", "field=\"model\"", "field=\"force\"");
    }

    @Test
    void helpPagesAreWellFormed() throws Exception {
        for (Class<?> step : STEPS) {
            String dir = viewsOf(step);
            for (String arg : DataBinding.setters(step).keySet()) {
                parse(dir + "help-" + arg + ".html", read(dir + "help-" + arg + ".html"));
            }
            parse(dir + "help.html", read(dir + "help.html"));
        }
    }

    private static Set<String> properties(String var, String view) {
        Matcher m = Pattern.compile("\\$\\{!?" + var + "\\.([A-Za-z]+)").matcher(view);
        Set<String> properties = new LinkedHashSet<>();
        while (m.find()) {
            properties.add(m.group(1));
        }
        return properties;
    }

    /** A property ({@code it.fileCount}) needs its getter; a call ({@code it.getSize()}) needs that method. */
    private static void assertHasGetters(Class<?> type, Set<String> properties, String page) {
        for (String p : properties) {
            String cap = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            boolean call = p.matches("(get|is)[A-Z].*");
            assertThat(Arrays.stream(type.getMethods()).map(Method::getName))
                    .as(type.getSimpleName() + " has a getter for " + p + " in " + page)
                    .containsAnyOf(call ? new String[] {p} : new String[] {"get" + cap, "is" + cap});
        }
    }

    private static void parse(String name, String text) throws Exception {
        try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in, name);
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ViewsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Where Stapler looks for a class's views and help pages: a folder named after the class, beside it. */
    private static String viewsOf(Class<?> type) {
        return "/" + type.getName().replace('.', '/') + "/";
    }
}
