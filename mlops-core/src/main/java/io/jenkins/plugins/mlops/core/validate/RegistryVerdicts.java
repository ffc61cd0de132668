package io.jenkins.plugins.mlops.core.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The gate's verdict as the registry stores it with a version: whether it passed, and the rest of the verdict file
 * ({@link VerdictJson}) as its summary — what {@code mlops register --verdict} stores, so a version registered by the
 * Pipeline step and one registered by the CLI carry the same record.
 */
public final class RegistryVerdicts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryVerdicts() {
    }

    public static GateRecord of(GateVerdict verdict) {
        ObjectNode rest;
        try {
            rest = (ObjectNode) JSON.readTree(VerdictJson.toJson(verdict));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: reading JSON this class just wrote", e);
        }
        rest.remove("passed");
        return GateRecord.of(verdict.isPassed(), RegistryJson.text(rest));
    }
}
