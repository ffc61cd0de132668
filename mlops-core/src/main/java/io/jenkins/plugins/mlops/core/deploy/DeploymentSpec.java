package io.jenkins.plugins.mlops.core.deploy;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one deployment needs, as the user gave it (after {@link DeploymentArguments} checked it), with the
 * defaults filled in. Immutable and serializable: the Jenkins step builds it on the controller and ships it to the
 * agent whose Docker host serves the model. The names of the getters are the step's argument names.
 */
public final class DeploymentSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The version reference that means "what served before the current version". */
    public static final String PREVIOUS = "previous";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final String DEFAULT_HEALTH_PATH = "/health";
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_KEEP_PREVIOUS = Duration.ofMinutes(30);
    public static final int MAX_REPLICAS = 16;

    private final String name;
    private final String version;
    private final String image;
    private final String dockerfile;
    private final String buildContext;
    private final List<String> command;
    private final String service;
    private final Integer port;
    private final String bind;
    private final String healthPath;
    private final Duration healthTimeout;
    private final List<SmokeTest> smokeTests;
    private final LoadTestSpec loadTest;
    private final String alias;
    private final Map<String, String> env;
    private final Double cpus;
    private final Long memoryBytes;
    private final String gpus;
    /** Null: {@link io.jenkins.plugins.mlops.core.container.ResourceLimits#DEFAULT_PIDS_LIMIT}. */
    private final Long pidsLimit;
    private final boolean force;
    private final Duration keepPrevious;
    private final int replicas;
    private final Duration lockTimeout;
    private final String actor;
    private final String workDir;
    private final Map<String, String> labels;

    private DeploymentSpec(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.image = b.image;
        this.dockerfile = b.dockerfile;
        this.buildContext = b.buildContext;
        this.command = b.command == null ? null : List.copyOf(b.command);
        this.service = b.service != null ? b.service : DeploymentArguments.defaultService(b.name);
        this.port = b.port;
        this.bind = b.bind != null ? b.bind : DEFAULT_BIND;
        this.healthPath = b.healthPath != null ? b.healthPath : DEFAULT_HEALTH_PATH;
        this.healthTimeout = b.healthTimeout != null ? b.healthTimeout : DEFAULT_HEALTH_TIMEOUT;
        this.smokeTests = List.copyOf(b.smokeTests);
        this.loadTest = b.loadTest;
        this.alias = b.alias;
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.cpus = b.cpus;
        this.memoryBytes = b.memoryBytes;
        this.gpus = b.gpus;
        this.pidsLimit = b.pidsLimit;
        this.force = b.force;
        this.keepPrevious = b.keepPrevious != null ? b.keepPrevious : DEFAULT_KEEP_PREVIOUS;
        this.replicas = b.replicas != null ? b.replicas : 1;
        this.lockTimeout = b.lockTimeout != null ? b.lockTimeout : Duration.ofMinutes(10);
        this.actor = b.actor;
        this.workDir = b.workDir;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registered model's name. */
    public String getName() { return name; }
    /** A number ({@code 3}, {@code v3}), {@code latest}, an alias, or {@link #PREVIOUS}. */
    public String getVersion() { return version; }
    public boolean isRollback() { return PREVIOUS.equals(version); }
    /** The serving image; with a Dockerfile, the tag the built image gets. Null for a rollback that reuses it. */
    public String getImage() { return image; }
    public String getDockerfile() { return dockerfile; }
    public String getBuildContext() { return buildContext; }
    /** Replaces the image's CMD; null keeps it. */
    public List<String> getCommand() { return command; }
    /** The service: one stable endpoint and the replicas behind it. */
    public String getService() { return service; }
    /** The stable endpoint's port; null keeps the service's current one ({@value #DEFAULT_PORT} for a new one). */
    public Integer getPort() { return port; }
    /** The address the stable endpoint binds to. */
    public String getBind() { return bind; }
    public String getHealthPath() { return healthPath; }
    public Duration getHealthTimeout() { return healthTimeout; }
    public List<SmokeTest> getSmokeTests() { return smokeTests; }
    /** Null for no load test. */
    public LoadTestSpec getLoadTest() { return loadTest; }
    /** Moved to the deployed version when it serves; null moves none (a rollback uses the service's own). */
    public String getAlias() { return alias; }
    public Map<String, String> getEnv() { return env; }
    public Double getCpus() { return cpus; }
    public Long getMemoryBytes() { return memoryBytes; }
    public String getGpus() { return gpus; }
    public Long getPidsLimit() { return pidsLimit; }
    /** Deploy a version whose gate did not pass; recorded. */
    public boolean isForce() { return force; }
    /** How long the replaced version stays ready for an instant rollback; zero removes it at once. */
    public Duration getKeepPrevious() { return keepPrevious; }
    public int getReplicas() { return replicas; }
    /** How long to wait for another deployment of the same service to finish. */
    public Duration getLockTimeout() { return lockTimeout; }
    /** Who deploys: {@code "<job> #<n>"} or a user name. */
    public String getActor() { return actor; }
    /** Directory against which a relative Dockerfile and build context are resolved. */
    public String getWorkDir() { return workDir; }
    /** Extra labels put on every container the deployment creates (a test's, for example). */
    public Map<String, String> getLabels() { return labels; }

    /** The stable endpoint as a URL, once the port is known. */
    public static String endpoint(String bind, int port) {
        String host = bind.equals("0.0.0.0") ? "127.0.0.1" : bind.equals("::") ? "[::1]"
                : bind.contains(":") ? "[" + bind + "]" : bind;
        return "http://" + host + ":" + port;
    }

    /** Collects arguments; {@link #build()} checks them together and names the first wrong one. */
    public static final class Builder {
        private String name;
        private String version;
        private String image;
        private String dockerfile;
        private String buildContext;
        private List<String> command;
        private String service;
        private Integer port;
        private String bind;
        private String healthPath;
        private Duration healthTimeout;
        private final List<SmokeTest> smokeTests = new ArrayList<>();
        private LoadTestSpec loadTest;
        private String alias;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Double cpus;
        private Long memoryBytes;
        private String gpus;
        private Long pidsLimit;
        private boolean force;
        private Duration keepPrevious;
        private Integer replicas;
        private Duration lockTimeout;
        private String actor;
        private String workDir = System.getProperty("user.dir");
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder name(String v) { this.name = v; return this; }
        public Builder version(String v) { this.version = v; return this; }
        public Builder image(String v) { this.image = v; return this; }
        public Builder dockerfile(String v) { this.dockerfile = v; return this; }
        public Builder buildContext(String v) { this.buildContext = v; return this; }
        public Builder command(List<String> v) { this.command = v; return this; }
        public Builder service(String v) { this.service = v; return this; }
        public Builder port(Integer v) { this.port = v; return this; }
        public Builder bind(String v) { this.bind = v; return this; }
        public Builder healthPath(String v) { this.healthPath = v; return this; }
        public Builder healthTimeout(Duration v) { this.healthTimeout = v; return this; }
        public Builder smokeTests(List<SmokeTest> v) { if (v != null) { this.smokeTests.addAll(v); } return this; }
        public Builder smokeTest(SmokeTest v) { this.smokeTests.add(v); return this; }
        public Builder loadTest(LoadTestSpec v) { this.loadTest = v; return this; }
        public Builder alias(String v) { this.alias = v; return this; }
        public Builder env(Map<String, String> v) { if (v != null) { this.env.putAll(v); } return this; }
        public Builder cpus(Double v) { this.cpus = v; return this; }
        public Builder memoryBytes(Long v) { this.memoryBytes = v; return this; }
        public Builder gpus(String v) { this.gpus = v; return this; }
        public Builder pidsLimit(Long v) { this.pidsLimit = v; return this; }
        public Builder force(boolean v) { this.force = v; return this; }
        public Builder keepPrevious(Duration v) { this.keepPrevious = v; return this; }
        public Builder replicas(Integer v) { this.replicas = v; return this; }
        public Builder lockTimeout(Duration v) { this.lockTimeout = v; return this; }
        public Builder actor(String v) { this.actor = v; return this; }
        public Builder workDir(String v) { this.workDir = v; return this; }
        public Builder label(String k, String v) { this.labels.put(k, v); return this; }

        /** @throws io.jenkins.plugins.mlops.core.MlopsArgumentException naming the first wrong argument */
        public DeploymentSpec build() {
            DeploymentArguments.validate(this);
            return new DeploymentSpec(this);
        }

        // Read access for the validator, which lives beside the builder to keep this class about data.
        Long pidsLimit() { return pidsLimit; }
        String name() { return name; }
        String version() { return version; }
        String image() { return image; }
        String dockerfile() { return dockerfile; }
        List<String> command() { return command; }
        String service() { return service; }
        Integer port() { return port; }
        String bind() { return bind; }
        String healthPath() { return healthPath; }
        Duration healthTimeout() { return healthTimeout; }
        String alias() { return alias; }
        Map<String, String> env() { return env; }
        Double cpus() { return cpus; }
        Long memoryBytes() { return memoryBytes; }
        String gpus() { return gpus; }
        Duration keepPrevious() { return keepPrevious; }
        Integer replicas() { return replicas; }
    }
}
