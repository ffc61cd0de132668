package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every registry command shares: the {@code --registry} and {@code --json} options, opening the registry, and
 * turning failures into one line and an exit code (0 ok, 1 refused / not found / registry failure, 2 bad input).
 */
abstract class RegistryCall implements Callable<Integer> {

    /** The environment variable giving the registry when {@code --registry} is not given. */
    static final String REGISTRY_ENV = "MLOPS_REGISTRY";
    static final int FAILED = 1;
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @Option(names = "--registry", paramLabel = "DIR|oci://HOST[:PORT]/PREFIX",
            description = "Where models live: a directory (embedded registry) or an OCI registry."
                    + " Default: $" + REGISTRY_ENV + ", else ~/.mlops/registry. OCI credentials come from"
                    + " MLOPS_REGISTRY_USERNAME and MLOPS_REGISTRY_PASSWORD.")
    String registry;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** Where credentials and defaults come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** Does the work; returns the exit code. */
    abstract int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ModelRegistry r = location().open(environment)) {
            int code = run(r, out);
            out.flush();
            return code;
        } catch (MlopsArgumentException e) {
            err.println("mlops: " + e.getMessage());
            return USAGE;
        } catch (RegistryException e) {
            err.println("mlops: " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("mlops: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("mlops: interrupted");
            return FAILED;
        } finally {
            err.flush();
        }
    }

    RegistryLocation location() {
        return location(registry, environment);
    }

    /**
     * {@code --registry}, else {@value #REGISTRY_ENV}, else the CLI's default directory.
     *
     * @throws io.jenkins.plugins.mlops.core.MlopsArgumentException naming the option or the variable when the
     *         location cannot be used
     */
    static RegistryLocation location(String registry, Map<String, String> environment) {
        if (registry != null && !registry.isBlank()) {
            return RegistryLocation.parse("registry", registry);
        }
        String fromEnv = environment.get(REGISTRY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return RegistryLocation.parse(REGISTRY_ENV, fromEnv);
        }
        return new RegistryLocation.Directory(ModelRegistries.defaultCliLocation().toString());
    }

    /** Who acts: {@code --actor}, else the Jenkins build this runs in, else the OS user. */
    String actor(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String job = environment.get("JOB_NAME");
        String build = environment.get("BUILD_NUMBER");
        if (job != null && !job.isBlank()) {
            return build == null ? job : job + " #" + build;
        }
        return System.getProperty("user.name", "unknown");
    }
}
