package io.jenkins.plugins.mlops.core.deploy;

/**
 * The labels that hold a service's state on the Docker host. Docker labels cannot change once a container exists,
 * so each container carries only what never changes about it (which service, model, version, role, deployment and
 * port, who deployed it), and what does change — which deployment serves and which is kept for a rollback — is the
 * labels of the service's state container, replaced as a whole at every switch. The keys are read back by later
 * versions of the plugin: they never change.
 */
public final class DeployLabels {

    private static final String P = "io.jenkins.plugins.mlops.";
    public static final String SERVICE = P + "service";
    public static final String MODEL = P + "model";
    public static final String VERSION = P + "version";
    /** {@code proxy}, {@code replica}, {@code state} or {@code lock}. */
    public static final String ROLE = P + "role";
    public static final String DEPLOYED_BY = P + "deployed-by";
    /** The id shared by the replicas one deployment started. */
    public static final String DEPLOYMENT = P + "deployment";
    public static final String REPLICA = P + "replica";
    /** A replica's loopback port. */
    public static final String PORT = P + "port";
    /** The image id a replica runs ({@code sha256:...}) and, after a space, the reference it was given as. */
    public static final String IMAGE = P + "image";
    public static final String DIGEST = P + "model-digest";
    public static final String ALIAS = P + "alias";
    /** The proxy's stable endpoint ({@code 127.0.0.1:8080}) and the path it checks. */
    public static final String ENDPOINT = P + "endpoint";
    public static final String HEALTH_PATH = P + "health-path";
    /** On the state container: the deployment that serves, the one kept for a rollback and until when. */
    public static final String ACTIVE = P + "active";
    public static final String PREVIOUS = P + "previous";
    public static final String PREVIOUS_UNTIL = P + "previous-until";
    public static final String SINCE = P + "since";

    public static final String ROLE_PROXY = "proxy";
    public static final String ROLE_REPLICA = "replica";
    public static final String ROLE_STATE = "state";
    public static final String ROLE_LOCK = "lock";

    private DeployLabels() {
    }

    public static String proxyName(String service) {
        return "mlops-proxy-" + service;
    }

    public static String stateName(String service) {
        return "mlops-state-" + service;
    }

    public static String lockName(String service) {
        return "mlops-lock-" + service;
    }

    public static String replicaName(String service, int version, String deploymentId, int replica) {
        return "mlops-" + service + "-v" + version + "-" + deploymentId + "-" + replica;
    }
}
