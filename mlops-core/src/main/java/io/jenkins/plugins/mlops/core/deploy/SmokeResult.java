package io.jenkins.plugins.mlops.core.deploy;

import java.io.Serializable;

/**
 * What one smoke test got from one replica.
 *
 * @param test      {@code POST /predict}
 * @param replica   the replica's index
 * @param status    the answer's HTTP status, -1 when there was none
 * @param latencyMs from sending to the whole answer
 * @param failure   null when the answer was right, otherwise why not
 */
public record SmokeResult(String test, int replica, int status, double latencyMs, String failure) implements Serializable {

    public boolean ok() {
        return failure == null;
    }
}
