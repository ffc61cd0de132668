package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep removes a step call's leftovers, running or not, and nothing that is not ours or not that call's. */
class ContainerSweepIT {

    private static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";

    private final String scenario = UUID.randomUUID().toString();
    private final List<String> infos = new ArrayList<>();
    private DockerClient docker;

    @BeforeEach
    void connect() throws Exception {
        docker = DockerClients.connect(System.getenv());
    }

    @AfterEach
    void removeWhatIsLeft() throws Exception {
        for (var c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(ContainerLabels.filter(TEST_LABEL, scenario))).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(ContainerLabels.filter(TEST_LABEL, scenario)))
                .exec().getVolumes();
        if (volumes != null) {
            for (var v : volumes) {
                docker.removeVolumeCmd(v.getName()).exec();
            }
        }
        docker.close();
    }

    private Map<String, String> labels(String call, boolean managed) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(TEST_LABEL, scenario);
        labels.put(ContainerLabels.STEP_CALL, call);
        if (managed) {
            labels.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
        }
        return labels;
    }

    private String container(Map<String, String> labels, boolean running) {
        String id = docker.createContainerCmd("mlops-base:bookworm").withLabels(labels)
                .withCmd("sleep", "300").withNetworkDisabled(true).exec().getId();
        if (running) {
            docker.startContainerCmd(id).exec();
        }
        return id;
    }

    private List<String> containersOf(String call) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(
                ContainerLabels.filter(TEST_LABEL, scenario), ContainerLabels.filter(ContainerLabels.STEP_CALL, call)))
                .exec().stream().map(c -> c.getId()).toList();
    }

    @Test
    void removesTheCallsContainersAndVolumesOnly() {
        String call = "7-" + scenario.substring(0, 8);
        container(labels(call, true), true);
        container(labels(call, true), false);
        docker.createVolumeCmd().withName("mlops-sweep-" + scenario).withLabels(labels(call, true)).exec();
        String otherCall = container(labels("8-other", true), true);
        String notOurs = container(labels(call, false), false);

        ContainerSweep.Swept swept = ContainerSweep.remove(docker, ContainerLabels.STEP_CALL, call, new Recording());

        assertThat(swept.removed()).isEqualTo(3);
        assertThat(swept.failed()).isZero();
        assertThat(containersOf(call)).as("only the unmanaged one of this call is left").containsExactly(notOurs);
        assertThat(containersOf("8-other")).containsExactly(otherCall);
        assertThat(docker.listVolumesCmd().withFilter("name", List.of("mlops-sweep-" + scenario)).exec().getVolumes())
                .isNullOrEmpty();
        assertThat(infos).isEmpty();
    }

    private final class Recording implements LogSink {
        @Override
        public void line(Stream stream, String line) {
            infos.add(line);
        }

        @Override
        public void info(String message) {
            infos.add(message);
        }
    }
}
