package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the registry pages show, read from a {@link ModelRegistry} with its read-only calls only: the models, one
 * model's versions, aliases and alias history, one version, and two versions side by side. The pages never write:
 * promotion happens only through the pipeline, where it is gated and recorded.
 */
public final class RegistryViews {

    private RegistryViews() {
    }

    /**
     * Every model with its latest version.
     *
     * @param location where the registry is, for the page's heading
     * @param models   the models, by name
     * @param latest   each model's latest version, by name (absent for a model with none)
     */
    public record Overview(String location, List<ModelSummary> models, Map<String, ModelVersion> latest) {
        public Overview {
            models = List.copyOf(models);
            latest = Collections.unmodifiableMap(new LinkedHashMap<>(latest));
        }
    }

    /**
     * One model: its versions (oldest first), where its aliases point now, and every alias move.
     */
    public record Model(String name, List<ModelVersion> versions, Map<String, Integer> aliases, List<AliasEvent> history) {
        public Model {
            Objects.requireNonNull(name, "name");
            versions = List.copyOf(versions);
            aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
            history = List.copyOf(history);
        }

        /** Aliases pointing at {@code version}, sorted. */
        public List<String> aliasesOf(int version) {
            return aliases.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).toList();
        }

        public Optional<ModelVersion> version(int number) {
            return versions.stream().filter(v -> v.getVersion() == number).findFirst();
        }

        /**
         * The model's metrics across its versions, with the version {@code production} points at (else the
         * first alias there is) drawn as a line, and a version's gate marking its point.
         */
        public MetricTrend trend(ReportLinks links) {
            List<MetricTrend.Point> points = new ArrayList<>();
            Set<String> checked = new LinkedHashSet<>();
            for (ModelVersion v : versions) {
                points.add(new MetricTrend.Point("v" + v.getVersion(), links.version(name, v.getVersion()),
                        v.getMetrics(), Mark.of(v.getGate().getPassed())));
                verdictOf(v).ifPresent(g -> checked.addAll(GateSection.of(g).checkedMetrics()));
            }
            String alias = aliases.containsKey("production") ? "production"
                    : aliases.isEmpty() ? null : aliases.keySet().iterator().next();
            MetricTrend.Production production = null;
            if (alias != null) {
                Optional<ModelVersion> serving = version(aliases.get(alias));
                if (serving.isPresent()) {
                    production = new MetricTrend.Production(alias + " (v" + serving.get().getVersion() + ")",
                            serving.get().getMetrics());
                }
            }
            Map<String, Direction> directions = new LinkedHashMap<>();
            for (ModelVersion v : versions) {
                verdictOf(v).ifPresent(g -> directions.putAll(Direction.fromRules(GateSection.of(g).ruleTexts())));
            }
            return new MetricTrend(name, MetricTrend.defaultMetrics(new ArrayList<>(checked), points), points,
                    production, directions);
        }
    }

    /**
     * Two versions of one model side by side.
     *
     * @param left  the older (or first chosen) version
     * @param right the newer (or second chosen) version
     */
    public record Comparison(String name, ModelVersion left, ModelVersion right) {

        /** Metric names of either version, left's order first. */
        public List<String> metricNames() {
            Set<String> names = new LinkedHashSet<>(left.getMetrics().keySet());
            names.addAll(right.getMetrics().keySet());
            return new ArrayList<>(names);
        }

        public List<String> paramNames() {
            Set<String> names = new LinkedHashSet<>(left.getParams().keySet());
            names.addAll(right.getParams().keySet());
            return new ArrayList<>(names);
        }

        /** File paths of either version, sorted. */
        public List<String> filePaths() {
            Set<String> paths = new java.util.TreeSet<>();
            left.getFiles().forEach(f -> paths.add(f.getPath()));
            right.getFiles().forEach(f -> paths.add(f.getPath()));
            return new ArrayList<>(paths);
        }

        static Optional<ModelFile> file(ModelVersion v, String path) {
            return v.getFiles().stream().filter(f -> f.getPath().equals(path)).findFirst();
        }
    }

    public static Overview overview(ModelRegistry registry) throws IOException, InterruptedException {
        List<ModelSummary> models = registry.list();
        Map<String, ModelVersion> latest = new LinkedHashMap<>();
        for (ModelSummary s : models) {
            if (s.getLatestVersion() != null) {
                latest.put(s.getName(), registry.get(s.getName(), s.getLatestVersion()));
            }
        }
        return new Overview(registry.location(), models, latest);
    }

    public static Model model(ModelRegistry registry, String name) throws IOException, InterruptedException {
        return new Model(name, registry.versions(name), registry.aliases(name), registry.aliasHistory(name, null));
    }

    public static Comparison compare(ModelRegistry registry, String name, int left, int right)
            throws IOException, InterruptedException {
        return new Comparison(name, registry.get(name, left), registry.get(name, right));
    }

    /**
     * The gate's full verdict when the registry holds one (a version registered by mlRegister or by
     * {@code mlops register --verdict}); empty for a version registered without a gate or with a summary in
     * another shape, which the page then shows as passed/failed only.
     */
    public static Optional<GateVerdict> verdictOf(ModelVersion v) {
        String json = v.getGate().getSummaryJson();
        if (json == null) {
            return Optional.empty();
        }
        try {
            GateVerdict verdict = VerdictJson.fromJson(json);
            return Boolean.valueOf(verdict.isPassed()).equals(v.getGate().getPassed())
                    ? Optional.of(verdict) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
