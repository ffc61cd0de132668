package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * The renderer's output read back as markup (every fragment is well-formed XML by construction): what each view
 * shows, and that nothing from a Jenkinsfile, container or registry becomes markup. The browser tests check the same
 * pages as a browser draws them.
 */
class ReportRendererTest {

    @TempDir
    Path work;

    private final ReportRenderer renderer = new ReportRenderer(ReportLinks.IN_PAGE);

    @Test
    void theBuildReportShowsEveryRuleWithItsMarkAndRoundedNumbers() throws Exception {
        Document d = parse(renderer.buildReport(ReportSamples.passedBuild(work)));
        List<String> rules = texts(d, "//table[caption='Rules']//code[@class='mlops-rule']");
        assertThat(rules).containsExactlyElementsOf(ReportSamples.RULES);
        assertThat(texts(d, "//table[caption='Rules']//span[@class='mlops-mark-word']"))
                .containsExactly("Passed", "Passed", "Passed", "Passed");
        String text = d.getDocumentElement().getTextContent();
        assertThat(text).contains("0.8079", "6,043", "1 min 23 s", "movie_predictor v4", "candidate")
                .doesNotContain("0.8079467341783971", "6043.0");
        // the exact value stays available as a tooltip
        assertThat(nodes(d, "//td[@title='0.8079467341783971']").getLength()).isGreaterThan(0);
        // learning curves: loss with val_loss in one chart, val_rmse alone; 12 points each
        assertThat(nodes(d, "//section[@id='training-1']//svg[@class='mlops-chart']").getLength()).isEqualTo(2);
        assertThat(nodes(d, "//g[@data-series='val_loss']//*[contains(concat(' ',@class,' '),' mlops-point ')]").getLength()).isEqualTo(12);
    }

    @Test
    void theSummaryBoxSaysInALineOrTwoWhatTheBuildDid() throws Exception {
        Document passed = parse(renderer.summary(ReportSamples.passedBuild(work), "mlops/"));
        assertThat(texts(passed, "//p[@class='mlops-summary-head']")).containsExactly(
                " ML report: gate passed (4 of 4 rules passed) \u00b7 registered movie_predictor v4 (candidate)"
                        + " \u00b7 deployed movie_predictor v4 \u2192 movie-predictor");
        assertThat(texts(passed, "//a/@href")).containsExactly("mlops/");
        assertThat(texts(passed, "//ul[@class='mlops-summary-metrics']/li")).containsExactly(
                "rmse 0.8075 \u22120.005118 (\u22120.6%) better vs baseline",
                "mae 0.6447 \u22120.005477 (\u22120.8%) better vs baseline");
        Document failed = parse(renderer.summary(ReportSamples.failedBuild(), "mlops/"));
        assertThat(texts(failed, "//p[@class='mlops-summary-head']")).containsExactly(
                " ML report: gate failed (3 of 3 rules failed)");
        // several gates are one line
        BuildReport two = new BuildReport("b", null, List.of(), List.of(GateSection.of(ReportSamples.failedVerdict()),
                GateSection.of(ReportSamples.firstBuildVerdict())), List.of(), List.of());
        assertThat(texts(parse(renderer.summary(two, null)), "//p")).containsExactly(" ML report: 1 of 2 gates failed");
    }

    @Test
    void aFailedGateMarksItsRulesAndSaysWorse() throws Exception {
        Document d = parse(renderer.buildReport(ReportSamples.failedBuild()));
        assertThat(texts(d, "//table[caption='Rules']//span[@class='mlops-mark-word']"))
                .containsExactly("Failed", "Failed", "Failed");
        assertThat(texts(d, "//table[caption='Rules']//span[contains(@class,'mlops-worse')]"))
                .containsExactly("+0.2449 (+30%) worse");
        assertThat(texts(d, "//header/h1")).containsExactly(" movie-predictor #13");
        // no interval column when no rule and no metric has one
        assertThat(texts(d, "//table[caption='Rules']//th")).doesNotContain("Interval");
    }

    @Test
    void pairedDifferencesAndIntervalsFoldIntoTheirMetricsRow() throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", 0.80);
        m.put("rmse.ci_low", 0.78);
        m.put("rmse.ci_high", 0.82);
        m.put("delta.rmse", -0.012);
        m.put("delta.rmse.ci_low", -0.02);
        m.put("delta.rmse.ci_high", -0.004);
        io.jenkins.plugins.mlops.core.validate.GateVerdict v = io.jenkins.plugins.mlops.core.validate.MetricGate.evaluate(
                io.jenkins.plugins.mlops.core.validate.rules.RuleSet.parse("t", List.of("delta.rmse < 0")), m,
                io.jenkins.plugins.mlops.core.validate.Baseline.of(Map.of("rmse", 0.812), "production"),
                (io.jenkins.plugins.mlops.core.validate.stats.Predictions) null,
                io.jenkins.plugins.mlops.core.validate.GateOptions.defaults());
        GateSection g = GateSection.of(v);
        assertThat(g.metricRows()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("rmse");
            assertThat(r.paired()).isTrue();
            assertThat(r.difference()).isEqualTo(-0.012);
            assertThat(r.differenceLow()).isEqualTo(-0.02);
            assertThat(r.ciHigh()).isEqualTo(0.82);
        });
        Document d = parse(renderer.buildReport(new BuildReport("b", null, List.of(), List.of(g), List.of(), List.of())));
        assertThat(texts(d, "//table[caption='Metrics']//th")).contains("Difference (paired)", "Difference interval");
        assertThat(d.getDocumentElement().getTextContent()).contains("[\u22120.02, \u22120.004] 95%");
    }

    @Test
    void theTrendDrawsOnePointPerBuildCrossesForFailedGatesAndTheProductionLine() throws Exception {
        MetricTrend t = ReportSamples.trend();
        Document d = parse(renderer.trend(t));
        assertThat(nodes(d, "//svg[@class='mlops-chart']").getLength()).isEqualTo(2);
        for (String metric : List.of("rmse", "mae")) {
            String fig = "//figure[@data-metric='" + metric + "']";
            assertThat(nodes(d, fig + "//*[contains(concat(' ',@class,' '),' mlops-point ')]").getLength()).isEqualTo(10);
            assertThat(nodes(d, fig + "//*[contains(@class,'mlops-point-failed')]").getLength()).isEqualTo(3);
            assertThat(nodes(d, fig + "//line[@class='mlops-reference']").getLength()).isEqualTo(1);
        }
        assertThat(texts(d, "//figure[@data-metric='rmse']//a/@href")).hasSize(10).contains("../12/mlops/", "../3/mlops/");
        assertThat(texts(d, "//figcaption")).allSatisfy(c -> assertThat(c).contains("lower is better", "production (v3)"));
    }

    @Test
    void theRegistryViewsShowVersionsAliasHistoryAndComparison() throws Exception {
        try (ModelRegistry r = ReportSamples.registry(work.resolve("reg"), work.resolve("models"))) {
            RegistryViews.Model model = RegistryViews.model(r, "movie_predictor");
            Document overview = parse(renderer.registry(RegistryViews.overview(r)));
            assertThat(texts(overview, "//table[caption='Models']//code[@class='mlops-name']"))
                    .containsExactly("churn_model", "movie_predictor");
            assertThat(overview.getDocumentElement().getTextContent()).contains("Promotion happens only through the pipeline");

            Document page = parse(renderer.model(model));
            assertThat(texts(page, "//table[caption='Versions']/tbody/tr/td[1]")).containsExactly("v5", "v4", "v3", "v2", "v1");
            assertThat(texts(page, "//table[caption='Versions']//span[@class='mlops-mark-word']"))
                    .containsExactly("Failed", "Passed", "Passed", "Failed", "Passed");
            List<String> how = texts(page, "//table[starts-with(caption,'Alias history')]/tbody/tr/td[5]");
            assertThat(how).containsExactly("set forced past the gate", "rollback", "set", "set", "set", "set");
            assertThat(texts(page, "//table[starts-with(caption,'Alias history')]/tbody/tr[2]/td[4]")).containsExactly("alice");
            // every point of the trend over versions links to its version's section
            assertThat(texts(page, "//figure[@data-metric='rmse']//a/@href")).containsExactly(
                    "#model-movie_predictor-v1", "#model-movie_predictor-v2", "#model-movie_predictor-v3",
                    "#model-movie_predictor-v4", "#model-movie_predictor-v5");
            assertThat(texts(page, "//table[caption='Versions']//td/a[starts-with(.,'vs')]/@href"))
                    .contains("#compare-movie_predictor-v3-v4");

            Document version = parse(renderer.version(model, 4));
            assertThat(texts(version, "//table[caption='Rules']//code[@class='mlops-rule']"))
                    .containsExactly("rmse < 0.9", "mae < 0.75");
            assertThat(texts(version, "//table[caption='Files']//code[@class='mlops-digest']"))
                    .allSatisfy(dg -> assertThat(dg).matches("sha256:[0-9a-f]{64}"));
            assertThat(texts(version, "//a/@href")).contains("https://ci.example.org/job/ml/job/movie-predictor/job/main/13/");

            Document cmp = parse(renderer.comparison(RegistryViews.compare(r, "movie_predictor", 3, 4)));
            assertThat(texts(cmp, "//table[caption='Metrics']/tbody/tr[1]/td")).containsExactly("rmse", "0.8126",
                    "0.8079", "\u22120.0047 (\u22120.6%) better");
            assertThat(texts(cmp, "//table[caption='Parameters']/tbody/tr/td[4]")).containsExactly("changed", "same", "changed");
            assertThat(texts(cmp, "//table[caption='Files']/tbody/tr/td[6]")).containsOnly("changed");
        }
    }

    /** Names and texts from a Jenkinsfile, a container or a foreign registry are text, never markup. */
    @Test
    void hostileNamesAreEscapedEverywhere() throws Exception {
        ReportSamples.Hostile evil = ReportSamples.hostile(work);
        assertThat(evil.build().trainings().get(0).curves().series()).containsOnlyKeys(ReportSamples.HOSTILE);
        List<String> pages = List.of(renderer.buildReport(evil.build()), renderer.trend(evil.trend()),
                renderer.model(evil.model()), renderer.version(evil.model(), 1),
                renderer.comparison(evil.comparison()), renderer.registry(evil.overview()));
        for (String html : pages) {
            Document d = parse(html);
            assertThat(nodes(d, "//script").getLength()).as(html).isZero();
            assertNoEventHandlerOrScriptUrl(d.getDocumentElement());
            assertThat(d.getDocumentElement().getTextContent()).contains("<script>document.title='pwned'</script>");
        }
    }

    private static void assertNoEventHandlerOrScriptUrl(Element e) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            String name = attrs.item(i).getNodeName();
            assertThat(name).as("attribute of <" + e.getTagName() + ">").doesNotStartWith("on");
            if (name.equals("href")) {
                assertThat(attrs.item(i).getNodeValue()).doesNotStartWithIgnoringCase("javascript:");
            }
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c) {
                assertNoEventHandlerOrScriptUrl(c);
            }
        }
    }

    @Test
    void aStandalonePageLinksItsStylesheetAndHasNoInlineStyleOrScript() throws Exception {
        String page = ReportRenderer.page("t <x>", ReportRenderer.STYLESHEET, "footer",
                List.of(renderer.buildReport(ReportSamples.passedBuild(work))));
        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<link rel=\"stylesheet\" href=\"mlops-report.css\">", "<title>t &lt;x&gt;</title>")
                .doesNotContain("<style", " style=", "<script", "http://www.w3.org/1999/xhtml");
        assertThat(ReportRenderer.stylesheet()).contains(".mlops-card").doesNotContain("@import", "url(");
    }

    static Document parse(String fragment) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(("<root>" + fragment + "</root>")
                .getBytes(StandardCharsets.UTF_8)));
    }

    static NodeList nodes(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    static List<String> texts(Document d, String xpath) throws Exception {
        NodeList n = nodes(d, xpath);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }
}
