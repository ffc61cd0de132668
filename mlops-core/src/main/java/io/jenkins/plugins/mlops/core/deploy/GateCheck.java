package io.jenkins.plugins.mlops.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate, enforced once more where it matters most: a version whose recorded verdict did not pass is not
 * deployed unless {@code force} is given, and then the override is recorded (alias history, deployment history).
 */
final class GateCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RULES = 5;

    private GateCheck() {
    }

    static void check(ModelVersion v, boolean force) throws DeploymentException {
        GateRecord gate = v.getGate();
        if (gate.isPassed() || force) {
            return;
        }
        String why = gate.getPassed() == null ? "was never validated"
                : "did not pass its quality gate" + failedRules(gate);
        throw new DeploymentException(DeploymentFailure.GATE_REFUSED, v.getName() + " v" + v.getVersion() + " " + why
                + "; it is not deployed. Give force: true (--force) to deploy it anyway, which is recorded in the"
                + " alias history and the deployment history");
    }

    /** {@code " (failed: 'rmse < 0.9' (0.95 against 0.9), 'mae < 0.75')"} from the verdict the registry keeps. */
    static String failedRules(GateRecord gate) {
        if (gate.getSummaryJson() == null) {
            return "";
        }
        JsonNode root;
        try {
            root = JSON.readTree(gate.getSummaryJson());
        } catch (IOException e) {
            return "";
        }
        List<String> failed = new ArrayList<>();
        int more = 0;
        for (JsonNode r : root.path("results")) {
            if (r.path("passed").asBoolean(true) || !r.hasNonNull("rule")) {
                continue;
            }
            if (failed.size() == MAX_RULES) {
                more++;
                continue;
            }
            String detail = r.hasNonNull("value") ? " (" + r.get("value").asText() + ")" : "";
            failed.add("'" + r.get("rule").asText() + "'" + detail);
        }
        if (failed.isEmpty()) {
            return "";
        }
        return " (failed: " + String.join(", ", failed) + (more > 0 ? " and " + more + " more" : "") + ")";
    }
}
