package io.jenkins.plugins.mlops.core.container.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The paths and variables of docs/container-contract.md, in one place: the batch contract that training and
 * evaluation containers share (inputs copied in before start, outputs copied out after exit).
 */
public final class ContractLayout {

    public static final String ROOT = "/mlops";
    public static final String PARAMS_FILE = "/mlops/input/params.json";
    public static final String DATA_DIR = "/mlops/data";
    public static final String MODEL_INPUT_DIR = "/mlops/model";
    public static final String OUTPUT_DIR = "/mlops/output";
    public static final String OUTPUT_TOP = "output";
    public static final String MODEL_DIR = "/mlops/output/model";
    public static final String METRICS_FILE = "/mlops/output/metrics.json";
    public static final String PREDICTIONS_FILE = "/mlops/output/predictions.csv";
    /** Relative to the host output directory. */
    public static final String MODEL_NAME = "model";
    public static final String METRICS_NAME = "metrics.json";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ContractLayout() {
    }

    /** {@code epochs: 2} gives {@code MLOPS_PARAM_EPOCHS}; {@code learning-rate} gives {@code MLOPS_PARAM_LEARNING_RATE}. */
    public static String paramVariable(String name) {
        return "MLOPS_PARAM_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The container's environment: the contract's variables, then the user's {@code env} (which may override them). */
    static List<String> environment(String runId, Map<String, Object> params, boolean modelInput, Map<String, String> userEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLOPS_RUN_ID", runId);
        env.put("MLOPS_PARAMS_FILE", PARAMS_FILE);
        env.put("MLOPS_DATA_DIR", DATA_DIR);
        if (modelInput) {
            env.put("MLOPS_MODEL_INPUT", MODEL_INPUT_DIR);
        }
        env.put("MLOPS_OUTPUT_DIR", OUTPUT_DIR);
        env.put("MLOPS_MODEL_DIR", MODEL_DIR);
        env.put("MLOPS_METRICS_FILE", METRICS_FILE);
        env.put("MLOPS_PREDICTIONS_FILE", PREDICTIONS_FILE);
        params.forEach((k, v) -> env.put(paramVariable(k), paramText(v)));
        env.putAll(userEnv);
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    /** Numbers as JSON writes them, so that the variable and params.json agree. */
    private static String paramText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] paramsJson(Map<String, Object> params) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(params);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tar extracted at {@code /} of the training container before it starts: the params file, and the
     * output directories writable by any user the image may run as.
     */
    static byte[] skeletonTar(byte[] paramsJson, boolean dataDirectory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            directory(tar, "mlops/", 0755);
            directory(tar, "mlops/input/", 0755);
            TarArchiveEntry params = new TarArchiveEntry("mlops/input/params.json");
            params.setMode(0100644);
            params.setSize(paramsJson.length);
            tar.putArchiveEntry(params);
            tar.write(paramsJson);
            tar.closeArchiveEntry();
            if (dataDirectory) {
                directory(tar, "mlops/data/", 0755);
            }
            directory(tar, "mlops/output/", 0777);
            directory(tar, "mlops/output/model/", 0777);
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040000 | mode);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }
}
