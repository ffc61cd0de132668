package io.jenkins.plugins.mlops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.deploy.ServiceStatus;
import io.jenkins.plugins.mlops.core.deploy.SmokeResult;
import io.jenkins.plugins.mlops.core.deploy.LoadSummary;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the deployment commands print a deployment, a service's status and a deployment history entry. */
final class DeploymentOutput {

    private DeploymentOutput() {
    }

    static void print(PrintWriter out, DeploymentResult r, boolean json) {
        if (json) {
            RegistryOutput.print(out, result(r));
            return;
        }
        out.println(r.describe());
        Tables t = new Tables("FIELD", "VALUE");
        t.row("endpoint", r.endpoint());
        t.row("version", "v" + r.version() + (r.previousVersion() == null ? "" : " (was v" + r.previousVersion() + ")"));
        t.row("image", r.image());
        t.row("replicas", String.join(", ", r.replicas()));
        t.row("health", r.healthMs().stream().map(ms -> String.format(Locale.ROOT, "%.0f ms", ms)).toList());
        for (SmokeResult s : r.smoke()) {
            t.row("smoke " + s.test(), String.format(Locale.ROOT, "replica %d: %d in %.1f ms", s.replica(), s.status(),
                    s.latencyMs()));
        }
        if (r.load() != null) {
            t.row("load test", r.load());
        }
        t.row("switch", String.format(Locale.ROOT, "%.0f ms%s", r.switchMs(), r.instant() ? " (kept replicas)" : ""));
        t.row("to serving", String.format(Locale.ROOT, "%.0f ms", r.totalMs()));
        t.row("alias", r.alias());
        t.row("previous kept until", r.keptUntil());
        t.print(out);
        out.flush();
    }

    static void print(PrintWriter out, List<ServiceStatus> services, boolean json) {
        if (json) {
            ArrayNode arr = RegistryOutput.JSON.createArrayNode();
            services.forEach(s -> arr.add(status(s)));
            RegistryOutput.print(out, arr);
            return;
        }
        if (services.isEmpty()) {
            out.println("no services on this Docker host");
            return;
        }
        Tables t = new Tables("SERVICE", "ENDPOINT", "MODEL", "VERSION", "REPLICAS", "PREVIOUS", "DEPLOYED BY", "STATE");
        for (ServiceStatus s : services) {
            String replicas = s.replicas().stream().map(r -> r.name().substring(r.name().lastIndexOf('-') + 1) + ":"
                    + r.port() + " " + r.proxyStatus()).reduce((a, b) -> a + ", " + b).orElse("-");
            t.row(s.service(), s.endpoint(), s.model(), s.version() == null ? null : "v" + s.version(), replicas,
                    s.previousVersion() == null ? null : "v" + s.previousVersion() + " until " + s.previousUntil(),
                    s.deployedBy(), s.serving() ? "serving" : s.proxyRunning() ? "no healthy replica" : "proxy down"
                            + (s.stale() > 0 ? ", " + s.stale() + " stale" : ""));
        }
        t.print(out);
        out.flush();
    }

    static ObjectNode result(DeploymentResult r) {
        ObjectNode n = RegistryOutput.JSON.createObjectNode();
        n.put("service", r.service()).put("model", r.model()).put("version", r.version());
        if (r.previousVersion() == null) {
            n.putNull("previousVersion");
        } else {
            n.put("previousVersion", r.previousVersion());
        }
        n.put("endpoint", r.endpoint()).put("deploymentId", r.deploymentId()).put("rollback", r.rollback())
                .put("instant", r.instant()).put("forced", r.forced()).put("image", r.image()).put("alias", r.alias());
        ArrayNode replicas = n.putArray("replicas");
        r.replicas().forEach(replicas::add);
        ArrayNode health = n.putArray("healthMs");
        r.healthMs().forEach(health::add);
        ArrayNode smoke = n.putArray("smoke");
        for (SmokeResult s : r.smoke()) {
            smoke.addObject().put("test", s.test()).put("replica", s.replica()).put("status", s.status())
                    .put("latencyMs", s.latencyMs()).put("failure", s.failure());
        }
        if (r.load() == null) {
            n.putNull("load");
        } else {
            n.set("load", load(r.load()));
        }
        n.put("switchMs", r.switchMs()).put("totalMs", r.totalMs());
        n.put("keptUntil", r.keptUntil() == null ? null : r.keptUntil().toString());
        return n;
    }

    static ObjectNode load(LoadSummary l) {
        ObjectNode n = RegistryOutput.JSON.createObjectNode();
        n.put("requests", l.total()).put("failed", l.failed()).put("rps", l.achievedRatePerSecond())
                .put("p50Ms", l.p50Millis()).put("p99Ms", l.p99Millis()).put("maxMs", l.maxMillis());
        return n;
    }

    static ObjectNode status(ServiceStatus s) {
        ObjectNode n = RegistryOutput.JSON.createObjectNode();
        n.put("service", s.service()).put("model", s.model()).put("endpoint", s.endpoint())
                .put("proxyRunning", s.proxyRunning()).put("serving", s.serving()).put("version", s.version())
                .put("deploymentId", s.deploymentId()).put("deployedBy", s.deployedBy()).put("alias", s.alias())
                .put("previousVersion", s.previousVersion())
                .put("previousUntil", s.previousUntil() == null ? null : s.previousUntil().toString())
                .put("stale", s.stale());
        ArrayNode replicas = n.putArray("replicas");
        for (ServiceStatus.Replica r : s.replicas()) {
            replicas.addObject().put("name", r.name()).put("port", r.port()).put("state", r.state())
                    .put("proxyStatus", r.proxyStatus()).put("requests", r.requests()).put("errors5xx", r.errors5xx())
                    .put("avgResponseMs", r.avgResponseMs());
        }
        return n;
    }

    /** One deployment of the model's history, as {@code mlops models history --json} prints it. */
    static ObjectNode event(DeploymentEvent d) {
        ObjectNode n = RegistryOutput.JSON.createObjectNode();
        n.put("kind", "deployment").put("service", d.getService()).put("version", d.getVersion())
                .put("previousVersion", d.getPreviousVersion()).put("endpoint", d.getEndpoint())
                .put("actor", d.getActor()).put("at", d.getAt().toString())
                .put("action", d.getAction().name().toLowerCase(Locale.ROOT))
                .put("outcome", d.getOutcome().name().toLowerCase(Locale.ROOT)).put("forced", d.isForced())
                .put("image", d.getImage()).put("deploymentId", d.getDeploymentId()).put("reason", d.getReason());
        ObjectNode figures = n.putObject("figures");
        d.getFigures().forEach(figures::put);
        return n;
    }

    /** The NOTE column of a deployment in {@code mlops models history}. */
    static String note(DeploymentEvent d) {
        StringBuilder b = new StringBuilder();
        if (d.getAction() != DeploymentEvent.Action.DEPLOY) {
            b.append(d.getAction().name().toLowerCase(Locale.ROOT));
        }
        if (d.isForced()) {
            b.append(b.length() == 0 ? "" : ", ").append("forced");
        }
        if (d.getReason() != null) {
            String reason = d.getReason().length() > 120 ? d.getReason().substring(0, 120) + "..." : d.getReason();
            b.append(b.length() == 0 ? "" : ": ").append(reason);
        } else if (d.getFigures().containsKey("total_ms")) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f ms to serving",
                    d.getFigures().get("total_ms")));
        }
        return b.toString();
    }
}
