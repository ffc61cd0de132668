package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.testing.DataBinding;
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
            "/io/jenkins/plugins/mlops/MlTrainStep/config.jelly",
            "/io/jenkins/plugins/mlops/TrainingAction/index.jelly",
            "/io/jenkins/plugins/mlops/TrainingAction/summary.jelly");

    @Test
    void jellyViewsAreWellFormedAndEscapeEveryExpression() throws Exception {
        for (String view : JELLY) {
            String text = read(view);
            assertThat(text).as(view).startsWith("<?jelly escape-by-default='true'?>");
            parse(view, text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.jelly", "summary.jelly"})
    void actionViewsReadOnlyPropertiesTheActionHas(String view) throws IOException {
        Matcher m = Pattern.compile("\\$\\{!?it\\.([A-Za-z]+)")
                .matcher(read("/io/jenkins/plugins/mlops/TrainingAction/" + view));
        Set<String> properties = new LinkedHashSet<>();
        while (m.find()) {
            properties.add(m.group(1));
        }
        assertThat(properties).isNotEmpty();
        for (String p : properties) {
            String cap = Character.toUpperCase(p.charAt(0)) + p.substring(1);
            assertThat(Arrays.stream(TrainingAction.class.getMethods()).map(Method::getName))
                    .as("TrainingAction has a getter for ${it." + p + "} in " + view)
                    .containsAnyOf("get" + cap, "is" + cap);
        }
    }

    @Test
    void everyFormFieldIsAStepArgument() throws IOException {
        Matcher m = Pattern.compile("field=\"([A-Za-z]+)\"")
                .matcher(read("/io/jenkins/plugins/mlops/MlTrainStep/config.jelly"));
        Set<String> fields = new LinkedHashSet<>();
        while (m.find()) {
            fields.add(m.group(1));
        }
        assertThat(DataBinding.setters(MlTrainStep.class).keySet()).containsAll(fields);
        assertThat(fields).contains("image", "epochs", "command", "memory", "timeout");
    }

    @Test
    void helpPagesAreWellFormed() throws Exception {
        for (String arg : DataBinding.setters(MlTrainStep.class).keySet()) {
            String page = "/io/jenkins/plugins/mlops/MlTrainStep/help-" + arg + ".html";
            parse(page, read(page));
        }
        parse("help.html", read("/io/jenkins/plugins/mlops/MlTrainStep/help.html"));
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
}
