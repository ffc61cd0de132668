package io.jenkins.plugins.mlops.report;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.report.RegistryViews;
import io.jenkins.plugins.mlops.core.report.ReportRenderer;
import io.jenkins.plugins.mlops.steps.ControllerHome;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The model registry page, a top-level link in Jenkins ({@code /mlops-registry/}): the controller's registry (its
 * {@code MLOPS_REGISTRY}, else {@code $JENKINS_HOME/mlops-registry}) with every model, and below it each model
 * ({@code model/<name>/}), each version ({@code .../version/<n>/}) and two versions side by side
 * ({@code .../compare/<a>...<b>/}). Read-only: the pages only call the registry's reading methods, and say that
 * promotion happens only through the pipeline. Jenkins shows root actions to users with Overall/Read only.
 */
@Extension
public final class RegistryRootAction implements RootAction {

    /** An extension singleton, never stored (transient says so to the class filter's reachability check too). */
    private final transient Supplier<RegistryLocation> location;
    private final transient Map<String, String> env;

    public RegistryRootAction() {
        this(() -> RegistryLocations.forBuild(null, controllerEnvironment()), System.getenv());
    }

    /** For tests: a registry where they put one, and the environment its credentials come from. */
    RegistryRootAction(Supplier<RegistryLocation> location, Map<String, String> env) {
        this.location = location;
        this.env = env;
    }

    private static Map<String, String> controllerEnvironment() {
        Map<String, String> e = new HashMap<>(System.getenv());
        e.put("JENKINS_HOME", ControllerHome.get().getPath());
        return e;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Model registry";
    }

    @Override
    public String getUrlName() {
        return RegistryLinks.ROOT;
    }

    public String getStylesheetPath() {
        return MlopsReportAction.STYLESHEET_PATH;
    }

    /** The overview: every model with its latest version, gate and aliases. */
    public String getHtml(String rootUrl) {
        return read(rootUrl, (r, renderer) -> r.exists()
                ? renderer.registry(RegistryViews.overview(r))
                : renderer.registry(new RegistryViews.Overview(r.location(), java.util.List.of(), Map.of())));
    }

    /** {@code model/<name>/}: null (a 404) for a name the registry could never hold. */
    public ModelPage getModel(String name) {
        try {
            return new ModelPage(this, ModelNames.requireModelName("name", name));
        } catch (MlopsArgumentException e) {
            return null;
        }
    }

    /** One reading of the registry, opened and closed for it; a failure is shown on the page, not thrown. */
    String read(String rootUrl, View view) {
        ReportRenderer renderer = new ReportRenderer(new RegistryLinks(rootUrl));
        try (ModelRegistry r = location.get().open(env)) {
            return view.render(r, renderer);
        } catch (IOException | RuntimeException e) {
            return ReportRenderer.problem("The model registry could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReportRenderer.problem("Interrupted while reading the model registry");
        }
    }

    /** What a page renders from an open registry. */
    interface View {
        String render(ModelRegistry registry, ReportRenderer renderer) throws IOException, InterruptedException;
    }

    /** {@code model/<name>/}: the model's aliases, trend, versions and alias history. */
    public static final class ModelPage {
        private final transient RegistryRootAction root;
        private final String name;

        ModelPage(RegistryRootAction root, String name) {
            this.root = root;
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public String getStylesheetPath() {
            return MlopsReportAction.STYLESHEET_PATH;
        }

        public String getHtml(String rootUrl) {
            return root.read(rootUrl, (r, renderer) -> renderer.model(RegistryViews.model(r, name)));
        }

        /** {@code version/<n>/}. */
        public VersionPage getVersion(String number) {
            Integer v = number(number);
            return v == null ? null : new VersionPage(root, name, v);
        }

        /** {@code compare/<a>...<b>/}. */
        public ComparePage getCompare(String spec) {
            String[] parts = spec.split("\\.\\.\\.", -1);
            if (parts.length != 2 || number(parts[0]) == null || number(parts[1]) == null) {
                return null;
            }
            return new ComparePage(root, name, number(parts[0]), number(parts[1]));
        }
    }

    /** {@code model/<name>/version/<n>/}: one version in full. */
    public static final class VersionPage {
        private final RegistryRootAction root;
        private final String name;
        private final int version;

        VersionPage(RegistryRootAction root, String name, int version) {
            this.root = root;
            this.name = name;
            this.version = version;
        }

        public String getTitle() {
            return name + " v" + version;
        }

        public String getStylesheetPath() {
            return MlopsReportAction.STYLESHEET_PATH;
        }

        public String getHtml(String rootUrl) {
            return root.read(rootUrl, (r, renderer) -> {
                RegistryViews.Model m = RegistryViews.model(r, name);
                return m.version(version).isPresent() ? renderer.version(m, version)
                        : ReportRenderer.problem("Model " + name + " has no version " + version + " in " + r.location());
            });
        }
    }

    /** {@code model/<name>/compare/<a>...<b>/}: two versions side by side. */
    public static final class ComparePage {
        private final RegistryRootAction root;
        private final String name;
        private final int left;
        private final int right;

        ComparePage(RegistryRootAction root, String name, int left, int right) {
            this.root = root;
            this.name = name;
            this.left = left;
            this.right = right;
        }

        public String getTitle() {
            return name + " v" + left + " compared with v" + right;
        }

        public String getStylesheetPath() {
            return MlopsReportAction.STYLESHEET_PATH;
        }

        public String getHtml(String rootUrl) {
            return root.read(rootUrl, (r, renderer) -> renderer.comparison(RegistryViews.compare(r, name, left, right)));
        }
    }

    private static Integer number(String s) {
        return s != null && s.matches("[1-9][0-9]{0,8}") ? Integer.valueOf(s) : null;
    }
}
