package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The registry views of {@link ReportRenderer}: models, one model, one version, two versions side by side. */
final class RegistryHtml {

    /** What every registry view says, because the page offers no button and a reader may look for one. */
    static final String READ_ONLY = "Read-only. Promotion happens only through the pipeline: mlRegister with"
            + " aliases and mlDeploy move aliases, where the quality gate is enforced and every move is recorded in"
            + " the alias history.";

    private final ReportRenderer renderer;
    private final ReportLinks links;

    RegistryHtml(ReportRenderer renderer, ReportLinks links) {
        this.renderer = renderer;
        this.links = links;
    }

    String overview(RegistryViews.Overview o) {
        Html h = new Html();
        h.open("div", "class", "mlops-report mlops-registry").nl();
        h.open("header", "class", "mlops-header");
        h.element("h1", "Model registry");
        h.open("p", "class", "mlops-subtitle").text("Registry ").element("code", o.location()).close();
        h.close().nl();
        readOnly(h);
        if (o.models().isEmpty()) {
            Parts.note(h, "No model has been registered yet. mlRegister (or mlops register) adds the first version.");
        } else {
            h.open("section", "class", "mlops-card");
            Parts.tableStart(h, "Models", "Model", "#Versions", "Latest", "Gate of latest", "Aliases", "Registered");
            for (ModelSummary s : o.models()) {
                ModelVersion latest = o.latest().get(s.getName());
                h.open("tr");
                h.open("td");
                h.open("code", "class", "mlops-name");
                Parts.link(h, s.getName(), links.model(s.getName()));
                h.close();
                h.close();
                h.element("td", String.valueOf(s.getVersionCount()), "class", "mlops-num");
                h.open("td");
                if (s.getLatestVersion() != null) {
                    Parts.link(h, "v" + s.getLatestVersion(), links.version(s.getName(), s.getLatestVersion()));
                } else {
                    h.text("-");
                }
                h.close();
                h.open("td", "class", "mlops-status");
                Parts.mark(h, latest == null ? Mark.UNKNOWN : Mark.of(latest.getGate().getPassed()));
                h.close();
                h.open("td");
                aliasLinks(h, s.getName(), s.getAliases());
                h.close();
                h.element("td", latest == null ? "-" : Display.when(latest.getCreatedAt()), "title",
                        latest == null ? null : latest.getCreatedAt().toString());
                h.close();
            }
            Parts.tableEnd(h);
            h.close().nl();
        }
        h.close();
        return h.toString();
    }

    String model(RegistryViews.Model m) {
        Html h = new Html();
        h.open("div", "class", "mlops-report mlops-registry", "id", ReportLinks.Anchors.model(m.name())).nl();
        h.open("header", "class", "mlops-header");
        h.open("h1").text("Model ").element("span", m.name(), "class", "mlops-h-name").close();
        h.element("p", m.versions().size() + (m.versions().size() == 1 ? " version" : " versions"), "class",
                "mlops-subtitle");
        h.close().nl();
        readOnly(h);

        h.open("section", "class", "mlops-card");
        h.element("h2", "Aliases");
        if (m.aliases().isEmpty()) {
            Parts.note(h, "No alias points at a version of this model yet.");
        } else {
            h.open("ul", "class", "mlops-alias-list");
            m.aliases().forEach((alias, version) -> {
                h.open("li");
                h.element("span", alias, "class", "mlops-chip" + ("production".equals(alias) ? " mlops-chip-production" : ""));
                h.text(" \u2192 ");
                Parts.link(h, "v" + version, links.version(m.name(), version));
                h.close();
            });
            h.close();
        }
        h.close().nl();

        MetricTrend trend = m.trend(links);
        if (m.versions().size() > 1 && !trend.metrics().isEmpty()) {
            h.open("section", "class", "mlops-card");
            h.element("h2", "Metrics across versions");
            renderer.trendBody(h, trend, false);
            h.close().nl();
        }

        h.open("section", "class", "mlops-card");
        List<String> metrics = trend.metrics().subList(0, Math.min(4, trend.metrics().size()));
        List<String> headers = new ArrayList<>(List.of("Version", "Registered", "Gate"));
        metrics.forEach(x -> headers.add("#" + x));
        headers.addAll(List.of("Aliases", "Built by", "Digest", "Compare"));
        Parts.tableStart(h, "Versions", headers.toArray(new String[0]));
        List<ModelVersion> newestFirst = new ArrayList<>(m.versions());
        java.util.Collections.reverse(newestFirst);
        for (ModelVersion v : newestFirst) {
            h.open("tr");
            h.open("td");
            Parts.link(h, "v" + v.getVersion(), links.version(m.name(), v.getVersion()));
            h.close();
            h.element("td", Display.when(v.getCreatedAt()), "title", v.getCreatedAt().toString());
            h.open("td", "class", "mlops-status");
            Parts.mark(h, Mark.of(v.getGate().getPassed()));
            h.close();
            for (String x : metrics) {
                Parts.numberCell(h, v.getMetrics().get(x));
            }
            h.open("td");
            Parts.aliases(h, m.aliasesOf(v.getVersion()));
            h.close();
            h.open("td");
            buildOf(h, v);
            h.close();
            h.open("td").element("code", Display.shortDigest(v.getDigest()), "title", v.getDigest()).close();
            h.open("td");
            Optional<ModelVersion> previous = previous(m, v);
            if (previous.isPresent()) {
                Parts.link(h, "vs v" + previous.get().getVersion(),
                        links.compare(m.name(), previous.get().getVersion(), v.getVersion()));
            } else {
                h.text("-");
            }
            h.close();
            h.close();
        }
        Parts.tableEnd(h);
        h.close().nl();

        h.open("section", "class", "mlops-card");
        aliasHistory(h, m);
        h.close().nl();
        h.close();
        return h.toString();
    }

    String version(RegistryViews.Model m, int number) {
        ModelVersion v = m.version(number).orElseThrow(() -> new IllegalArgumentException(
                "model " + m.name() + " has no version " + number));
        Html h = new Html();
        h.open("div", "class", "mlops-report mlops-registry", "id", ReportLinks.Anchors.version(m.name(), number)).nl();
        h.open("header", "class", "mlops-header");
        h.open("h1");
        Parts.icon(h, Mark.of(v.getGate().getPassed()), 22);
        h.text(" ");
        Parts.link(h, m.name(), links.model(m.name()));
        h.text(" v" + number);
        h.close();
        h.element("p", "Registered " + Display.when(v.getCreatedAt()), "class", "mlops-subtitle");
        h.close().nl();
        readOnly(h);

        h.open("section", "class", "mlops-card");
        h.element("h2", "Version");
        List<String[]> facts = new ArrayList<>();
        facts.add(Parts.code("Digest", v.getDigest(), null));
        facts.add(Parts.fact("Quality gate", Mark.of(v.getGate().getPassed()).word()));
        facts.add(Parts.fact("Files", v.getFiles().size() + (v.getFiles().size() == 1 ? " file, " : " files, ")
                + Display.size(v.totalSize())));
        Parts.facts(h, facts);
        h.open("p", "class", "mlops-aliases");
        h.element("span", "Aliases: ", "class", "mlops-label");
        List<String> aliases = m.aliasesOf(number);
        if (aliases.isEmpty()) {
            h.text("none");
        } else {
            Parts.aliases(h, aliases);
        }
        h.close();
        h.open("div", "class", "mlops-columns");
        h.open("div");
        h.element("h3", "Lineage");
        renderer.lineage(h, v.getLineage());
        h.close();
        h.open("div");
        h.element("h3", "Parameters");
        if (v.getParams().isEmpty()) {
            Parts.note(h, "No parameters were registered.");
        } else {
            Parts.params(h, v.getParams());
        }
        h.close();
        h.close();
        h.close().nl();

        Optional<GateVerdict> verdict = RegistryViews.verdictOf(v);
        if (verdict.isPresent()) {
            renderer.gateBody(h, new GateSection("Quality gate", verdict.get(), null, null), "gate");
        } else {
            h.open("section", "class", "mlops-card");
            h.element("h2", "Metrics");
            Parts.metrics(h, v.getMetrics());
            h.close().nl();
        }

        h.open("section", "class", "mlops-card");
        files(h, v.getFiles());
        h.close().nl();
        h.close();
        return h.toString();
    }

    String comparison(RegistryViews.Comparison c) {
        ModelVersion a = c.left();
        ModelVersion b = c.right();
        String la = "v" + a.getVersion();
        String lb = "v" + b.getVersion();
        Map<String, Direction> directions = new java.util.HashMap<>();
        RegistryViews.verdictOf(b).ifPresent(g -> directions.putAll(Direction.fromRules(GateSection.of(g).ruleTexts())));
        Html h = new Html();
        h.open("div", "class", "mlops-report mlops-registry", "id",
                ReportLinks.Anchors.compare(c.name(), a.getVersion(), b.getVersion())).nl();
        h.open("header", "class", "mlops-header");
        h.open("h1");
        Parts.link(h, c.name(), links.model(c.name()));
        h.text(": ");
        Parts.link(h, la, links.version(c.name(), a.getVersion()));
        h.text(" compared with ");
        Parts.link(h, lb, links.version(c.name(), b.getVersion()));
        h.close();
        h.close().nl();
        readOnly(h);

        h.open("section", "class", "mlops-card");
        Parts.tableStart(h, "Overview", "", la, lb);
        compareRow(h, "Registered", Display.when(a.getCreatedAt()), Display.when(b.getCreatedAt()));
        h.open("tr").element("th", "Quality gate", "scope", "row");
        h.open("td", "class", "mlops-status");
        Parts.mark(h, Mark.of(a.getGate().getPassed()));
        h.close().open("td", "class", "mlops-status");
        Parts.mark(h, Mark.of(b.getGate().getPassed()));
        h.close().close();
        compareRow(h, "Digest", Display.shortDigest(a.getDigest()), Display.shortDigest(b.getDigest()));
        compareRow(h, "Build", buildText(a), buildText(b));
        compareRow(h, "Commit", a.getLineage().getGitCommit(), b.getLineage().getGitCommit());
        compareRow(h, "Training image", Display.shortDigest(a.getLineage().getTrainingImageId()),
                Display.shortDigest(b.getLineage().getTrainingImageId()));
        compareRow(h, "Data digest", Display.shortDigest(a.getLineage().getDataDigest()),
                Display.shortDigest(b.getLineage().getDataDigest()));
        Parts.tableEnd(h);
        h.close().nl();

        h.open("section", "class", "mlops-card");
        Parts.tableStart(h, "Metrics", "Metric", "#" + la, "#" + lb, "#Difference");
        for (String name : c.metricNames()) {
            Double va = a.getMetrics().get(name);
            Double vb = b.getMetrics().get(name);
            h.open("tr");
            Parts.nameCell(h, name);
            Parts.numberCell(h, va);
            Parts.numberCell(h, vb);
            Parts.differenceCell(h, va != null && vb != null ? vb - va : null, va, Direction.of(name, directions));
            h.close();
        }
        Parts.tableEnd(h);
        h.close().nl();

        h.open("section", "class", "mlops-card");
        Parts.tableStart(h, "Parameters", "Parameter", la, lb, "");
        for (String name : c.paramNames()) {
            Object pa = a.getParams().get(name);
            Object pb = b.getParams().get(name);
            boolean same = Objects.equals(normal(pa), normal(pb));
            h.open("tr", "class", same ? null : "mlops-row-changed");
            Parts.nameCell(h, name);
            h.element("td", pa == null ? "-" : Display.value(pa), "title", pa == null ? null : String.valueOf(pa));
            h.element("td", pb == null ? "-" : Display.value(pb), "title", pb == null ? null : String.valueOf(pb));
            h.element("td", same ? "same" : pa == null ? "added" : pb == null ? "removed" : "changed", "class",
                    same ? "mlops-same" : "mlops-changed");
            h.close();
        }
        Parts.tableEnd(h);
        h.close().nl();

        h.open("section", "class", "mlops-card");
        Parts.tableStart(h, "Files", "File", "#" + la + " size", la + " digest", "#" + lb + " size", lb + " digest", "");
        for (String path : c.filePaths()) {
            Optional<ModelFile> fa = RegistryViews.Comparison.file(a, path);
            Optional<ModelFile> fb = RegistryViews.Comparison.file(b, path);
            String state = fa.isEmpty() ? "added" : fb.isEmpty() ? "removed"
                    : fa.get().getDigest().equals(fb.get().getDigest()) ? "same" : "changed";
            h.open("tr", "class", state.equals("same") ? null : "mlops-row-changed");
            h.open("td").element("code", path).close();
            fileCells(h, fa);
            fileCells(h, fb);
            h.element("td", state, "class", state.equals("same") ? "mlops-same" : "mlops-changed");
            h.close();
        }
        Parts.tableEnd(h);
        h.close().nl();
        h.close();
        return h.toString();
    }

    private static void fileCells(Html h, Optional<ModelFile> f) {
        if (f.isEmpty()) {
            h.element("td", "-", "class", "mlops-num").element("td", "-");
            return;
        }
        h.element("td", Display.size(f.get().getSize()), "class", "mlops-num", "title", f.get().getSize() + " bytes");
        h.open("td").element("code", Display.shortDigest(f.get().getDigest()), "title", f.get().getDigest()).close();
    }

    private static void compareRow(Html h, String label, String a, String b) {
        h.open("tr", "class", Objects.equals(a, b) ? null : "mlops-row-changed");
        h.element("th", label, "scope", "row");
        h.element("td", a == null ? "-" : a);
        h.element("td", b == null ? "-" : b);
        h.close();
    }

    /** 2 and 2.0 are the same parameter value. */
    private static Object normal(Object v) {
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }

    private void aliasHistory(Html h, RegistryViews.Model m) {
        if (m.history().isEmpty()) {
            h.element("h2", "Alias history");
            Parts.note(h, "No alias has moved yet.");
            return;
        }
        Parts.tableStart(h, "Alias history (newest first)", "When", "Alias", "Move", "By", "How");
        List<AliasEvent> newestFirst = new ArrayList<>(m.history());
        java.util.Collections.reverse(newestFirst);
        for (AliasEvent e : newestFirst) {
            h.open("tr", "class", e.isForced() ? "mlops-row-forced" : null);
            h.element("td", Display.when(e.getAt()), "title", e.getAt().toString());
            h.open("td");
            Parts.aliases(h, List.of(e.getAlias()));
            h.close();
            h.open("td");
            if (e.getFromVersion() == null) {
                h.text("new \u2192 ");
            } else {
                Parts.link(h, "v" + e.getFromVersion(), links.version(m.name(), e.getFromVersion()));
                h.text(" \u2192 ");
            }
            Parts.link(h, "v" + e.getToVersion(), links.version(m.name(), e.getToVersion()));
            h.close();
            h.element("td", e.getActor());
            h.open("td");
            h.element("span", e.getAction() == AliasEvent.Action.ROLLBACK ? "rollback" : "set", "class",
                    e.getAction() == AliasEvent.Action.ROLLBACK ? "mlops-chip mlops-chip-rollback" : "mlops-chip");
            if (e.isForced()) {
                h.text(" ");
                h.element("span", "forced past the gate", "class", "mlops-chip mlops-chip-warning");
            }
            h.close();
            h.close();
        }
        Parts.tableEnd(h);
    }

    private static void files(Html h, List<ModelFile> files) {
        Parts.tableStart(h, "Files", "File", "#Size", "Digest");
        for (ModelFile f : files) {
            h.open("tr");
            h.open("td").element("code", f.getPath()).close();
            h.element("td", Display.size(f.getSize()), "class", "mlops-num", "title", f.getSize() + " bytes");
            h.open("td").element("code", f.getDigest(), "class", "mlops-digest").close();
            h.close();
        }
        Parts.tableEnd(h);
    }

    private void buildOf(Html h, ModelVersion v) {
        String text = buildText(v);
        Parts.link(h, text == null ? "-" : text, text == null ? null : links.build(v.getLineage()));
    }

    private static String buildText(ModelVersion v) {
        var l = v.getLineage();
        if (l.getJob() == null && l.getBuildNumber() == null) {
            return l.getActor();
        }
        return ((l.getJob() == null ? "" : l.getJob()) + (l.getBuildNumber() == null ? "" : " #" + l.getBuildNumber())).trim();
    }

    private static Optional<ModelVersion> previous(RegistryViews.Model m, ModelVersion v) {
        ModelVersion prev = null;
        for (ModelVersion x : m.versions()) {
            if (x.getVersion() < v.getVersion() && (prev == null || x.getVersion() > prev.getVersion())) {
                prev = x;
            }
        }
        return Optional.ofNullable(prev);
    }

    private void aliasLinks(Html h, String name, Map<String, Integer> aliases) {
        if (aliases.isEmpty()) {
            h.text("-");
            return;
        }
        aliases.forEach((alias, version) -> {
            h.element("span", alias, "class", "mlops-chip" + ("production".equals(alias) ? " mlops-chip-production" : ""));
            h.text(" ");
            Parts.link(h, "v" + version, links.version(name, version));
            h.text(" ");
        });
    }

    private void readOnly(Html h) {
        if (!renderer.readOnlyNotice()) {
            return;
        }
        h.open("p", "class", "mlops-readonly");
        h.element("strong", "Read-only. ");
        h.text(READ_ONLY.substring("Read-only. ".length()));
        h.close().nl();
    }
}
