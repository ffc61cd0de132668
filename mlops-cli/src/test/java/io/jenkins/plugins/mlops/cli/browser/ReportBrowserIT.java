package io.jenkins.plugins.mlops.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.ReportCommandRun;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.report.ReportPages;
import io.jenkins.plugins.mlops.core.report.ReportSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * The reports as a browser draws them: headless Chromium loads every page from a local HTTP server that sends
 * Jenkins' Content-Security-Policy for archived files, and the test reads what a person would see — values, marks,
 * charts — and what the console says. Two control pages show that the checks can fail: one with inline style (the
 * console must report the CSP violation) and one with an unescaped script (which must run where there is no CSP).
 * A screenshot of each page goes to target/screenshots/.
 */
class ReportBrowserIT {

    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path work;

    static Path site;
    static CspFileServer server;
    static HeadlessChromium chromium;

    @BeforeAll
    static void writeServeAndStart() throws Exception {
        site = Files.createDirectories(work.resolve("site"));
        ReportPages.write(site, work.resolve("samples"));
        // What `mlops report` writes from real inputs: a run directory, a verdict file, a registry.
        Path registry = work.resolve("registry");
        try (ModelRegistry r = ReportSamples.registry(registry, work.resolve("models"))) {
            // filled through the embedded backend
        }
        ReportCommandRun.build(work.resolve("cli"), site.resolve("cli-build.html"), registry);
        ReportCommandRun.registry(site.resolve("cli-registry.html"), registry);
        Files.writeString(site.resolve("control-inline-style.html"), "<!DOCTYPE html><html><head><title>control</title>"
                + "<style>body{color:red}</style></head><body><p style=\"color:red\">inline style</p></body></html>");
        Files.writeString(site.resolve("control-unescaped.html"), "<!DOCTYPE html><html><head><title>control</title>"
                + "</head><body><p>" + ReportSamples.HOSTILE + "</p></body></html>");
        server = new CspFileServer(site);
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Loads a page and returns what the console said while it loaded. */
    private static List<LogEntry> open(String page, boolean csp) {
        chromium.console(); // drop what earlier pages left
        chromium.driver.get(server.url(page, csp));
        return chromium.console();
    }

    private static List<String> texts(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : chromium.driver.findElements(By.cssSelector(css))) {
            out.add(e.getText().replace('\n', ' '));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"build-passed", "build-failed", "trend", "registry", "version", "compare", "cli-build",
        "cli-registry", "hostile"})
    void everyPageRendersUnderJenkinsCspWithItsStylesheetAndAQuietConsole(String page) throws Exception {
        List<LogEntry> console = open(page + ".html", true);
        assertThat(console).as("console of " + page).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .isEmpty();
        assertThat(console).as("console of " + page).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        // The stylesheet arrived through style-src 'self': cards have their rounded border and white background.
        WebElement card = chromium.driver.findElement(By.cssSelector(".mlops-card, .mlops-tile"));
        assertThat(card.getCssValue("border-top-left-radius")).isEqualTo("10px");
        assertThat(card.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        for (WebElement chart : chromium.driver.findElements(By.cssSelector("svg.mlops-chart"))) {
            Rectangle r = chart.getRect();
            assertThat(r.getWidth()).as("chart width on " + page).isGreaterThan(300);
            assertThat(r.getHeight()).as("chart height on " + page).isGreaterThan(100);
        }
        chromium.screenshot(SHOTS.resolve(page + ".png"));
    }

    /** Without this, an empty console could mean the console is not read at all. */
    @Test
    void aCspViolationIsSeenOnTheConsole() {
        List<LogEntry> console = open("control-inline-style.html", true);
        assertThat(console).anyMatch(e -> e.getLevel() == Level.SEVERE && e.getMessage().contains("Content Security Policy"));
    }

    @Test
    void theBuildReportShowsRulesMarksRoundedMetricsAndLearningCurves() {
        open("build-passed.html", true);
        assertThat(texts("table.mlops-table:has(caption) code.mlops-rule")).containsExactlyElementsOf(ReportSamples.RULES);
        assertThat(texts("#gate-1 table tbody .mlops-mark-word")).containsExactly("Passed", "Passed", "Passed", "Passed");
        String body = chromium.driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("Trained in 1 min 23 s", "rmse 0.8079", "6,043", "movie_predictor v4",
                "Serving on http://127.0.0.1:8080").doesNotContain("0.8079467341783971", "6043.0");
        List<WebElement> curves = chromium.driver.findElements(By.cssSelector("#training-1 svg.mlops-chart"));
        assertThat(curves).hasSize(2);
        assertThat(curves.get(0).findElements(By.cssSelector("g[data-series='loss'] .mlops-point"))).hasSize(12);
        assertThat(curves.get(0).findElements(By.cssSelector("g[data-series='val_loss'] .mlops-point"))).hasSize(12);
        assertThat(curves.get(0).findElements(By.cssSelector("polyline"))).hasSize(2)
                .allSatisfy(l -> assertThat(l.getRect().getWidth()).isGreaterThan(300));
        // the tile links to its section
        chromium.driver.findElement(By.cssSelector("a.mlops-tile[href='#gate-1']")).click();
        assertThat(chromium.driver.getCurrentUrl()).endsWith("#gate-1");
    }

    @Test
    void aFailedGateIsMarkedFailedInWordsAndShapes() {
        open("build-failed.html", true);
        assertThat(texts("#gate-1 table tbody .mlops-mark-word")).containsExactly("Failed", "Failed", "Failed");
        assertThat(texts("#gate-1 .mlops-worse")).contains("+0.2449 (+30%) worse");
        assertThat(chromium.driver.findElement(By.cssSelector("a.mlops-tile[href='#gate-1']")).getText())
                .contains("QUALITY GATE", "Failed", "3 of 3 rules failed");
    }

    @Test
    void theTrendDrawsEveryBuildMarksFailedGatesLinksEachPointAndShowsProduction() {
        open("trend.html", true);
        for (String metric : List.of("rmse", "mae")) {
            WebElement fig = chromium.driver.findElement(By.cssSelector("figure[data-metric='" + metric + "']"));
            assertThat(fig.findElements(By.cssSelector(".mlops-point"))).hasSize(10);
            assertThat(fig.findElements(By.cssSelector(".mlops-point-failed"))).hasSize(3);
            assertThat(fig.findElements(By.cssSelector("line.mlops-reference"))).hasSize(1);
            assertThat(fig.findElement(By.tagName("figcaption")).getText())
                    .contains("lower is better", "production (v3)", "gate failed");
            List<String> hrefs = new ArrayList<>();
            fig.findElements(By.cssSelector("a.mlops-point-link")).forEach(a -> hrefs.add(a.getDomAttribute("href")));
            assertThat(hrefs).containsExactly("../3/mlops/", "../4/mlops/", "../5/mlops/", "../6/mlops/",
                    "../7/mlops/", "../8/mlops/", "../9/mlops/", "../10/mlops/", "../11/mlops/", "../12/mlops/");
        }
        assertThat(texts("table.mlops-table tbody tr td:first-child")).startsWith("#12", "#11", "#10");
        // a point is a link a person can click: the newest build's point leads to that build's report
        List<WebElement> points = chromium.driver.findElements(By.cssSelector("figure[data-metric='rmse'] .mlops-point"));
        points.get(points.size() - 1).click();
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/12/mlops/");
    }

    @Test
    void theRegistryPageWrittenByTheCliShowsVersionsAliasesHistoryAndLinksInsideThePage() {
        open("cli-registry.html", true);
        assertThat(chromium.driver.findElement(By.cssSelector(".mlops-readonly")).getText())
                .contains("Read-only", "Promotion happens only through the pipeline");
        WebElement model = chromium.driver.findElement(By.id("model-movie_predictor"));
        assertThat(model.findElements(By.cssSelector("table:has(caption) tbody tr td:first-child")).stream()
                .map(WebElement::getText).limit(5)).containsExactly("v5", "v4", "v3", "v2", "v1");
        String history = model.findElement(By.xpath(".//table[starts-with(caption,'Alias history')]")).getText();
        assertThat(history).contains("alice", "rollback", "forced past the gate", "v4 \u2192 v3", "new \u2192 v1");
        model.findElement(By.linkText("vs v3")).click();
        assertThat(chromium.driver.getCurrentUrl()).endsWith("#compare-movie_predictor-v3-v4");
        WebElement cmp = chromium.driver.findElement(By.id("compare-movie_predictor-v3-v4"));
        assertThat(cmp.getText().replace('\n', ' ')).contains("epochs", "changed", "\u22120.0047 (\u22120.6%) better");
        assertThat(cmp.findElements(By.xpath(".//table[caption='Files']/tbody/tr"))).hasSize(3);
    }

    @Test
    void theBuildReportWrittenByTheCliShowsTheRunTheGateAndTheVersion() {
        open("cli-build.html", true);
        String body = chromium.driver.findElement(By.tagName("body")).getText();
        assertThat(body).contains("movie-predictor #12", "Quality gate passed", "significant(rmse < 0.95)",
                "Registered movie_predictor v3", "production");
        assertThat(chromium.driver.findElements(By.cssSelector("#training-1 svg.mlops-chart"))).hasSize(2);
    }

    /** With and without CSP: the hostile names are text, and nothing they carry runs, on load or on hover. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hostileNamesAreShownAsTextAndRunNothing(boolean csp) {
        open("hostile.html", csp);
        String title = chromium.driver.getTitle();
        assertThat(title).isEqualTo(ReportSamples.HOSTILE);
        assertThat(chromium.driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(chromium.driver.findElement(By.tagName("body")).getText())
                .contains("<script>document.title='pwned'</script>\"onmouseover=\"document.title='pwned'");
        for (WebElement e : chromium.driver.findElements(By.cssSelector("code.mlops-name, .mlops-h-name, .mlops-chip"))) {
            if (e.isDisplayed()) {
                new Actions(chromium.driver).moveToElement(e).perform();
            }
        }
        assertThat(chromium.driver.getTitle()).isEqualTo(title);
        // a link made from javascript: was dropped: the hostile trend point has no link at all
        assertThat(chromium.driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
    }

    /** Without this, an unchanged title could mean that nothing would have run anyway. */
    @Test
    void anUnescapedScriptWouldRunWithoutCsp() {
        open("control-unescaped.html", false);
        assertThat(chromium.driver.getTitle()).isEqualTo("pwned");
    }
}
