package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.deploy.MlDeployStep;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One source per argument's description: the {@code help-<argument>.html} beside each step (what the Snippet
 * Generator and the step reference in Jenkins show). Every argument has one, and docs/steps.md's argument tables are
 * rendered from them: this test fails when the two differ. After editing a help file, run it with
 * {@code -Dmlops.docs.write=true} to rewrite the tables in docs/steps.md.
 */
class StepReferenceTest {

    private static final Map<String, Class<? extends Step>> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("mlTrain", MlTrainStep.class);
        STEPS.put("mlValidate", MlValidateStep.class);
        STEPS.put("mlRegister", MlRegisterStep.class);
        STEPS.put("mlDeploy", MlDeployStep.class);
    }

    private static final Path STEPS_MD = Path.of("..", "docs", "steps.md");

    @Test
    void everyArgumentHasItsHelpFile() throws IOException {
        for (Class<? extends Step> step : STEPS.values()) {
            for (String argument : arguments(step).keySet()) {
                assertThat(help(step, argument)).as(step.getSimpleName() + " " + argument).isNotBlank();
            }
        }
    }

    @Test
    void theStepReferenceIsRenderedFromTheHelpFiles() throws IOException {
        String doc = Files.readString(STEPS_MD, StandardCharsets.UTF_8);
        String rendered = doc;
        for (Map.Entry<String, Class<? extends Step>> e : STEPS.entrySet()) {
            rendered = replaceBlock(rendered, e.getKey(), table(e.getValue()));
        }
        if (Boolean.getBoolean("mlops.docs.write")) {
            Files.writeString(STEPS_MD, rendered, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("docs/steps.md's argument tables are rendered from the help files; run this test with"
                + " -Dmlops.docs.write=true after changing one").isEqualTo(rendered);
    }

    private static final Pattern FORM_FIELD = Pattern.compile("field=\"(\\w+)\"");

    /**
     * The setters Pipeline binds, with their types, in the order the Snippet Generator's form shows them (its
     * config.jelly; inherited arguments such as mlTrain's {@code image} included), then any the form leaves out.
     */
    private static Map<String, Type> arguments(Class<?> step) throws IOException {
        Map<String, Type> setters = new LinkedHashMap<>();
        for (Method m : step.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                setters.put(name, m.getGenericParameterTypes()[0]);
            }
        }
        Map<String, Type> ordered = new LinkedHashMap<>();
        String resource = "/" + step.getName().replace('.', '/') + "/config.jelly";
        String form;
        try (InputStream in = step.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher field = FORM_FIELD.matcher(form);
        while (field.find()) {
            if (setters.containsKey(field.group(1))) {
                ordered.put(field.group(1), setters.remove(field.group(1)));
            }
        }
        ordered.putAll(setters);
        return ordered;
    }

    private static String table(Class<? extends Step> step) throws IOException {
        StringBuilder b = new StringBuilder("| argument | type | meaning |\n| --- | --- | --- |\n");
        for (Map.Entry<String, Type> a : arguments(step).entrySet()) {
            b.append("| `").append(a.getKey()).append("` | ").append(typeName(a.getValue())).append(" | ")
                    .append(markdown(help(step, a.getKey()))).append(" |\n");
        }
        return b.toString();
    }

    private static String typeName(Type t) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Map.class.isAssignableFrom(raw)) {
                return "Map";
            }
            List<String> args = new ArrayList<>();
            for (Type a : p.getActualTypeArguments()) {
                args.add(typeName(a));
            }
            return raw.getSimpleName() + "&lt;" + String.join(", ", args) + "&gt;";
        }
        return ((Class<?>) t).getSimpleName();
    }

    private static String help(Class<?> step, String argument) throws IOException {
        String resource = "/" + step.getName().replace('.', '/') + "/help-" + argument + ".html";
        try (InputStream in = step.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final Pattern CODE = Pattern.compile("<code>(.*?)</code>", Pattern.DOTALL);

    /**
     * A help page's HTML as one Markdown table cell: {@code <code>} becomes a code span (entities decoded inside
     * it), paragraphs and list items run on, entities stay entities elsewhere, {@code |} is escaped.
     */
    static String markdown(String html) {
        String s = html.replaceAll("\\s+", " ");
        Matcher m = CODE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String code = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&amp;", "&");
            String fence = code.contains("`") ? "`` " : "`";
            m.appendReplacement(out, Matcher.quoteReplacement(fence + code + (fence.length() > 1 ? " ``" : "`")));
        }
        m.appendTail(out);
        s = out.toString()
                .replaceAll("</?div>", "")
                .replaceAll("<ul>\\s*<li>", " ")
                .replaceAll("</li>\\s*<li>", " · ")
                .replaceAll("</li>\\s*</ul>", " ")
                .replaceAll("</?p>", " ")
                .replaceAll("\\s+", " ")
                .trim();
        return s.replace("|", "\\|");
    }

    /** Replaces what stands between the step's two markers in docs/steps.md. */
    private static String replaceBlock(String doc, String step, String table) {
        String begin = "<!-- arguments of " + step + ": rendered from its help-*.html by StepReferenceTest -->\n";
        String end = "<!-- end of the arguments of " + step + " -->";
        int a = doc.indexOf(begin);
        int z = doc.indexOf(end);
        assertThat(a).as("docs/steps.md has the marker " + begin.trim()).isNotNegative();
        assertThat(z).as("docs/steps.md has the marker " + end).isGreaterThan(a);
        return doc.substring(0, a + begin.length()) + table + doc.substring(z);
    }
}
