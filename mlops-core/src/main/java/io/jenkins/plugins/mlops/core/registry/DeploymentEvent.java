package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One deployment of a model version to a serving endpoint, as the model's history keeps it beside the alias
 * moves: which version went to which service and endpoint, who did it, when, whether it worked (and why not), and
 * what the verification measured. The history of these answers "what served where, when, and who put it there".
 */
public final class DeploymentEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What was done. */
    public enum Action {
        /** A chosen version was deployed. */
        DEPLOY,
        /** The version served before the current one was deployed again. */
        ROLLBACK,
        /** The service was removed. */
        UNDEPLOY
    }

    /** How it ended. */
    public enum Outcome {
        /** The version serves the endpoint. */
        SUCCEEDED,
        /** The version was refused or failed its checks; what served before still serves. */
        FAILED
    }

    private final String service;
    private final int version;
    private final Integer previousVersion;
    private final String endpoint;
    private final String actor;
    private final Instant at;
    private final Action action;
    private final Outcome outcome;
    private final boolean forced;
    private final String image;
    private final String deploymentId;
    private final String reason;
    private final LinkedHashMap<String, Double> figures;

    private DeploymentEvent(Builder b) {
        this.service = Objects.requireNonNull(b.service, "service");
        this.version = b.version;
        this.previousVersion = b.previousVersion;
        this.endpoint = b.endpoint;
        this.actor = b.actor == null || b.actor.isBlank() ? "unknown" : b.actor;
        this.at = Objects.requireNonNull(b.at, "at");
        this.action = Objects.requireNonNull(b.action, "action");
        this.outcome = Objects.requireNonNull(b.outcome, "outcome");
        this.forced = b.forced;
        this.image = b.image;
        this.deploymentId = b.deploymentId;
        this.reason = b.reason;
        this.figures = new LinkedHashMap<>(b.figures);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service's name (its stable endpoint's owner), e.g. {@code movie-predictor}. */
    public String getService() { return service; }
    /** The version deployed (or, for {@link Action#UNDEPLOY}, the one that served until then). */
    public int getVersion() { return version; }
    /** What served before, or null when the service was new. */
    public Integer getPreviousVersion() { return previousVersion; }
    /** The stable endpoint, e.g. {@code http://127.0.0.1:8080}. */
    public String getEndpoint() { return endpoint; }
    /** {@code "<job> #<n>"} or a user name. */
    public String getActor() { return actor; }
    public Instant getAt() { return at; }
    public Action getAction() { return action; }
    public Outcome getOutcome() { return outcome; }
    /** Whether {@code force} deployed a version whose gate had not passed. */
    public boolean isForced() { return forced; }
    /** The serving image, as given and with its id. */
    public String getImage() { return image; }
    /** The id shared by the containers of this deployment. */
    public String getDeploymentId() { return deploymentId; }
    /** Why it failed; null when it succeeded. */
    public String getReason() { return reason; }
    /** What the verification measured, by name ({@code health_ms}, {@code smoke.0.latency_ms}, {@code load.p99_ms}). */
    public Map<String, Double> getFigures() { return Collections.unmodifiableMap(figures); }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    @Override
    public String toString() {
        return at + " " + action.name().toLowerCase(java.util.Locale.ROOT) + " v" + version + " to " + service
                + (endpoint == null ? "" : " (" + endpoint + ")") + " by " + actor + ": "
                + outcome.name().toLowerCase(java.util.Locale.ROOT) + (reason == null ? "" : " (" + reason + ")");
    }

    /** Builds an event; service, at, action and outcome are required. */
    public static final class Builder {
        private String service;
        private int version;
        private Integer previousVersion;
        private String endpoint;
        private String actor;
        private Instant at;
        private Action action = Action.DEPLOY;
        private Outcome outcome = Outcome.SUCCEEDED;
        private boolean forced;
        private String image;
        private String deploymentId;
        private String reason;
        private final Map<String, Double> figures = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder service(String v) { service = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder previousVersion(Integer v) { previousVersion = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder actor(String v) { actor = v; return this; }
        public Builder at(Instant v) { at = v; return this; }
        public Builder action(Action v) { action = v; return this; }
        public Builder outcome(Outcome v) { outcome = v; return this; }
        public Builder forced(boolean v) { forced = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder deploymentId(String v) { deploymentId = v; return this; }
        public Builder reason(String v) { reason = v; return this; }

        /** Adds named figures; NaN and infinite values are left out (JSON cannot hold them as numbers). */
        public Builder figures(Map<String, Double> v) {
            v.forEach(this::figure);
            return this;
        }

        public Builder figure(String name, double value) {
            if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                figures.put(name, value);
            }
            return this;
        }

        public DeploymentEvent build() {
            return new DeploymentEvent(this);
        }
    }
}
