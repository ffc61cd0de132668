package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the plugin's own containers on a Docker host by their labels, running or not. A long-lived workload keeps
 * its state in labels (which service, which version, which role), so this is how it is found again by a later
 * build, another controller or the CLI.
 */
public final class LabelledContainers {

    private LabelledContainers() {
    }

    /**
     * Every container that carries {@link ContainerLabels#MANAGED} and all of {@code labels}, oldest first.
     */
    public static List<Container> find(DockerClient docker, Map<String, String> labels) {
        List<String> filter = new ArrayList<>();
        filter.add(ContainerLabels.filter(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE));
        labels.forEach((k, v) -> filter.add(ContainerLabels.filter(k, v)));
        List<Container> found = new ArrayList<>(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(filter).exec());
        found.sort(Comparator.comparing(c -> c.getCreated() == null ? 0L : c.getCreated()));
        return found;
    }

    /** A container's name without the engine's leading slash. */
    public static String name(Container c) {
        String[] names = c.getNames();
        return names == null || names.length == 0 ? c.getId() : names[0].replaceFirst("^/", "");
    }

    /** One of a container's labels, or null. */
    public static String label(Container c, String key) {
        return c.getLabels() == null ? null : c.getLabels().get(key);
    }
}
