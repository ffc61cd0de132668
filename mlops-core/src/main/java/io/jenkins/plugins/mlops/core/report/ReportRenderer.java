package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one renderer of the plugin's pages: turns the report model into HTML fragments — the build report, the metric
 * trend and the registry views — that the Jenkins views place as they are and that {@code mlops report} wraps into
 * a standalone page ({@link #page}).
 *
 * <p>Made to render under Jenkins' Content-Security-Policy for archived files ({@code sandbox; default-src 'none';
 * img-src 'self'; style-src 'self';}): no script, no {@code style} element or attribute, no external request. The
 * look comes from one stylesheet ({@link #STYLESHEET}) linked from the page, and the page stays readable without
 * it: marks carry words, charts draw with SVG presentation attributes. Every value from outside is escaped by
 * {@link Html}.
 */
public final class ReportRenderer {

    /** The stylesheet's file name: written beside a standalone page, served by the plugin inside Jenkins. */
    public static final String STYLESHEET = "mlops-report.css";

    private final ReportLinks links;
    private final boolean readOnlyNotice;

    public ReportRenderer(ReportLinks links) {
        this(links, true);
    }

    private ReportRenderer(ReportLinks links, boolean readOnlyNotice) {
        this.links = links == null ? ReportLinks.NONE : links;
        this.readOnlyNotice = readOnlyNotice;
    }

    /**
     * The same renderer, whose registry views leave out the read-only notice: for the second and later registry
     * views of one page, where the first one has said it.
     */
    public ReportRenderer withoutReadOnlyNotice() {
        return new ReportRenderer(links, false);
    }

    boolean readOnlyNotice() {
        return readOnlyNotice;
    }

    /** The stylesheet's text (a resource of this package). */
    public static String stylesheet() {
        try (InputStream in = ReportRenderer.class.getResourceAsStream(STYLESHEET)) {
            if (in == null) {
                throw new IllegalStateException(STYLESHEET + " is missing from mlops-core");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STYLESHEET, e);
        }
    }

    /**
     * A whole HTML document around fragments of this renderer, linking the stylesheet at {@code stylesheetHref}
     * (relative to the page; {@link #STYLESHEET} when it lies beside it).
     */
    public static String page(String title, String stylesheetHref, String footer, List<String> fragments) {
        Html h = new Html();
        h.open("html", "lang", "en").nl();
        h.open("head").nl();
        h.empty("meta", "charset", "utf-8").nl();
        h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").nl();
        h.empty("meta", "name", "generator", "content", "MLOps Pipeline").nl();
        h.element("title", title).nl();
        h.empty("link", "rel", "stylesheet", "href", stylesheetHref).nl();
        h.close().nl();
        h.open("body", "class", "mlops-page").nl();
        h.open("main", "class", "mlops-main").nl();
        for (String f : fragments) {
            h.fragment(f).nl();
        }
        h.close().nl();
        if (footer != null) {
            h.element("footer", footer, "class", "mlops-footer").nl();
        }
        h.close().nl();
        h.close().nl();
        return "<!DOCTYPE html>\n" + h;
    }

    /** A page's content when what it would show cannot be read: the message, escaped, in a failure box. */
    public static String problem(String message) {
        Html h = new Html();
        h.open("div", "class", "mlops-report");
        h.open("div", "class", "mlops-alert mlops-alert-failed");
        Parts.mark(h, Mark.FAILED, "Cannot show this page");
        h.element("p", message);
        h.close().close();
        return h.toString();
    }

    // ---------------------------------------------------------------- (a) the build report

    /** The report of one build: a headline, one tile per step, then each step's section in full. */
    public String buildReport(BuildReport r) {
        Html h = new Html();
        h.open("div", "class", "mlops-report").nl();
        h.open("header", "class", "mlops-header");
        h.open("h1");
        Parts.icon(h, r.mark(), 22);
        h.text(" ").text(r.title());
        h.close();
        if (r.subtitle() != null) {
            h.element("p", r.subtitle(), "class", "mlops-subtitle");
        }
        h.close().nl();
        if (r.isEmpty()) {
            Parts.note(h, "No ML step (mlTrain, mlValidate, mlRegister, mlDeploy) recorded anything in this build.");
        } else {
            tiles(h, r);
        }
        int i = 0;
        for (TrainingSection t : r.trainings()) {
            training(h, t, "training-" + ++i);
        }
        i = 0;
        for (GateSection g : r.gates()) {
            gate(h, g, "gate-" + ++i);
        }
        i = 0;
        for (RegistrationSection reg : r.registrations()) {
            registration(h, reg, "registration-" + ++i);
        }
        i = 0;
        for (DeploymentSection d : r.deployments()) {
            deployment(h, d, "deployment-" + ++i);
        }
        h.close();
        return h.toString();
    }

    /**
     * The build page's summary box (as JUnit and Coverage show one): a line saying whether the ML steps passed, with
     * a link to the report, and a line with the gate's headline metrics against the baseline and what was
     * registered and deployed. Several gates are one line, not several identical entries.
     */
    public String summary(BuildReport r, String reportHref) {
        Html h = new Html();
        h.open("div", "class", "mlops-report mlops-summary");
        h.open("p", "class", "mlops-summary-head");
        Parts.icon(h, r.mark(), 16);
        h.text(" ");
        Parts.link(h, "ML report", reportHref);
        h.text(": ");
        List<String> parts = new ArrayList<>();
        long failedGates = r.gates().stream().filter(g -> g.mark() == Mark.FAILED).count();
        if (!r.gates().isEmpty()) {
            parts.add(r.gates().size() == 1 ? "gate " + (failedGates == 0 ? "passed" : "failed") + " ("
                    + counts(r.gates().get(0).verdict()) + ")"
                    : failedGates == 0 ? "all " + r.gates().size() + " gates passed"
                    : failedGates + " of " + r.gates().size() + " gates failed");
        }
        long failedTrainings = r.trainings().stream().filter(t -> !t.succeeded()).count();
        if (failedTrainings > 0) {
            parts.add(failedTrainings == 1 ? "a training failed" : failedTrainings + " trainings failed");
        } else if (!r.trainings().isEmpty() && r.gates().isEmpty()) {
            parts.add(r.trainings().size() == 1 ? "trained in " + Display.duration(r.trainings().get(0).duration())
                    : r.trainings().size() + " trainings");
        }
        for (RegistrationSection reg : r.registrations()) {
            parts.add("registered " + reg.name() + " v" + reg.version()
                    + (reg.aliases().isEmpty() ? "" : " (" + String.join(", ", reg.aliases()) + ")"));
        }
        for (DeploymentSection d : r.deployments()) {
            parts.add((d.outcome() == Mark.FAILED ? "deployment failed: " : "deployed ") + d.title());
        }
        h.text(parts.isEmpty() ? "nothing recorded" : String.join(" \u00b7 ", parts));
        h.close();
        GateSection last = r.gates().isEmpty() ? null : r.gates().get(r.gates().size() - 1);
        if (last != null) {
            Map<String, Direction> directions = Direction.fromRules(last.ruleTexts());
            List<GateSection.MetricRow> rows = last.metricRows().stream()
                    .filter(m -> last.checkedMetrics().contains(m.name()) && m.value() != null).limit(3).toList();
            if (!rows.isEmpty()) {
                h.open("ul", "class", "mlops-summary-metrics");
                for (GateSection.MetricRow m : rows) {
                    h.open("li").element("code", m.name()).text(" ");
                    h.element("strong", Display.number(m.value()), "title", Display.exact(m.value()));
                    if (m.difference() != null) {
                        h.text(" ");
                        Parts.difference(h, m.difference(), m.baseline(), Direction.of(m.name(), directions));
                        h.text(" vs baseline");
                    }
                    h.close();
                }
                h.close();
            }
        }
        h.close();
        return h.toString();
    }

    /** The five-second answer: one tile per kind of step, each linking to its section below. */
    private void tiles(Html h, BuildReport r) {
        h.open("div", "class", "mlops-tiles").nl();
        int i = 0;
        for (TrainingSection t : r.trainings()) {
            tile(h, "#training-" + ++i, t.succeeded() ? Mark.PASSED : Mark.FAILED, "Training",
                    t.succeeded() ? "Trained in " + Display.duration(t.duration()) : "Failed: " + t.failure());
            List<String> headline = headlineMetrics(r, t.metrics());
            if (!headline.isEmpty()) {
                h.open("ul", "class", "mlops-tile-metrics");
                for (String m : headline) {
                    h.open("li").element("code", m).text(" ");
                    h.element("strong", Display.number(t.metrics().get(m)), "title", Display.exact(t.metrics().get(m)));
                    h.close();
                }
                h.close();
            }
            h.close().nl();
        }
        i = 0;
        for (GateSection g : r.gates()) {
            GateVerdict v = g.verdict();
            tile(h, "#gate-" + ++i, g.mark(), g.title(), v.isPassed() ? "Passed" : "Failed");
            h.element("p", counts(v), "class", "mlops-tile-detail");
            h.element("p", v.isBaselineAvailable() ? "Baseline: " + v.getBaselineDescription()
                    : "No baseline (" + v.getBaselineDescription() + ")", "class", "mlops-tile-detail");
            h.close().nl();
        }
        i = 0;
        for (RegistrationSection reg : r.registrations()) {
            tile(h, "#registration-" + ++i, reg.gate(), "Registered", reg.name() + " v" + reg.version());
            h.open("p", "class", "mlops-tile-detail");
            if (reg.aliases().isEmpty()) {
                h.text("No aliases");
            } else {
                Parts.aliases(h, reg.aliases());
                if (reg.forced()) {
                    h.element("span", "forced", "class", "mlops-chip mlops-chip-warning");
                }
            }
            h.close();
            h.close().nl();
        }
        i = 0;
        for (DeploymentSection d : r.deployments()) {
            tile(h, "#deployment-" + ++i, d.outcome(), "Deployment", d.title());
            if (d.summary() != null) {
                h.element("p", d.summary(), "class", "mlops-tile-detail");
            }
            h.close().nl();
        }
        h.close().nl();
    }

    /** Opens a tile (the caller adds details and closes it). */
    private static void tile(Html h, String href, Mark mark, String kind, String headline) {
        h.open("a", "class", "mlops-tile mlops-tile-" + mark.css(), "href", href);
        h.open("span", "class", "mlops-tile-kind");
        Parts.icon(h, mark, 16);
        h.text(" ").text(kind);
        h.element("span", mark.word(), "class", "mlops-visually-hidden");
        h.close();
        h.element("span", headline, "class", "mlops-tile-headline");
    }

    /** The metrics the build's gates checked, else the first three the training reported. */
    private static List<String> headlineMetrics(BuildReport r, Map<String, Double> metrics) {
        List<String> checked = new ArrayList<>();
        for (GateSection g : r.gates()) {
            for (String m : g.checkedMetrics()) {
                if (metrics.containsKey(m) && !checked.contains(m)) {
                    checked.add(m);
                }
            }
        }
        if (checked.isEmpty()) {
            metrics.keySet().stream().limit(3).forEach(checked::add);
        }
        return checked.subList(0, Math.min(4, checked.size()));
    }

    private static String counts(GateVerdict v) {
        long passed = v.count(io.jenkins.plugins.mlops.core.validate.RuleStatus.PASSED);
        long failed = v.count(io.jenkins.plugins.mlops.core.validate.RuleStatus.FAILED);
        long skipped = v.count(io.jenkins.plugins.mlops.core.validate.RuleStatus.SKIPPED);
        int all = v.getResults().size();
        StringBuilder s = new StringBuilder();
        if (failed > 0) {
            s.append(failed).append(" of ").append(all).append(all == 1 ? " rule" : " rules").append(" failed");
            if (passed > 0) {
                s.append(", ").append(passed).append(" passed");
            }
        } else {
            s.append(passed).append(" of ").append(all).append(all == 1 ? " rule" : " rules").append(" passed");
        }
        if (skipped > 0) {
            s.append(", ").append(skipped).append(" skipped");
        }
        return s.toString();
    }

    private void training(Html h, TrainingSection t, String id) {
        h.open("section", "class", "mlops-card", "id", id).nl();
        h.open("h2");
        Parts.icon(h, t.succeeded() ? Mark.PASSED : Mark.FAILED, 18);
        h.text(" Training: ").element("span", t.title(), "class", "mlops-h-name");
        h.close().nl();
        if (!t.succeeded()) {
            h.open("div", "class", "mlops-alert mlops-alert-failed");
            Parts.mark(h, Mark.FAILED, "Failed (" + t.failure() + ")");
            h.element("p", t.failureMessage());
            h.close().nl();
        }
        List<String[]> facts = new ArrayList<>();
        facts.add(Parts.code("Image", t.image(), null));
        facts.add(Parts.code("Dockerfile", t.dockerfile(), null));
        facts.add(Parts.code("Image id", t.imageId() == null ? null : Display.shortDigest(t.imageId()), t.imageId()));
        facts.add(Parts.fact("Duration", t.duration() == null ? null : Display.duration(t.duration())));
        facts.add(Parts.fact("Exit code", t.exitCode() == null ? null : String.valueOf(t.exitCode())));
        facts.add(Parts.code("Model", t.model(), null));
        facts.add(Parts.code("Data digest", t.dataDigest() == null ? null : Display.shortDigest(t.dataDigest()),
                t.dataDigest()));
        facts.add(Parts.code("Run id", t.runId(), null));
        Parts.facts(h, facts);
        h.open("div", "class", "mlops-columns");
        h.open("div");
        h.element("h3", "Final metrics");
        if (t.metrics().isEmpty()) {
            Parts.note(h, t.succeeded() ? "The training wrote no metrics file." : "No metrics: the run failed.");
        } else {
            Parts.metrics(h, t.metrics());
        }
        h.close();
        h.open("div");
        h.element("h3", "Parameters");
        if (t.params().isEmpty()) {
            Parts.note(h, "No parameters were given.");
        } else {
            Parts.params(h, t.params());
        }
        h.close();
        h.close().nl();
        if (t.curvesNote() != null || !t.curves().isEmpty()) {
            h.element("h3", "Learning curves");
        }
        if (t.curvesNote() != null) {
            Parts.note(h, t.curvesNote());
        }
        if (!t.curves().isEmpty()) {
            h.open("div", "class", "mlops-charts");
            Map<String, List<LearningCurves.Point>> series = t.curves().series();
            for (List<String> group : t.curves().groups()) {
                curve(h, t.curves().stepName(), series, group);
            }
            h.close().nl();
            if (t.curves().omitted() != null) {
                Parts.note(h, t.curves().omitted());
            }
        }
        h.close().nl();
    }

    private static void curve(Html h, String stepName, Map<String, List<LearningCurves.Point>> curves,
            List<String> group) {
        List<Charts.Series> series = new ArrayList<>();
        int c = 0;
        for (String name : group) {
            List<Charts.Point> pts = new ArrayList<>();
            for (LearningCurves.Point p : curves.get(name)) {
                pts.add(new Charts.Point(p.step(), p.value(), null, name + " at " + stepName + " "
                        + Display.number(p.step()) + ": " + Display.number(p.value()), false));
            }
            series.add(new Charts.Series(name, Charts.PALETTE[c++ % Charts.PALETTE.length], pts));
        }
        h.open("figure", "class", "mlops-figure");
        Charts.line(h, new Charts.Spec(String.join(" and ", group) + " per " + stepName, null, stepName, series,
                null));
        h.element("figcaption", String.join(", ", group) + " per " + stepName);
        h.close();
    }

    private void gate(Html h, GateSection g, String id) {
        GateVerdict v = g.verdict();
        Map<String, Direction> directions = Direction.fromRules(g.ruleTexts());
        h.open("section", "class", "mlops-card", "id", id).nl();
        h.open("h2");
        Parts.icon(h, g.mark(), 18);
        h.text(" " + g.title() + " " + (v.isPassed() ? "passed" : "failed"));
        h.close().nl();
        h.element("p", v.getSummary(), "class", "mlops-lead");
        List<String[]> facts = new ArrayList<>();
        facts.add(Parts.fact("Baseline", v.isBaselineAvailable() ? v.getBaselineDescription()
                : "none (" + v.getBaselineDescription() + ")"));
        facts.add(Parts.code("Compared to", g.compareTo(), null));
        facts.add(Parts.fact("On failure", g.onFailure() == null ? null
                : "FAILURE".equals(g.onFailure()) ? "fail the build" : "mark the build unstable"));
        if (v.getPredictionCount() != null) {
            facts.add(Parts.fact("Predictions", Display.number((double) v.getPredictionCount()) + " examples ("
                    + v.getPredictionTask() + "), bootstrap " + Display.number((double) v.getResamples())
                    + " resamples at " + Display.number(v.getConfidence() * 100) + "%"));
        }
        Parts.facts(h, facts);

        boolean intervals = g.hasIntervals();
        boolean ruleBaselines = v.getResults().stream().anyMatch(rr -> rr.getBaseline() != null);
        List<String> headers = new ArrayList<>(List.of("Status", "Rule", "#Value", "#Threshold"));
        if (ruleBaselines) {
            headers.add("#Baseline");
            headers.add("#Difference");
        }
        boolean ruleIntervals = v.getResults().stream().anyMatch(rr -> rr.getCiLow() != null);
        if (ruleIntervals) {
            headers.add("#Interval");
        }
        headers.add("Reason");
        Parts.tableStart(h, "Rules", headers.toArray(new String[0]));
        for (RuleResult rr : v.getResults()) {
            Mark m = Mark.of(rr.getStatus());
            h.open("tr", "class", "mlops-row-" + m.css());
            h.open("td", "class", "mlops-status");
            Parts.mark(h, m);
            h.close();
            h.open("td").element("code", rr.getRule(), "class", "mlops-rule").close();
            Parts.numberCell(h, rr.getValue());
            Parts.numberCell(h, rr.getThreshold());
            if (ruleBaselines) {
                Parts.numberCell(h, rr.getBaseline());
                Double diff = rr.getValue() != null && rr.getBaseline() != null ? rr.getValue() - rr.getBaseline() : null;
                Parts.differenceCell(h, diff, rr.getBaseline(), Direction.of(ruleMetric(rr), directions));
            }
            if (ruleIntervals) {
                h.element("td", Parts.interval(rr.getCiLow(), rr.getCiHigh(), rr.getConfidence()), "class", "mlops-num");
            }
            h.element("td", rr.getReason(), "class", "mlops-reason");
            h.close();
        }
        Parts.tableEnd(h);
        h.nl();

        List<GateSection.MetricRow> rows = g.metricRows();
        if (!rows.isEmpty()) {
            boolean anyBaseline = rows.stream().anyMatch(r -> r.baseline() != null);
            boolean paired = rows.stream().anyMatch(GateSection.MetricRow::paired);
            List<String> mh = new ArrayList<>(List.of("Metric", "#Candidate"));
            if (intervals) {
                mh.add("#Interval");
            }
            if (anyBaseline) {
                mh.add("#Baseline");
                mh.add(paired ? "#Difference (paired)" : "#Difference");
                if (paired) {
                    mh.add("#Difference interval");
                }
            }
            Parts.tableStart(h, "Metrics", mh.toArray(new String[0]));
            double level = v.getConfidence();
            for (GateSection.MetricRow row : rows) {
                h.open("tr");
                Parts.nameCell(h, row.name());
                Parts.numberCell(h, row.value());
                if (intervals) {
                    h.element("td", Parts.interval(row.ciLow(), row.ciHigh(), row.ciLow() == null ? null : level),
                            "class", "mlops-num");
                }
                if (anyBaseline) {
                    Parts.numberCell(h, row.baseline());
                    Parts.differenceCell(h, row.difference(), row.baseline(), Direction.of(row.name(), directions));
                    if (paired) {
                        h.element("td", Parts.interval(row.differenceLow(), row.differenceHigh(),
                                row.differenceLow() == null ? null : level), "class", "mlops-num");
                    }
                }
                h.close();
            }
            Parts.tableEnd(h);
            h.nl();
        }
        if (!v.getNotes().isEmpty()) {
            h.element("h3", "Notes");
            h.open("ul", "class", "mlops-notes");
            for (String n : v.getNotes()) {
                h.element("li", n);
            }
            h.close().nl();
        }
        h.close().nl();
    }

    /** The candidate metric a rule is about: the first one it names that is not the baseline's. */
    private static String ruleMetric(RuleResult r) {
        for (String input : r.getInputs().keySet()) {
            if (!input.startsWith("baseline.")) {
                return GateSection.metricOf(input);
            }
        }
        return r.getInputs().isEmpty() ? "" : GateSection.metricOf(r.getInputs().keySet().iterator().next());
    }

    private void registration(Html h, RegistrationSection r, String id) {
        h.open("section", "class", "mlops-card", "id", id).nl();
        h.open("h2");
        Parts.icon(h, r.gate(), 18);
        h.text(" Registered ");
        Parts.link(h, r.name() + " v" + r.version(), links.version(r.name(), r.version()));
        h.close().nl();
        List<String[]> facts = new ArrayList<>();
        facts.add(Parts.code("Digest", Display.shortDigest(r.digest()), r.digest()));
        facts.add(Parts.fact("Quality gate", r.gate().word()));
        facts.add(Parts.fact("Files", r.files() + (r.files() == 1 ? " file, " : " files, ") + Display.size(r.size())));
        facts.add(Parts.code("Registry", r.registry(), null));
        Parts.facts(h, facts);
        h.open("p", "class", "mlops-aliases");
        h.element("span", "Aliases: ", "class", "mlops-label");
        if (r.aliases().isEmpty()) {
            h.text("none");
        } else {
            Parts.aliases(h, r.aliases());
            if (r.forced()) {
                h.element("span", "forced past a gate that did not pass", "class", "mlops-chip mlops-chip-warning");
            }
        }
        h.close().nl();
        h.open("div", "class", "mlops-columns");
        h.open("div");
        h.element("h3", "Lineage");
        lineage(h, r.lineage());
        h.close();
        h.open("div");
        h.element("h3", "Metrics");
        if (r.metrics().isEmpty()) {
            Parts.note(h, "No metrics were registered.");
        } else {
            Parts.metrics(h, r.metrics());
        }
        h.close();
        h.close().nl();
        h.close().nl();
    }

    /** Where a version came from; the build links to itself only when its URL is a plain http(s) URL. */
    void lineage(Html h, Lineage l) {
        h.open("dl", "class", "mlops-facts");
        if (l.getJob() != null || l.getBuildNumber() != null) {
            h.element("dt", "Build");
            h.open("dd");
            String text = (l.getJob() == null ? "" : l.getJob()) + (l.getBuildNumber() == null ? "" : " #" + l.getBuildNumber());
            Parts.link(h, text.trim(), links.build(l));
            h.close();
        } else if (l.getBuildUrl() != null) {
            h.element("dt", "Build");
            h.open("dd");
            Parts.link(h, l.getBuildUrl(), links.build(l));
            h.close();
        }
        lineageFact(h, "Commit", l.getGitCommit() == null ? null
                : l.getGitCommit().substring(0, Math.min(12, l.getGitCommit().length())), l.getGitCommit());
        lineageFact(h, "Repository", l.getGitUrl(), null);
        lineageFact(h, "Training image", l.getTrainingImageId() == null ? null
                : Display.shortDigest(l.getTrainingImageId()), l.getTrainingImageId());
        lineageFact(h, "Data digest", l.getDataDigest() == null ? null : Display.shortDigest(l.getDataDigest()),
                l.getDataDigest());
        if (l.getActor() != null) {
            h.element("dt", "Registered by").element("dd", l.getActor());
        }
        h.close();
    }

    private static void lineageFact(Html h, String label, String shown, String full) {
        if (shown != null) {
            h.element("dt", label);
            h.open("dd").element("code", shown, "title", full).close();
        }
    }

    private void deployment(Html h, DeploymentSection d, String id) {
        h.open("section", "class", "mlops-card", "id", id).nl();
        h.open("h2");
        Parts.icon(h, d.outcome(), 18);
        h.text(" Deployment: ").element("span", d.title(), "class", "mlops-h-name");
        h.close().nl();
        if (d.summary() != null) {
            h.element("p", d.summary(), "class", "mlops-lead");
        }
        List<String[]> facts = new ArrayList<>();
        for (DeploymentSection.Fact f : d.facts()) {
            facts.add(Parts.fact(f.label(), f.value()));
        }
        Parts.facts(h, facts);
        if (!d.checks().isEmpty()) {
            Parts.tableStart(h, "Checks", "Status", "Check", "Result");
            for (DeploymentSection.Check c : d.checks()) {
                h.open("tr", "class", "mlops-row-" + c.mark().css());
                h.open("td", "class", "mlops-status");
                Parts.mark(h, c.mark());
                h.close();
                h.open("td").element("code", c.name()).close();
                h.element("td", c.detail());
                h.close();
            }
            Parts.tableEnd(h);
        }
        h.close().nl();
    }

    // ---------------------------------------------------------------- (b) the metric trend

    /**
     * The trend: one chart per metric, one point per build (a cross where the gate failed, each linking to its
     * build's report), the production model's value as a dashed line; then the same numbers as a table.
     */
    public String trend(MetricTrend t) {
        Html h = new Html();
        h.open("div", "class", "mlops-report mlops-trend").nl();
        h.open("section", "class", "mlops-card");
        h.element("h2", t.title());
        trendBody(h, t, true);
        h.close();
        h.close();
        return h.toString();
    }

    void trendBody(Html h, MetricTrend t, boolean table) {
        if (t.points().isEmpty() || t.metrics().isEmpty()) {
            Parts.note(h, "No build has recorded metrics yet: the trend appears after the first build that runs"
                    + " mlTrain or mlValidate.");
            return;
        }
        h.open("div", "class", "mlops-charts");
        List<String> labels = t.points().stream().map(MetricTrend.Point::label).toList();
        for (String metric : t.metrics()) {
            List<Charts.Point> pts = new ArrayList<>();
            for (int i = 0; i < t.points().size(); i++) {
                MetricTrend.Point p = t.points().get(i);
                Double v = p.values().get(metric);
                if (v == null || !Double.isFinite(v)) {
                    continue;
                }
                boolean failed = p.gate() == Mark.FAILED;
                String tip = p.label() + ": " + metric + " = " + Display.number(v)
                        + (p.gate() == Mark.UNKNOWN ? "" : ", gate " + p.gate().word().toLowerCase(java.util.Locale.ROOT));
                pts.add(new Charts.Point(i, v, p.href(), tip, failed));
            }
            Charts.Reference ref = null;
            if (t.production() != null && t.production().values().get(metric) != null
                    && Double.isFinite(t.production().values().get(metric))) {
                double pv = t.production().values().get(metric);
                ref = new Charts.Reference(pv, t.production().label() + ": " + Display.number(pv));
            }
            Direction dir = Direction.of(metric, t.directions());
            h.open("figure", "class", "mlops-figure", "data-metric", metric);
            Charts.line(h, new Charts.Spec(metric + " across " + labels.size() + " builds", labels, null,
                    List.of(new Charts.Series(metric, Charts.PALETTE[0], pts)), ref));
            h.open("figcaption");
            h.element("code", metric);
            if (dir != Direction.UNKNOWN) {
                h.text(dir == Direction.LOWER_IS_BETTER ? " (lower is better)" : " (higher is better)");
            }
            if (ref != null) {
                h.open("span", "class", "mlops-legend-production");
                Charts.referenceSwatch(h);
                h.text(" " + ref.caption());
                h.close();
            }
            if (pts.stream().anyMatch(Charts.Point::failed)) {
                h.element("span", "\u2715 gate failed", "class", "mlops-legend-failed");
            }
            h.close();
            h.close();
        }
        h.close().nl();
        if (table) {
            List<String> headers = new ArrayList<>(List.of("Build", "Gate"));
            t.metrics().forEach(m -> headers.add("#" + m));
            Parts.tableStart(h, "Values", headers.toArray(new String[0]));
            for (int i = t.points().size() - 1; i >= 0; i--) {
                MetricTrend.Point p = t.points().get(i);
                h.open("tr");
                h.open("td");
                Parts.link(h, p.label(), p.href());
                h.close();
                h.open("td", "class", "mlops-status");
                Parts.mark(h, p.gate(), p.gate() == Mark.UNKNOWN ? "No gate" : p.gate().word());
                h.close();
                for (String m : t.metrics()) {
                    Parts.numberCell(h, p.values().get(m));
                }
                h.close();
            }
            if (t.production() != null) {
                h.open("tr", "class", "mlops-row-production");
                h.element("td", t.production().label());
                h.element("td", "serving");
                for (String m : t.metrics()) {
                    Parts.numberCell(h, t.production().values().get(m));
                }
                h.close();
            }
            Parts.tableEnd(h);
        }
    }

    // ---------------------------------------------------------------- (c) the registry views

    /** Every model of the registry. */
    public String registry(RegistryViews.Overview o) {
        return new RegistryHtml(this, links).overview(o);
    }

    /** One model: aliases, trend over versions, versions, alias history. */
    public String model(RegistryViews.Model m) {
        return new RegistryHtml(this, links).model(m);
    }

    /** One version in full: gate, metrics, params, files, lineage. */
    public String version(RegistryViews.Model m, int version) {
        return new RegistryHtml(this, links).version(m, version);
    }

    /** Two versions side by side. */
    public String comparison(RegistryViews.Comparison c) {
        return new RegistryHtml(this, links).comparison(c);
    }

    /** The gate's rules table and metrics, as in the build report; used by the registry's version page. */
    void gateBody(Html h, GateSection g, String id) {
        gate(h, g, id);
    }
}
