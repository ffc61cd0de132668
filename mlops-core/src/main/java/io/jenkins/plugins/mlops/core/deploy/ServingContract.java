package io.jenkins.plugins.mlops.core.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What a serving container gets (docs/serving-contract.md): where the model is and which variables say what. */
public final class ServingContract {

    public static final String MODEL_DIR = "/mlops/model";
    /** The server runs as {@code nobody}: it can read the model (root-owned) but change nothing outside /tmp. */
    public static final String USER = "65534:65534";
    public static final String LISTEN_HOST = "127.0.0.1";

    static final String MLOPS_MODEL_DIR = "MLOPS_MODEL_DIR";
    static final String MLOPS_MODEL_NAME = "MLOPS_MODEL_NAME";
    static final String MLOPS_MODEL_VERSION = "MLOPS_MODEL_VERSION";
    static final String MLOPS_MODEL_DIGEST = "MLOPS_MODEL_DIGEST";
    static final String MLOPS_HOST = "MLOPS_HOST";
    static final String MLOPS_PORT = "MLOPS_PORT";
    static final String MLOPS_HEALTH_PATH = "MLOPS_HEALTH_PATH";
    static final String MLOPS_SERVICE = "MLOPS_SERVICE";
    static final String MLOPS_REPLICA = "MLOPS_REPLICA";
    private static final Set<String> RESERVED = Set.of(MLOPS_MODEL_DIR, MLOPS_MODEL_NAME, MLOPS_MODEL_VERSION,
            MLOPS_MODEL_DIGEST, MLOPS_HOST, MLOPS_PORT, MLOPS_HEALTH_PATH, MLOPS_SERVICE, MLOPS_REPLICA);

    private ServingContract() {
    }

    static boolean reserved(String variable) {
        return RESERVED.contains(variable);
    }

    /** The environment of one replica: the contract's variables, then the user's (which cannot redefine them). */
    static Map<String, String> environment(String model, int version, String digest, int port, String healthPath,
            String service, int replica, Map<String, String> userEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MLOPS_MODEL_DIR, MODEL_DIR);
        env.put(MLOPS_MODEL_NAME, model);
        env.put(MLOPS_MODEL_VERSION, Integer.toString(version));
        if (digest != null) {
            env.put(MLOPS_MODEL_DIGEST, digest);
        }
        env.put(MLOPS_HOST, LISTEN_HOST);
        env.put(MLOPS_PORT, Integer.toString(port));
        env.put(MLOPS_HEALTH_PATH, healthPath);
        env.put(MLOPS_SERVICE, service);
        env.put(MLOPS_REPLICA, Integer.toString(replica));
        env.put("HOME", "/tmp");
        env.putAll(userEnv);
        return env;
    }
}
