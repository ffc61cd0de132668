package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import hudson.model.Action;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.report.LearningCurves;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.core.validate.ArgumentStyle;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Golden build.xml records: the {@code <actions>} the three steps wrote into builds with plugin 0.1 (and 0.2, whose
 * trainings keep their learning curves), as Jenkins' XStream writes them, kept as files and read back here. Every class name of an action and every field name is in
 * users' build.xml, so a moved or renamed action class or field fails this test before old builds stop loading.
 *
 * <p>The persistence rule these fixtures hold (docs/architecture.md): a build action stores plain values (String,
 * boxed numbers, Boolean, {@link ArrayList}, {@link LinkedHashMap}) in fields of the plugin's own classes, and an
 * engine value it must keep whole in that value's documented text format (the gate's verdict as its verdict file).
 * No class of mlops-core is ever written to build.xml: the engine's classes change with the engine.
 *
 * <p>A deliberate format change keeps the old fixture (and a {@code readResolve} that upgrades it) and adds one for
 * the new format: run this class with {@code -Dmlops.fixtures.write=<dir>} to write the current one.
 */
class BuildXmlFixturesTest {

    private static final String FIXTURE_0_1 = "/io/jenkins/plugins/mlops/build-xml/actions-0.1.xml";
    /** 0.2: a training keeps its learning curves (the drawn rows of its history.csv). */
    private static final String FIXTURE = "/io/jenkins/plugins/mlops/build-xml/actions-0.2.xml";
    private static final XStream XSTREAM = JenkinsXStream.create();

    @Test
    void buildsWrittenByEarlierVersionsLoadWithEveryValue() throws Exception {
        List<?> actions = (List<?>) XSTREAM.fromXML(fixture(FIXTURE_0_1));
        assertRecords(actions);
        assertThat(((TrainingAction) actions.get(0)).getLearningCurves().isEmpty()).as("0.1 kept no curves").isTrue();
        assertThat(((TrainingAction) actions.get(0)).getHistoryForApi()).isNull();
    }

    @Test
    void buildsWithLearningCurvesLoadThemWithTheirGapsAndNonFiniteValues() throws Exception {
        List<?> actions = (List<?>) XSTREAM.fromXML(fixture(FIXTURE));
        assertRecords(actions);
        LearningCurves curves = ((TrainingAction) actions.get(0)).getLearningCurves();
        assertThat(curves.stepName()).isEqualTo("epoch");
        assertThat(curves.steps()).containsExactly(1.0, 2.0, 3.0);
        assertThat(curves.columns().get("loss")).containsExactly(0.9, 0.7, Double.NaN);
        assertThat(curves.columns().get("val_loss")).containsExactly(null, 0.8, 0.75);
        assertThat(curves.historyRows()).isEqualTo(300);
        assertThat(curves.historyColumns()).isEqualTo(2);
        assertThat(curves.omitted()).contains("3 of its 300 epochs");
    }

    private static void assertRecords(List<?> actions) {

        assertThat(actions).hasSize(3);
        TrainingAction training = (TrainingAction) actions.get(0);
        assertThat(training.getCallId()).isEqualTo("7-abcdef01");
        assertThat(training.getName()).isEqualTo("nightly");
        assertThat(training.getImage()).isEqualTo("trainer:1");
        assertThat(training.getImageId()).isEqualTo("sha256:abc");
        assertThat(training.getModel()).isEqualTo(".mlops/runs/7-abcdef01/model");
        assertThat(training.getDurationMillis()).isEqualTo(83_500L);
        assertThat(training.getParams()).containsEntry("epochs", 2).containsEntry("optimizer", "adam");
        assertThat(training.getMetrics()).containsEntry("rmse", 0.91);
        assertThat(training.getMetrics().get("nan")).isNaN();

        ValidationAction gate = (ValidationAction) actions.get(1);
        assertThat(gate.getCallId()).isEqualTo("7-0badf00d");
        assertThat(gate.getSummary()).isEqualTo("Gate FAILED: 1 of 2 rules failed, 1 passed");
        assertThat(gate.getVerdict().getResults()).extracting(r -> r.getStatus())
                .containsExactly(RuleStatus.PASSED, RuleStatus.FAILED);
        assertThat(gate.getMetrics()).containsEntry("rmse", 0.91);
        assertThat(gate.getBaselineDescription()).isEqualTo("build #6");
        assertThat(gate.getOnFailure()).isEqualTo("UNSTABLE");
        assertThat(gate.getRows().get(1).getReason()).isEqualTo("rmse = 0.91 is not <= baseline.rmse = 0.9");

        RegistrationAction registration = (RegistrationAction) actions.get(2);
        assertThat(registration.getName()).isEqualTo("movie_predictor");
        assertThat(registration.getVersion()).isEqualTo(3);
        assertThat(registration.getGate()).isEqualTo("failed");
        assertThat(registration.getAliases()).containsExactly("candidate");
        assertThat(registration.getGitCommit()).isEqualTo("feedface");
    }

    /**
     * What this version writes has the fixture's shape: the same classes and fields at the same places. A renamed
     * field or class shows here with both spellings.
     */
    @Test
    void thisVersionWritesTheFixturesShape() throws Exception {
        String written = XSTREAM.toXML(currentActions());
        String target = System.getProperty("mlops.fixtures.write");
        if (target != null) {
            Files.writeString(Path.of(target).resolve("actions-current.xml"), written, StandardCharsets.UTF_8);
        }
        assertThat(shape(written)).isEqualTo(shape(fixture(FIXTURE)));
    }

    /** The fixture's content, built as the steps build it. */
    private static ArrayList<Action> currentActions() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("optimizer", "adam");
        params.put("epochs", 2);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.91);
        metrics.put("nan", Double.NaN);
        TrainingSpec spec = TrainingSpec.builder().image("trainer:1").name("nightly").outputDir("/ws/out").build();
        TrainingResult trained = new TrainingResult("run-1a2b", "sha256:abc", 0, "/ws/.mlops/runs/7-abcdef01",
                "/ws/.mlops/runs/7-abcdef01/model", metrics, params, "sha256:data", Duration.ofMillis(83_500));
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        columns.put("loss", List.of(0.9, 0.7, Double.NaN));
        columns.put("val_loss", java.util.Arrays.asList(null, 0.8, 0.75));
        TrainingAction training = TrainingAction.succeeded("7-abcdef01", spec, trained, ".mlops/runs/7-abcdef01/model",
                TrainingAction.Curves.of(LearningCurves.of("epoch", List.of(1.0, 2.0, 3.0), columns, 300, 2), null));

        ValidationSpec gateSpec = ValidationSpec.builder(ArgumentStyle.STEP)
                .thresholds(List.of("rmse < 0.95", "rmse <= baseline.rmse")).metrics(Map.of("rmse", 0.91))
                .compareTo("previous").onFailure("UNSTABLE").build();
        ValidationAction gate = new ValidationAction("7-0badf00d", gateSpec,
                MetricGate.evaluate(gateSpec.getRules(), gateSpec.getMetrics(), Baseline.of(Map.of("rmse", 0.9),
                        "build #6"), (Path) null, gateSpec.getOptions()), null);

        Lineage lineage = Lineage.builder().job("team/movies").buildNumber(7).buildUrl("job/movies/7/")
                .gitCommit("feedface").gitUrl("https://git.example/movies.git").trainingImageId("sha256:abc")
                .dataDigest("sha256:data").actor("team/movies #7").build();
        ModelVersion version = new ModelVersion("movie_predictor", 3, "sha256:record",
                Instant.parse("2026-01-02T03:04:05Z"), List.of(new ModelFile("weights.bin", "sha256:w", 1000)),
                Map.of("rmse", 0.91), Map.of("epochs", 2), GateRecord.of(false, "{\"summary\":\"Gate FAILED\"}"),
                lineage);
        RegistrationAction registration = new RegistrationAction(version, List.of("candidate"), false,
                "mlops-registry");
        return new ArrayList<>(List.of(training, gate, registration));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = BuildXmlFixturesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every element's path from the root ({@code list/io...TrainingAction/params/entry}), without values. */
    private static TreeSet<String> shape(String xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getDocumentElement();
        TreeSet<String> paths = new TreeSet<>();
        collect(root, root.getTagName(), paths);
        return paths;
    }

    private static void collect(Element e, String path, TreeSet<String> paths) {
        paths.add(path);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, path + "/" + child.getTagName(), paths);
            }
        }
    }
}
